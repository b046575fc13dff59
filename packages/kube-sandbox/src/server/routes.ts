import {
  findByPath,
  RESOURCE_TYPES,
  groupEnabled,
  GroupSwitches,
  ResourceType,
} from '../discovery';

/** A request path that names a resource (or a collection of it). */
export interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPrefix: boolean;
}

/** Parses `/api/v1/...` and `/apis/<g>/<v>/...`; undefined when not a resource. */
export function parseRoute(
  path: string,
  groups: GroupSwitches,
): Route | undefined {
  let segs: string[];
  try {
    segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length > 2) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length > 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return undefined;
  }
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    rest[2] !== 'status' &&
    rest[2] !== 'finalize'
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  const type = findByPath(group, version, rest[0]);
  if (!type || !groupEnabled(group, groups)) return undefined;
  if (namespace !== undefined && !type.namespaced) return undefined;
  if (type.namespaced && namespace === undefined && rest.length > 1) {
    return undefined;
  }
  return {
    type,
    namespace,
    name: rest[1],
    subresource: rest[2],
    watchPrefix,
  };
}

/** The RBAC verb of a request. */
export function verbOf(
  method: string,
  route: Route,
  q: URLSearchParams,
): string {
  const watch =
    route.watchPrefix || q.get('watch') === 'true' || q.get('watch') === '1';
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return route.name ? 'get' : 'list';
    case 'POST':
      return route.name ? 'unsupported' : 'create';
    case 'PUT':
      return route.name ? 'update' : 'unsupported';
    case 'PATCH':
      return route.name ? 'patch' : 'unsupported';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      return 'unsupported';
  }
}

/** True when the path is under a group version this server serves (`/api/v1/…`, `/apis/apps/v1/…`). */
export function servesGroupVersion(
  path: string,
  groups: GroupSwitches,
): boolean {
  const segs = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  if (segs[0] === 'api') [group, version] = ['', segs[1]];
  else if (segs[0] === 'apis') [group, version] = [segs[1], segs[2]];
  else return false;
  return RESOURCE_TYPES.some(
    t =>
      t.group === group && t.version === version && groupEnabled(group, groups),
  );
}
