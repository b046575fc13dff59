import type { ResourceType } from '../discovery';
import { ApiError, qualifiedResource } from '../errors';
import type { Route } from './routes';

/** What a scenario forbids to the sandbox token. */
export interface ForbidRules {
  /** Any request in these namespaces is 403 (all-namespace lists omit them). */
  namespaces?: string[];
  /** Any request for these resources (`secrets`, `Secret`, `deployments.apps`). */
  resources?: string[];
}

/** The user the sandbox token authenticates as. */
export const USER = 'system:serviceaccount:kube-sandbox:sandbox';

function isForbiddenResource(
  t: ResourceType,
  forbid: Required<ForbidRules>,
): boolean {
  return forbid.resources.some(r => {
    const lower = r.toLowerCase();
    return (
      lower === t.plural ||
      lower === t.kind.toLowerCase() ||
      lower === qualifiedResource(t.plural, t.group) ||
      lower === `${t.kind.toLowerCase()}.${t.group}`
    );
  });
}

/** Throws the RBAC 403 the real API server would answer. */
export function checkForbidden(
  route: Route,
  verb: string,
  forbid: Required<ForbidRules>,
): void {
  const t = route.type;
  const ns = route.namespace;
  const nsForbidden = ns !== undefined && forbid.namespaces.includes(ns);
  // A token kept out of some namespaces has namespaced Roles only, so RBAC refuses reads of
  // namespaced kinds across all namespaces as a whole: it never filters a list.
  const clusterWide =
    ns === undefined && t.namespaced && forbid.namespaces.length > 0;
  if (!nsForbidden && !clusterWide && !isForbiddenResource(t, forbid)) return;
  const q = qualifiedResource(t.plural, t.group);
  const subject = route.name ? `${q} "${route.name}"` : q;
  let where = '';
  if (ns) where = ` in the namespace "${ns}"`;
  else if (t.namespaced) where = ' at the cluster scope';
  throw new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${USER}" cannot ${verb} resource "${t.plural}" in API group "${t.group}"${where}`,
    { name: route.name, group: t.group || undefined, kind: t.plural },
  );
}
