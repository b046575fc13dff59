import { DevTarget, PodSummary } from '@okteto-dev/plugin-okteto-dev-common';
import {
  KubeContainer,
  KubeContainerStatus,
  KubeDeployment,
  KubePod,
  Read,
  WorkloadKind,
} from './types';

/**
 * What `okteto up` writes into the cluster: okteto/okteto `pkg/k8s/apps/translate.go`
 * (translate, DevModeOff), `pkg/k8s/apps/deployments.go` (DevClone), `pkg/model/const.go`.
 */
export const OKTETO = {
  devLabel: 'dev.okteto.com',
  cloneLabel: 'dev.okteto.com/clone',
  replicasAnnotation: 'dev.okteto.com/replicas',
  modeAnnotation: 'dev.okteto.com/dev-mode',
  /** CLIs older than 1.14.2 patched the original in place and left this on its metadata. */
  legacyDeploymentAnnotation: 'dev.okteto.com/deployment',
  interactivePodLabel: 'interactive.dev.okteto.com',
  detachedPodLabel: 'detached.dev.okteto.com',
  cloneSuffix: '-okteto',
  usernameEnv: 'OKTETO_USERNAME',
} as const;

/** Argo CD's resource tracking (argo-cd `util/argo/resource_tracking.go`). */
export const ARGO_TRACKING = {
  annotation: 'argocd.argoproj.io/tracking-id',
  label: 'app.kubernetes.io/instance',
} as const;

/** Reasons of a waiting or terminated container that mean it fails, not that it starts. */
const FAILING_REASONS = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
]);

/** client-node turns timestamps into Dates; the status carries ISO strings. */
export function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : undefined;
}

function stateReason(status: KubeContainerStatus): string | undefined {
  return status.state?.waiting?.reason ?? status.state?.terminated?.reason;
}

/** The first init container that keeps the pod from starting, with why. */
export function stuckInitContainer(
  pod: KubePod,
): { container: string; reason: string } | undefined {
  for (const status of pod.status?.initContainerStatuses ?? []) {
    const reason = stateReason(status);
    if (
      reason &&
      reason !== 'Completed' &&
      status.state?.terminated?.exitCode !== 0
    ) {
      return { container: status.name, reason };
    }
  }
  return undefined;
}

export function summarizePod(pod: KubePod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const init = stuckInitContainer(pod);
  const reason =
    (init ? `Init:${init.reason}` : undefined) ??
    statuses.map(stateReason).find(r => r !== undefined) ??
    pod.status?.reason;
  const startedAt = statuses
    .map(s => isoTime(s.state?.running?.startedAt))
    .find(t => t !== undefined);
  const last = statuses.map(s => s.lastState?.terminated).find(Boolean);
  return {
    name: pod.metadata.name,
    phase: pod.status?.phase ?? 'Unknown',
    ready: statuses.length > 0 && statuses.every(s => s.ready === true),
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    ...(reason ? { reason } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(last
      ? {
          lastTermination: {
            ...(last.reason ? { reason: last.reason } : {}),
            ...(last.exitCode !== undefined ? { exitCode: last.exitCode } : {}),
            ...(isoTime(last.finishedAt)
              ? { finishedAt: isoTime(last.finishedAt) }
              : {}),
          },
        }
      : {}),
  };
}

export function isFailing(pod: PodSummary): boolean {
  if (pod.reason === undefined) return false;
  return FAILING_REASONS.has(pod.reason.replace(/^Init:/, ''));
}

function isDevPod(pod: KubePod): boolean {
  const labels = pod.metadata.labels ?? {};
  return (
    OKTETO.interactivePodLabel in labels || OKTETO.detachedPodLabel in labels
  );
}

function matches(
  labels: Record<string, string> | undefined,
  selector: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/**
 * A pod of the workload: its labels match the selector and the workload controls it — a
 * StatefulSet directly (kubernetes pkg/controller/statefulset), a Deployment through one of its
 * ReplicaSets (`<deployment>-<pod-template-hash>`: pkg/controller/deployment/sync.go names them so
 * and labels their pods with the hash) — or nothing does yet (a controller adopts a matching
 * orphan: ClaimPods). A pod another controller owns is not the workload's even when its labels
 * match — web-core's chart labels its migrations Job's pods with the Deployment's selector labels
 * (deploy/charts/web-app/templates/migrations-job.yaml).
 */
function ofWorkload(
  pod: KubePod,
  deployment: KubeDeployment,
  kind: WorkloadKind,
): boolean {
  if (!matches(pod.metadata.labels, deployment.spec?.selector?.matchLabels)) {
    return false;
  }
  const controller = pod.metadata.ownerReferences?.find(o => o.controller);
  if (!controller) return true;
  if (kind === 'StatefulSet') {
    return (
      controller.kind === 'StatefulSet' &&
      controller.name === deployment.metadata.name
    );
  }
  if (controller.kind !== 'ReplicaSet') return false;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  return hash
    ? controller.name === `${deployment.metadata.name}-${hash}`
    : controller.name.startsWith(`${deployment.metadata.name}-`);
}

export function findContainer(
  deployment: KubeDeployment,
  name: string,
): KubeContainer | undefined {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  return containers.find(c => c.name === name) ?? containers[0];
}

/** The target workload, its dev clone, and the pods of each, located once per derivation. */
export interface LocatedWorkloads {
  original?: KubeDeployment;
  clone?: KubeDeployment;
  /** Live pods of the original (dev pods excluded: the clone keeps the original's selector). */
  originalPods: KubePod[];
  /** Pods of the clone (labelled `interactive.dev.okteto.com` or `detached.dev.okteto.com`). */
  clonePods: KubePod[];
}

/**
 * Finds the original and its clone. The clone is `<original>-okteto`
 * (`model.DevCloneName`) labelled `dev.okteto.com/clone: <uid of the original>` (DevClone); a clone
 * whose original is gone is still found by name.
 */
export function locateWorkloads(
  deployments: KubeDeployment[],
  pods: Read<KubePod[]>,
  target: Pick<DevTarget, 'workload' | 'workloadKind'>,
): LocatedWorkloads {
  const kind = target.workloadKind ?? 'Deployment';
  const original = deployments.find(d => d.metadata.name === target.workload);
  const uid = original?.metadata.uid;
  const clone =
    deployments.find(
      d => uid && d.metadata.labels?.[OKTETO.cloneLabel] === uid,
    ) ??
    deployments.find(
      d => d.metadata.name === `${target.workload}${OKTETO.cloneSuffix}`,
    );
  const live = pods.ok
    ? pods.value.filter(p => !p.metadata.deletionTimestamp)
    : [];
  return {
    ...(original ? { original } : {}),
    ...(clone ? { clone } : {}),
    originalPods: original
      ? live.filter(p => !isDevPod(p) && ofWorkload(p, original, kind))
      : [],
    clonePods: clone
      ? live.filter(p => isDevPod(p) && ofWorkload(p, clone, kind))
      : [],
  };
}

/** True when the original is marked for dev mode (Okteto also accepts a clone label on it). */
export function isMarkedForDevMode(original: KubeDeployment): boolean {
  const labels = original.metadata.labels ?? {};
  return (
    labels[OKTETO.devLabel] === 'true' || Boolean(labels[OKTETO.cloneLabel])
  );
}

/**
 * How Argo CD tracks the workload, read from the object: the tracking-id annotation (the 3.x
 * default) or, without it, the instance label (label tracking, `isSelfReferencedObj` in argo-cd
 * `controller/state.go` is then true for the clone that copied the label).
 */
export function trackingOf(
  deployment: KubeDeployment | undefined,
): 'annotation' | 'label' | 'none' {
  if (!deployment) return 'none';
  if (deployment.metadata.annotations?.[ARGO_TRACKING.annotation]) {
    return 'annotation';
  }
  return deployment.metadata.labels?.[ARGO_TRACKING.label] ? 'label' : 'none';
}

/** Replicas the original runs with now: `spec.replicas` (Kubernetes defaults it to 1). */
export function specReplicas(deployment: KubeDeployment): number {
  return deployment.spec?.replicas ?? 1;
}

/**
 * Pods are needed only to explain something: a dev clone (its pod, a conflict), or an original
 * that is not exactly at its wanted replicas. A healthy app without dev mode needs none.
 */
export function needsPods(
  deployments: KubeDeployment[],
  target: Pick<DevTarget, 'workload'>,
): boolean {
  const original = deployments.find(d => d.metadata.name === target.workload);
  const uid = original?.metadata.uid;
  const clone = deployments.some(
    d =>
      (uid && d.metadata.labels?.[OKTETO.cloneLabel] === uid) ||
      d.metadata.name === `${target.workload}${OKTETO.cloneSuffix}`,
  );
  if (clone) return true;
  if (!original) return false;
  const wanted = specReplicas(original);
  return (
    (original.status?.readyReplicas ?? 0) !== wanted ||
    (original.status?.replicas ?? 0) !== wanted
  );
}
