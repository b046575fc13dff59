import {
  ArgoStatus,
  DevMessage,
  devMessage,
  DevSession,
  DevTarget,
  OktetoStatus,
  PodSummary,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  DeriveOptions,
  KubePod,
  KubeWorkload,
  Read,
  WorkloadKind,
} from './types';
import {
  findContainer,
  isFailing,
  isMarkedForDevMode,
  isoTime,
  LocatedWorkloads,
  OKTETO,
  specReplicas,
  stuckInitContainer,
  summarizePod,
  trackingOf,
} from './workloads';

/** How long the session has existed: from the clone's creation (Okteto writes no start time). */
function sessionOf(
  clone: KubeWorkload,
  fetchedAt: string,
  options: Pick<DeriveOptions, 'abandonedAfterSeconds'>,
): DevSession {
  const since = isoTime(clone.metadata.creationTimestamp);
  const ms = since ? Date.parse(fetchedAt) - Date.parse(since) : NaN;
  const ageSeconds = Number.isNaN(ms)
    ? undefined
    : Math.max(0, Math.round(ms / 1000));
  return {
    ...(since ? { since } : {}),
    ...(ageSeconds !== undefined ? { ageSeconds } : {}),
    abandoned:
      ageSeconds !== undefined && ageSeconds > options.abandonedAfterSeconds,
  };
}

/** The PVC the dev pod mounts (`<dev>-okteto`, okteto/okteto `pkg/k8s/volumes`). */
function devVolumeClaim(clone: KubeWorkload): string | undefined {
  return clone.spec?.template?.spec?.volumes
    ?.map(v => v.persistentVolumeClaim?.claimName)
    .find((n): n is string => Boolean(n?.endsWith(OKTETO.cloneSuffix)));
}

/**
 * Why the dev clone has no working pod: a failed pod creation in its conditions (a Deployment's
 * ReplicaFailure for quota or Pod Security; any condition with reason FailedCreate, as okteto
 * `pkg/k8s/deployments/crud.go` and `pkg/k8s/statefulsets/crud.go` CheckConditionErrors read
 * them), a StatefulSet clone without its pod (the StatefulSet controller reports a refused
 * creation only as a FailedCreate Event: kubernetes `pkg/controller/statefulset/
 * stateful_pod_control.go` recordPodEvent), a pod that cannot be scheduled (its PVC Pending among
 * others), a stuck init container (`okteto-bin`, `okteto-init-volume`), or a failing dev container.
 */
function cloneProblems(
  clone: KubeWorkload,
  pods: KubePod[],
  kind: WorkloadKind,
): DevMessage[] {
  const problems: DevMessage[] = [];
  const cloneName = clone.metadata.name;
  const failure = clone.status?.conditions?.find(
    c =>
      (c.type === 'ReplicaFailure' || c.reason === 'FailedCreate') &&
      c.status === 'True',
  );
  if (failure) {
    problems.push(
      devMessage('oktetoCloneCreateFailed', {
        clone: cloneName,
        reason: failure.reason ?? 'ReplicaFailure',
        message: failure.message ?? '',
      }),
    );
  } else if (
    kind === 'StatefulSet' &&
    pods.length === 0 &&
    specReplicas(clone) > 0 &&
    (clone.status?.replicas ?? 0) === 0
  ) {
    problems.push(devMessage('oktetoCloneNoPod', { clone: cloneName, kind }));
  }
  for (const pod of pods) {
    const name = pod.metadata.name;
    const unscheduled = pod.status?.conditions?.find(
      c => c.type === 'PodScheduled' && c.status === 'False',
    );
    const claim = devVolumeClaim(clone);
    if (unscheduled) {
      // the scheduler's VolumeBinding plugin: "pod has unbound immediate PersistentVolumeClaims"
      problems.push(
        claim && /PersistentVolumeClaim/i.test(unscheduled.message ?? '')
          ? devMessage('oktetoPvcPending', { pvc: claim, pod: name })
          : devMessage('oktetoPodUnschedulable', {
              pod: name,
              message: unscheduled.message ?? unscheduled.reason ?? '',
            }),
      );
      continue;
    }
    const init = stuckInitContainer(pod);
    const summary = summarizePod(pod);
    if (init && isFailing({ ...summary, reason: init.reason })) {
      problems.push(
        devMessage('oktetoInitFailing', {
          pod: name,
          container: init.container,
          reason: init.reason,
        }),
      );
    } else if (!init && isFailing(summary)) {
      problems.push(
        devMessage('oktetoPodCrashing', {
          pod: name,
          reason: summary.reason!,
          restarts: summary.restarts,
        }),
      );
    }
  }
  return problems;
}

/**
 * Okteto's dev mode on the workload, from the objects okteto up leaves
 * (okteto/okteto `pkg/k8s/apps/translate.go`, `cmd/up/devdeployer.go`: the clone is written first,
 * then the original; `pkg/cmd/down/run.go`: the original is restored first, then the clone deleted).
 * A labelled original without a clone therefore never comes from okteto itself.
 */
export function deriveOkteto(
  deployments: Read<KubeWorkload[]>,
  located: LocatedWorkloads,
  target: DevTarget,
  argo: ArgoStatus,
  fetchedAt: string,
  options: Pick<DeriveOptions, 'abandonedAfterSeconds'>,
): OktetoStatus {
  if (!deployments.ok) return { state: 'error', error: deployments.error };
  const { original, clone } = located;
  const cloneName =
    clone?.metadata.name ?? `${target.workload}${OKTETO.cloneSuffix}`;
  if (!original) {
    return clone
      ? {
          state: 'broken',
          problems: [
            devMessage('oktetoCloneWithoutWorkload', {
              clone: cloneName,
              workload: target.workload,
            }),
          ],
          clone: cloneName,
        }
      : { state: 'off' };
  }
  const annotations = original.metadata.annotations ?? {};
  const marked = isMarkedForDevMode(original);
  const legacy = OKTETO.legacyDeploymentAnnotation in annotations;
  if (!marked && !clone && !legacy) return { state: 'off' };

  const problems: DevMessage[] = [];
  if (marked && !clone && !legacy) {
    const pruned =
      trackingOf(original) === 'label' &&
      argo.state === 'ok' &&
      argo.autoSync &&
      argo.prune;
    problems.push(
      pruned
        ? devMessage('oktetoCloneDeletedByPrune', {
            workload: target.workload,
            clone: cloneName,
            application: target.application.name,
          })
        : devMessage('oktetoCloneDeleted', {
            workload: target.workload,
            clone: cloneName,
          }),
    );
  }
  if (clone && !marked) {
    problems.push(
      devMessage('oktetoInterrupted', {
        clone: cloneName,
        workload: target.workload,
      }),
    );
  }
  if (
    specReplicas(original) === 0 &&
    !(OKTETO.replicasAnnotation in annotations)
  ) {
    problems.push(
      devMessage('oktetoZeroWithoutReplicas', { workload: target.workload }),
    );
  }
  if (clone) {
    problems.push(
      ...cloneProblems(
        clone,
        located.clonePods,
        target.workloadKind ?? 'Deployment',
      ),
    );
  }

  const source = clone ?? original;
  const container = findContainer(source, target.container);
  const user = clone
    ? container?.env?.find(e => e.name === OKTETO.usernameEnv)?.value
    : undefined;
  const pods: PodSummary[] = located.clonePods.map(summarizePod);
  const session = clone ? sessionOf(clone, fetchedAt, options) : undefined;
  if (problems.length > 0) {
    return {
      state: 'broken',
      problems,
      ...(clone ? { clone: cloneName, pods } : {}),
      ...(user ? { user } : {}),
      ...session,
    };
  }
  const mode =
    source.metadata.annotations?.[OKTETO.modeAnnotation] ??
    annotations[OKTETO.modeAnnotation];
  return {
    state: 'on',
    mode: mode === 'hybrid' ? 'hybrid' : 'sync',
    ...(container?.image ? { image: container.image } : {}),
    ...(user ? { user } : {}),
    clone: source.metadata.name,
    pods,
    ...(session ?? { abandoned: false }),
  };
}
