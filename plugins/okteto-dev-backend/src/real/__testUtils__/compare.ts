import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { comparableStatus as clusterNeutral } from './normalizeStatus';

/*
 * What may differ between two answers about the same web-core state read from two clusters with
 * their own Argo CD, and nothing else: what any two clusters may answer differently
 * (normalizeStatus.ts: when the answer was read, container and session times, generated names,
 * how often a crash-looping container restarted), and on top of that what Argo CD and its
 * clusters write differently — every other time (the clusters ran at other moments: deployedAt,
 * reconciledAt, lastTransitionTime…), whether the answer came from the live cache (`stale`),
 * uids, the clusters' versions and kubectl's temp files in Argo CD's messages, which resources
 * Argo CD's health message names (the cause at the last health transition, a matter of timing;
 * whether there is one stays), whether Argo CD's repo-server already answers a failing render
 * from its cache ("Manifest generation error (cached): ", from the 4th comparison of the
 * revision on: the real controller compares on a timer, the sandbox only when something
 * happens; the error after it stays), and the order of pods (list order differs). Everything
 * else — verdicts, every message code and its params, the checklist, the drift and its
 * resources, Argo CD's revisions, history, resources and conditions — must be equal.
 */

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function normalizeString(s: string): string {
  if (ISO_TIME.test(s)) return '<time>';
  return (
    s
      .replace(UID, '<uid>')
      // kubectl apply's temp file of the manifest (Argo CD writes them under /dev/shm)
      .replace(/\/dev\/shm\/\d+/g, '/dev/shm/<file>')
      // the cluster's version, as Argo CD passes it to helm
      .replace(/--kube-version \d+\.\d+\.\d+/g, '--kube-version <version>')
      // argo-cd reposerver/repository/repository.go cachedManifestGenerationPrefix
      .replace('Manifest generation error (cached): ', '')
  );
}

function walk(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return normalizeString(value);
  if (Array.isArray(value)) {
    const items = value.map(v => walk(v));
    // pods come in list order, which differs between two clusters
    return key === 'pods'
      ? [...items].sort((a, b) =>
          JSON.stringify(a).localeCompare(JSON.stringify(b)),
        )
      : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'healthMessage' && typeof v === 'string') {
        // what caused the last health transition (argo-cd controller/appcontroller.go
        // persistAppStatus keeps it while the health stays): which resources were unhealthy at
        // that instant depends on how Argo CD's refresh interleaved with the controllers
        out[k] = '<cause of the last health change>';
        continue;
      }
      out[k] = walk(v, k);
    }
    return out;
  }
  return value;
}

/** The answer as two clusters in the same state must both give it. */
export function comparableStatus(status: DevStatus): unknown {
  const { stale: _s, ...rest } = status;
  return walk(clusterNeutral(rest as DevStatus));
}

/** Paths where `a` and `b` differ, with both values (empty: equal). */
export function differences(
  a: unknown,
  b: unknown,
  at = '',
): Array<{ path: string; real: unknown; sandbox: unknown }> {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const objects = a && b && typeof a === 'object' && typeof b === 'object';
  if (!objects || Array.isArray(a) !== Array.isArray(b)) {
    return [{ path: at || '.', real: a, sandbox: b }];
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
    return [{ path: at || '.', real: a, sandbox: b }];
  }
  const keys = new Set([
    ...Object.keys(a as object),
    ...Object.keys(b as object),
  ]);
  return [...keys].flatMap(k =>
    differences(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${at}.${k}`,
    ),
  );
}
