import type { PodTemplate } from './model';

/* Pod template annotations that tell the sandbox how pods behave (no kubelet to ask). */

/**
 * Main containers' state: `CrashLoopBackOff` (last termination `Error`,
 * exit code 1), `OOMKilled` (crash-looping, last termination `OOMKilled`,
 * exit code 137), `ImagePullBackOff`, `ErrImagePull`, `Pending`.
 */
export const POD_STATE_ANNOTATION = 'sandbox.okteto-dev/pod-state';

/**
 * An init container that does not complete: `ImagePullBackOff`,
 * `ErrImagePull` or `CrashLoopBackOff` (first init container), or
 * `<container>=<state>`.
 */
export const INIT_STATE_ANNOTATION = 'sandbox.okteto-dev/init-state';

export type PodState =
  | 'Running'
  | 'CrashLoopBackOff'
  | 'OOMKilled'
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'Pending'
  | 'NotReady'
  | 'CreateContainerConfigError';

/**
 * The pod label the real test cluster's kwok Stages select on (packages/real-cluster,
 * go/cluster/stages): the same manifests give the same pod states in the sandbox.
 */
const REAL_CLUSTER_STATE_LABEL = 'real-cluster.okteto-dev/state';

/** With the real cluster's state label: only this container takes the state. */
export const REAL_CLUSTER_CONTAINER_ANNOTATION =
  'real-cluster.okteto-dev/container';

/** With the real cluster's state label: the waiting message in place of the computed one. */
export const REAL_CLUSTER_MESSAGE_ANNOTATION =
  'real-cluster.okteto-dev/message';

/** With the real cluster's state label `crash-loop`: the exit code (default 1). */
export const REAL_CLUSTER_EXIT_CODE_ANNOTATION =
  'real-cluster.okteto-dev/exit-code';

const REAL_CLUSTER_STATES: Record<string, PodState> = {
  'crash-loop': 'CrashLoopBackOff',
  'err-image-pull': 'ErrImagePull',
  'image-pull-backoff': 'ImagePullBackOff',
  'create-container-config-error': 'CreateContainerConfigError',
  'container-creating': 'Pending',
  'not-ready': 'NotReady',
};

export type InitFailure =
  | 'ImagePullBackOff'
  | 'ErrImagePull'
  | 'CrashLoopBackOff';

const POD_STATES: PodState[] = [
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullBackOff',
  'ErrImagePull',
  'Pending',
];
const INIT_FAILURES: InitFailure[] = [
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
];

export function podStateOf(template: PodTemplate | undefined): PodState {
  const label = template?.metadata?.labels?.[REAL_CLUSTER_STATE_LABEL];
  if (label && REAL_CLUSTER_STATES[label]) return REAL_CLUSTER_STATES[label];
  const v = template?.metadata?.annotations?.[POD_STATE_ANNOTATION];
  return POD_STATES.find(s => s === v) ?? 'Running';
}

/**
 * True when the state comes from the real cluster's label: a pod as it is right after the
 * Deployment was applied (its progress deadline not passed), not "long enough ago" as the
 * sandbox's own annotation says.
 */
export function isFreshState(template: PodTemplate | undefined): boolean {
  const label = template?.metadata?.labels?.[REAL_CLUSTER_STATE_LABEL];
  return Boolean(label && REAL_CLUSTER_STATES[label]);
}

/** Which init container fails, and how (undefined: all complete). */
export function initFailureOf(
  template: PodTemplate | undefined,
): { container?: string; state: InitFailure } | undefined {
  const v = template?.metadata?.annotations?.[INIT_STATE_ANNOTATION];
  if (!v) return undefined;
  const [a, b] = v.includes('=') ? v.split('=', 2) : [undefined, v];
  const state = INIT_FAILURES.find(f => f === b);
  return state ? { container: a, state } : undefined;
}
