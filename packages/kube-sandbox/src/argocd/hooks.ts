import type { JsonObject, KubeObject } from '../types';

/*
 * Sync hooks (argo-cd controller/hook.go isHook → gitops-engine pkg/sync/hook): objects annotated
 * argocd.argoproj.io/hook (or Helm's helm.sh/hook) run during a sync, in their phase and wave, and
 * are never managed resources — not compared, not pruned, no health of the app's. web-core's chart
 * has one: the migrations Job (`hook: Sync`, sync-wave 1, `BeforeHookCreation,HookSucceeded`).
 */

const HOOK = 'argocd.argoproj.io/hook';
const HELM_HOOK = 'helm.sh/hook';
const DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
const WAVE = 'argocd.argoproj.io/sync-wave';

export function isHook(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return Boolean(a[HOOK] || a[HELM_HOOK]);
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/** A hook of the Sync phase (helm's pre/post-install map to PreSync/PostSync: not modelled). */
export function isSyncHook(o: KubeObject): boolean {
  return list(o.metadata.annotations?.[HOOK]).includes('Sync');
}

/** sync-wave (syncwaves.Wave: the annotation, default 0). */
export function waveOf(o: KubeObject): number {
  const n = Number.parseInt(o.metadata.annotations?.[WAVE] ?? '0', 10);
  return Number.isNaN(n) ? 0 : n;
}

/** hook.DeletePolicies: default BeforeHookCreation. */
export function deletePolicies(o: KubeObject): string[] {
  const p = list(o.metadata.annotations?.[DELETE_POLICY]);
  return p.length ? p : ['BeforeHookCreation'];
}

/** The pod spec a hook's Job would create pods from (for admission), if it is a Job. */
export function hookPodSpec(o: KubeObject): JsonObject | undefined {
  if (o.kind !== 'Job') return undefined;
  return ((o.spec as JsonObject | undefined)?.template as JsonObject | undefined)
    ?.spec as JsonObject | undefined;
}
