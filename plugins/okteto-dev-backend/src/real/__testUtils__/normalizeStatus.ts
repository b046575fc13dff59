import type { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';

/*
 * What two clusters may answer differently for the same state, and nothing more:
 * - when the answer was read, and times of containers and sessions;
 * - generated names: ReplicaSets and Pods are named by a hash of the pod template that each
 *   controller computes its own way (`<deployment>-<hash>-<5 chars>`);
 * - how often a crash-looping container has restarted (the real kubelet's back-off counts on,
 *   the sandbox says 7).
 */

const TIME_KEYS = new Set(['startedAt', 'finishedAt', 'since', 'fetchedAt']);

/** `<release>-web-app[-okteto]-<hash>[-<5 chars>]`: the chart's ReplicaSets and Pods. */
const GENERATED =
  /\b([a-z0-9-]+?-web-app(?:-okteto)?)-[bcdfghjklmnpqrstvwxz2456789]{6,10}(?:-[bcdfghjklmnpqrstvwxz2456789]{5})?\b/g;

function scrub(value: unknown, names: RegExp, key = ''): unknown {
  if (Array.isArray(value)) return value.map(v => scrub(v, names));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (TIME_KEYS.has(k) || k === 'ageSeconds' || k === 'live') continue;
      out[k] = scrub(v, names, k);
    }
    return out;
  }
  if (key === 'restarts' && typeof value === 'number') {
    return value > 0 ? 'some' : 0;
  }
  if (key === 'restarts' && typeof value === 'string') {
    return Number(value) > 0 ? 'some' : 0;
  }
  if (typeof value === 'string') {
    return value
      .replace(names, '$1-<hash>')
      .replace(/\(([A-Za-z]+), \d+ restarts\)/, '($1, some restarts)');
  }
  return value;
}

/** A status with what may differ between clusters replaced (see above). */
export function comparableStatus(s: DevStatus): unknown {
  return scrub(s, GENERATED);
}
