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
  | 'Pending';

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
  const v = template?.metadata?.annotations?.[POD_STATE_ANNOTATION];
  return POD_STATES.find(s => s === v) ?? 'Running';
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
