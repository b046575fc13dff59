import type http from 'node:http';
import { negotiate, notAcceptable } from '../accept';
import { apiVersionOf, ResourceType } from '../discovery';
import {
  ApiError,
  badRequest,
  notFound,
  qualifiedResource,
  resourceNotFound,
} from '../errors';
import { applyPatch, deepClone, patchTypeFromContentType } from '../patch';
import { compileFilter } from '../selectors';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { checkForbidden, ForbidRules } from './forbid';
import { parseJson, readBody, send } from './http';
import { checkMetadataShape, presentObject, sendList } from './present';
import type { Route } from './routes';
import { serveScale } from './scale';
import { storageOf } from './views';
import { serveWatch } from './watch';

/** One request for a resource: REST verbs, subresources and watches. */
export interface ResourceRequest {
  store: SandboxStore;
  forbid: Required<ForbidRules>;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  route: Route;
  verb: string;
  query: URLSearchParams;
  openStreams: Set<http.ServerResponse>;
}

function objectBody(
  body: unknown,
  t: ResourceType,
  ns: string | undefined,
): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body of the request must be a JSON object');
  }
  const obj = body as KubeObject;
  if (obj.kind && obj.kind !== t.kind) {
    throw badRequest(
      `the API version in the data (${
        obj.apiVersion
      }) does not match the expected API version (${apiVersionOf(
        t,
      )}) or kind (${obj.kind} vs ${t.kind})`,
    );
  }
  if (obj.apiVersion && obj.apiVersion !== apiVersionOf(t)) {
    throw badRequest(
      `the API version in the data (${
        obj.apiVersion
      }) does not match the expected API version (${apiVersionOf(t)})`,
    );
  }
  obj.apiVersion = apiVersionOf(t);
  obj.kind = t.kind;
  obj.metadata = obj.metadata ?? { name: '' };
  if (t.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = ns;
  }
  return obj;
}

function checkPreconditions(
  t: ResourceType,
  existing: KubeObject,
  body: unknown,
): void {
  const pre = (body as JsonObject | undefined)?.preconditions as
    | JsonObject
    | undefined;
  if (
    (pre?.uid && pre.uid !== existing.metadata.uid) ||
    (pre?.resourceVersion &&
      pre.resourceVersion !== existing.metadata.resourceVersion)
  ) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        t.plural,
        t.group,
      )} "${existing.metadata.name}": Precondition failed`,
    );
  }
}

async function readVerbBody(
  req: http.IncomingMessage,
  verb: string,
): Promise<unknown> {
  if (['create', 'update', 'patch'].includes(verb)) {
    return parseJson(await readBody(req));
  }
  if (verb === 'delete' || verb === 'deletecollection') {
    const text = await readBody(req);
    return text.trim() ? parseJson(text) : undefined;
  }
  return undefined;
}

export async function serveResource(r: ResourceRequest): Promise<void> {
  const { store, req, res, route, verb, query: q } = r;
  const t = route.type;
  if (verb === 'unsupported') {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  }
  checkForbidden(route, verb, r.forbid);
  const sub = route.subresource;
  if (
    sub &&
    !(sub === 'status' && t.statusSubresource) &&
    !(sub === 'scale' && t.scaleSubresource)
  ) {
    throw resourceNotFound();
  }
  const accept = negotiate(req.headers.accept, 'resource');
  if (!accept) throw notAcceptable();
  const isList = verb === 'list' || verb === 'deletecollection';
  if (isList || verb === 'get') checkMetadataShape(accept, t, isList);
  // `st`: where the objects are stored (events.k8s.io: the core Events)
  const view = storageOf(t);
  const st = view.storage;
  const tableRows = verb === 'watch' || verb === 'get';
  const present = (o: KubeObject) =>
    accept.kind === 'table'
      ? presentObject(o, accept, st, tableRows)
      : presentObject(view.out(o), accept, t, tableRows);
  const list = (items: KubeObject[]) =>
    accept.kind === 'table'
      ? sendList(res, st, items, accept, store.resourceVersion)
      : sendList(res, t, items.map(view.out), accept, store.resourceVersion);
  const ns = route.namespace;
  const filter = () =>
    compileFilter(
      {
        namespace: ns,
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
      },
      t,
    );

  if (verb === 'list' || verb === 'watch') {
    const f = filter();
    if (route.name) {
      f.fields.push({ path: 'metadata.name', op: '=', value: route.name });
    }
    if (verb === 'watch') {
      serveWatch({ ...r, type: st, filter: f, present });
      return;
    }
    list(store.listFiltered(st, f));
    return;
  }

  const body = await readVerbBody(req, verb);
  const name = route.name ?? '';
  if (sub === 'scale') {
    serveScale(store, req, res, route, verb, body);
    return;
  }
  const subresource = sub === 'status' ? 'status' : undefined;
  switch (verb) {
    case 'get': {
      const obj = store.get(st, ns, name);
      if (!obj) throw notFound(t.plural, t.group, name);
      send(res, 200, present(obj));
      return;
    }
    case 'create':
      send(res, 201, present(store.create(view.in(objectBody(body, t, ns)))));
      return;
    case 'update': {
      const obj = objectBody(body, t, ns);
      if (obj.metadata.name !== name) {
        throw badRequest(
          `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      send(res, 200, present(store.update(view.in(obj), { subresource })));
      return;
    }
    case 'patch': {
      const type = patchTypeFromContentType(
        String(req.headers['content-type'] ?? ''),
      );
      if (st === t) {
        const patched = store.patch(t, ns, name, body, type, { subresource });
        send(res, 200, present(patched));
        return;
      }
      // a view: patch the object as the client sees it
      const existing = store.get(st, ns, name);
      if (!existing) throw notFound(t.plural, t.group, name);
      const seen = deepClone(view.out(existing));
      const next = applyPatch(seen, body, type) as KubeObject;
      send(res, 200, present(store.update(view.in(next))));
      return;
    }
    case 'delete': {
      const existing = store.get(st, ns, name);
      if (!existing) throw notFound(t.plural, t.group, name);
      checkPreconditions(t, existing, body);
      send(res, 200, present(store.deleteOrThrow(st, ns, name)));
      return;
    }
    case 'deletecollection': {
      const deleted = store
        .listFiltered(st, filter())
        .map(o => store.delete(st, o.metadata.namespace, o.metadata.name))
        .filter((o): o is KubeObject => Boolean(o));
      list(deleted);
      return;
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
  }
}
