import type http from 'node:http';
import { negotiate, notAcceptable } from '../accept';
import {
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  GroupSwitches,
  versionInfo,
} from '../discovery';
import { resourceNotFound } from '../errors';
import { send, sendError } from './http';

/**
 * Serves the discovery documents; returns false when the path is not one.
 * `/api` and `/apis` also answer aggregated discovery; the other documents
 * accept no conversion (kube-apiserver: 406 for `as=` they cannot serve).
 */
export function serveDiscovery(
  path: string,
  acceptHeader: string | undefined,
  groups: GroupSwitches,
  address: string,
  res: http.ServerResponse,
): boolean {
  const segs = path.split('/').filter(Boolean);
  if (path === '/version') {
    send(res, 200, versionInfo());
    return true;
  }
  if (segs[0] === 'openapi') {
    sendError(res, resourceNotFound());
    return true;
  }
  const root = path === '/api' || path === '/apis';
  const doc =
    (segs[0] === 'api' && segs.length === 2) ||
    (segs[0] === 'apis' && (segs.length === 2 || segs.length === 3));
  if (!root && !doc) return false;
  const accept = negotiate(acceptHeader, root ? 'discovery' : 'plain');
  if (!accept) {
    sendError(res, notAcceptable(undefined, { header: acceptHeader }));
    return true;
  }
  if (root && accept.kind === 'discovery') {
    const v = accept.discoveryVersion ?? 'v2';
    send(
      res,
      200,
      aggregatedDiscovery(path === '/api', groups, v),
      `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
    );
    return true;
  }
  let body: unknown;
  if (root) {
    body = path === '/api' ? apiVersions(address) : apiGroupList(groups);
  } else if (segs[0] === 'api') {
    body = apiResourceList('', segs[1], groups);
  } else {
    body =
      segs.length === 2
        ? apiGroupDoc(segs[1], groups)
        : apiResourceList(segs[1], segs[2], groups);
  }
  if (body) send(res, 200, body);
  else sendError(res, resourceNotFound());
  return true;
}
