/**
 * The sync option that makes a sync keep the live value of the fields `ignoreDifferences` ignores
 * (argo-cd `controller/sync.go`). Without it a sync still applies Git's value.
 *
 * @public
 */
export const RESPECT_IGNORE_DIFFERENCES = 'RespectIgnoreDifferences=true';

/** argo-cd `util/glob`: `*` matches any run of characters; no pattern matches only the empty value. */
function globMatch(pattern: unknown, value: string): boolean {
  if (pattern === undefined || pattern === null || pattern === '') {
    return value === '';
  }
  if (typeof pattern !== 'string') return false;
  const regex = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(value);
}

/**
 * Whether an `ignoreDifferences` entry makes Argo CD ignore `/spec/replicas` of a Deployment, matched
 * as argo-cd `util/argo/normalizers/diff_normalizer.go` does: group and kind as globs, name and
 * namespace empty or equal; `/spec/replicas` or `/spec` as JSON pointer, `.spec.replicas` as jq path.
 * The one rule of the card's checklist and of the scaffolder's fix.
 *
 * @public
 */
export function ignoresReplicas(
  entry: unknown,
  workload: string,
  namespace: string,
): boolean {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return false;
  }
  const e = entry as Record<string, unknown>;
  const matchesObject =
    globMatch(e.group, 'apps') &&
    globMatch(e.kind, 'Deployment') &&
    (!e.name || e.name === workload) &&
    (!e.namespace || e.namespace === namespace);
  if (!matchesObject) return false;
  const pointers = Array.isArray(e.jsonPointers) ? e.jsonPointers : [];
  const jq = Array.isArray(e.jqPathExpressions) ? e.jqPathExpressions : [];
  return (
    pointers.some(p => p === '/spec/replicas' || p === '/spec') ||
    jq.some(
      x => typeof x === 'string' && x.replace(/\s/g, '') === '.spec.replicas',
    )
  );
}
