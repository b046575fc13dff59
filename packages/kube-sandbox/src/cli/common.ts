import { ApiError } from '../errors';
import { readKubeconfig } from '../kubeconfig';
import { httpOps, KubeOps } from '../ops';
import type { JsonObject, KubeObject } from '../types';

export type Out = (line: string) => void;

/** KubeOps on the API server of a kubeconfig (default `$KUBECONFIG`). */
export async function opsFor(kubeconfig: string | undefined): Promise<KubeOps> {
  if (!kubeconfig)
    throw new Error('no kubeconfig: pass --kubeconfig or set KUBECONFIG');
  return httpOps(await readKubeconfig(kubeconfig));
}

/** `a=b,c=d` → `{a: 'b', c: 'd'}` */
export function parseSelector(
  s: string | undefined,
): Record<string, string> | undefined {
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined)
      throw new Error(`bad selector "${s}" (want k=v,…)`);
    out[k.trim()] = v.trim();
  }
  return out;
}

/** One line about an Application: sync, revision, health, operation. */
export function describeApplication(app: KubeObject): string {
  const st = (app.status ?? {}) as JsonObject;
  const sync = (st.sync ?? {}) as JsonObject;
  const health = (st.health ?? {}) as JsonObject;
  const op = (st.operationState ?? {}) as JsonObject;
  const rev = String(sync.revision ?? '').slice(0, 7);
  const out = ((st.resources ?? []) as JsonObject[])
    .filter(r => r.status === 'OutOfSync')
    .map(
      r =>
        `${r.kind}/${r.name}${r.requiresPruning ? ' (requires pruning)' : ''}`,
    );
  const parts = [
    `Application ${app.metadata.name}: ${sync.status ?? 'Unknown'}${
      rev ? ` at ${rev}` : ''
    }`,
    `${health.status ?? 'Unknown'}`,
  ];
  if (op.phase) parts.push(`last operation ${op.phase}`);
  if (out.length) parts.push(`OutOfSync: ${out.join(', ')}`);
  return parts.join(', ');
}

/** Where Argo CD's Applications are looked for when not told: web-core's, then Argo CD's default. */
const APP_NAMESPACES = ['argo', 'argocd'];

/** The Applications of a namespace ([] when it cannot be read). */
async function applicationsIn(
  ops: KubeOps,
  namespace: string,
): Promise<KubeObject[]> {
  try {
    return await ops.list('applications', namespace);
  } catch (e) {
    if (e instanceof ApiError && [403, 404].includes(e.code)) return [];
    throw e;
  }
}

/**
 * The Applications' namespace: the given one, else the first of
 * APP_NAMESPACES that holds `app` (or any Application).
 */
export async function appNamespace(
  ops: KubeOps,
  given: string | undefined,
  app?: string,
): Promise<string> {
  if (given) return given;
  for (const ns of APP_NAMESPACES) {
    const apps = await applicationsIn(ops, ns);
    if (apps.some(a => !app || a.metadata.name === app)) return ns;
  }
  return APP_NAMESPACES[0];
}

/** The Application deploying into a namespace, if one is readable. */
export async function applicationFor(
  ops: KubeOps,
  namespace: string,
  argoNamespace?: string,
): Promise<KubeObject | undefined> {
  for (const ns of argoNamespace ? [argoNamespace] : APP_NAMESPACES) {
    const found = (await applicationsIn(ops, ns)).find(
      a =>
        (
          (a.spec as JsonObject | undefined)?.destination as
            | JsonObject
            | undefined
        )?.namespace === namespace,
    );
    if (found) return found;
  }
  return undefined;
}
