import {
  ArgoStatus,
  devMessage,
  DevTarget,
  Drift,
  DriftResource,
  OktetoStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  isMarkedForDevMode,
  LocatedWorkloads,
  OKTETO,
  specReplicas,
} from './workloads';

/**
 * Both the original and the dev clone serve when a clone exists and the original is scaled up or
 * still runs pods — whatever brought it back: self-heal, an automated sync of a new revision
 * (argo-cd `controller/appcontroller.go` autoSync skips only an already attempted revision;
 * okteto's watch reacts to `deployment.kubernetes.io/revision`, not to replicas:
 * okteto/okteto `pkg/k8s/apps/deployments.go`), or an interrupted okteto up/down.
 */
function conflict(
  located: LocatedWorkloads,
  argo: ArgoStatus,
): (Pick<Drift, 'cause'> & { replicas: number }) | undefined {
  const { original, clone } = located;
  if (!original || !clone) return undefined;
  const replicas = specReplicas(original);
  const running = located.originalPods.filter(
    p => p.status?.phase === 'Running',
  ).length;
  if (replicas === 0 && running === 0) return undefined;
  let cause: Drift['cause'] = 'other';
  if (!isMarkedForDevMode(original)) cause = 'interrupted';
  else if (argo.state === 'ok' && argo.selfHeal) cause = 'self-heal';
  else if (argo.state === 'ok' && argo.autoSync) cause = 'auto-sync';
  return { cause, replicas: Math.max(replicas, running) };
}

/**
 * Each OutOfSync resource of `status.resources[]`, with its cause: dev mode explains the target
 * workload (scaled to 0) and, under label tracking, the clone Argo CD wants to prune
 * (`isSelfReferencedObj` in argo-cd `controller/state.go`). Anything else is not dev mode's.
 */
function classify(
  argo: Extract<ArgoStatus, { state: 'ok' }>,
  target: Pick<DevTarget, 'workload' | 'namespace' | 'workloadKind'>,
  devMode: boolean,
): DriftResource[] {
  const clone = `${target.workload}${OKTETO.cloneSuffix}`;
  const kind = target.workloadKind ?? 'Deployment';
  return argo.resources
    .filter(r => r.status === 'OutOfSync')
    .map(r => {
      const deployment = r.kind === kind && (r.group ?? 'apps') === 'apps';
      const inNamespace = !r.namespace || r.namespace === target.namespace;
      const devModes =
        devMode &&
        deployment &&
        inNamespace &&
        (r.name === target.workload ||
          (r.name === clone && r.requiresPruning === true));
      return {
        ...r,
        cause: devModes ? ('dev-mode' as const) : ('other' as const),
      };
    });
}

function names(resources: DriftResource[]): string {
  return resources.map(r => `${r.kind} ${r.name}`).join(', ');
}

/** What Argo CD's view of the app means while Okteto may be running on it. */
export function deriveDrift(
  argo: ArgoStatus,
  okteto: OktetoStatus,
  located: LocatedWorkloads,
  target: DevTarget,
): Drift {
  const both = conflict(located, argo);
  const devMode = okteto.state === 'on' || okteto.state === 'broken';
  const resources = argo.state === 'ok' ? classify(argo, target, devMode) : [];
  if (both) {
    const params = {
      workload: target.workload,
      clone: located.clone!.metadata.name,
      replicas: both.replicas,
      application: target.application.name,
    };
    const code = {
      'auto-sync': 'driftConflictAutoSync',
      'self-heal': 'driftConflictSelfHeal',
      interrupted: 'driftConflictInterrupted',
      other: 'driftConflictOther',
    } as const;
    return {
      kind: 'conflict',
      cause: both.cause,
      resources,
      ...devMessage(code[both.cause ?? 'other'], params),
    };
  }
  if (argo.state !== 'ok') {
    return {
      kind: 'unknown',
      resources,
      ...devMessage(
        argo.state === 'not-found'
          ? 'driftUnknownArgoMissing'
          : 'driftUnknownArgoError',
      ),
    };
  }
  if (argo.sync === 'Unknown') {
    return { kind: 'unknown', resources, ...devMessage('driftUnknownSync') };
  }
  if (argo.sync === 'Synced') {
    return {
      kind: 'none',
      resources,
      ...devMessage(located.clone ? 'driftNoneDevMode' : 'driftNone'),
    };
  }
  const others = resources.filter(r => r.cause === 'other');
  if (others.length > 0) {
    const ours = resources.some(r => r.cause === 'dev-mode');
    return {
      kind: 'unexpected',
      resources,
      ...devMessage(ours ? 'driftUnexpectedDuringDevMode' : 'driftUnexpected', {
        resources: names(others),
        workload: target.workload,
      }),
    };
  }
  if (okteto.state === 'error') {
    return {
      kind: 'unknown',
      resources,
      ...devMessage('driftUnknownOktetoError'),
    };
  }
  if (!devMode) {
    return {
      kind: 'unexpected',
      resources,
      ...devMessage('driftUnexpectedUnnamed'),
    };
  }
  if (resources.length === 0) {
    return {
      kind: 'unknown',
      resources,
      ...devMessage('driftUnknownNoResources'),
    };
  }
  let code: 'driftExpected' | 'driftExpectedPrunable' | 'driftExpectedNoClone' =
    'driftExpected';
  if (!located.clone) code = 'driftExpectedNoClone';
  else if (resources.some(r => r.requiresPruning))
    code = 'driftExpectedPrunable';
  return {
    kind: 'expected-okteto',
    resources,
    ...devMessage(code, {
      workload: target.workload,
      clone: located.clone?.metadata.name ?? '',
    }),
  };
}
