import type http from 'node:http';
import { badRequest, notFound } from '../errors';
import { applyPatch, patchTypeFromContentType } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { send } from './http';
import type { Route } from './routes';

function toScale(o: KubeObject): JsonObject {
  const s = (o.spec ?? {}) as JsonObject;
  const st = (o.status ?? {}) as JsonObject;
  const sel = (s.selector as JsonObject | undefined)?.matchLabels ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: s.replicas ?? 1 },
    status: {
      replicas: st.replicas ?? 0,
      selector: Object.entries(sel as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

/** The `scale` subresource (autoscaling/v1 Scale). */
export function serveScale(
  store: SandboxStore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  route: Route,
  verb: string,
  body: unknown,
): void {
  const t = route.type;
  const name = route.name ?? '';
  const obj = store.get(t, route.namespace, name);
  if (!obj) throw notFound(t.plural, t.group, name);
  if (verb === 'get') {
    send(res, 200, toScale(obj));
    return;
  }
  let next: JsonObject;
  if (verb === 'patch') {
    const type = patchTypeFromContentType(
      String(req.headers['content-type'] ?? ''),
    );
    next = applyPatch(toScale(obj), body, type) as JsonObject;
  } else {
    next = body as JsonObject;
  }
  const replicas = Number((next?.spec as JsonObject | undefined)?.replicas);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw badRequest('spec.replicas must be a non-negative integer');
  }
  const spec = (obj.spec ?? {}) as JsonObject;
  const updated = store.put({ ...obj, spec: { ...spec, replicas } });
  send(res, 200, toScale(updated));
}
