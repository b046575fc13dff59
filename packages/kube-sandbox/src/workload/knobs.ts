import type { PodTemplate } from './model';

/* Pod template annotations that tell the sandbox how pods behave (no kubelet to ask). */

/** Main containers' state: `CrashLoopBackOff`, `ImagePullBackOff`, `Pending`. */
export const POD_STATE_ANNOTATION = 'sandbox.okteto-dev/pod-state';

/**
 * An init container that does not complete: `ImagePullBackOff` or
 * `CrashLoopBackOff` (first init container), or `<container>=<state>`.
 */
export const INIT_STATE_ANNOTATION = 'sandbox.okteto-dev/init-state';

export type PodState =
  | 'Running'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'Pending';

export type InitFailure = 'ImagePullBackOff' | 'CrashLoopBackOff';

export function podStateOf(template: PodTemplate | undefined): PodState {
  const v = template?.metadata?.annotations?.[POD_STATE_ANNOTATION];
  if (v === 'CrashLoopBackOff' || v === 'ImagePullBackOff' || v === 'Pending') {
    return v;
  }
  return 'Running';
}

/** Which init container fails, and how (undefined: all complete). */
export function initFailureOf(
  template: PodTemplate | undefined,
): { container?: string; state: InitFailure } | undefined {
  const v = template?.metadata?.annotations?.[INIT_STATE_ANNOTATION];
  if (!v) return undefined;
  const [a, b] = v.includes('=') ? v.split('=', 2) : [undefined, v];
  if (b !== 'ImagePullBackOff' && b !== 'CrashLoopBackOff') return undefined;
  return { container: a, state: b };
}
