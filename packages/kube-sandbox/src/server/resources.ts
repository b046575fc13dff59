import type http from 'node:http';
import {
  negotiate,
  notAcceptable,
  routeAccepts,
  watchNotAcceptable,
} from '../accept';
import { apiVersionOf, ResourceType } from '../discovery';
import { ApiError, badRequest, notFound, resourceNotFound } from '../errors';
import { applyPatch, deepClone, patchTypeFromContentType } from '../patch';
import { compileFilter } from '../selectors';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { checkForbidden, ForbidRules } from './forbid';
import { parseJson, readBody, send, sendError } from './http';
import { listPage } from './list';
import {
  parseListOptions,
  parseResourceVersionRaw,
  tooLargeResourceVersion,
} from './listOptions';
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

const isBuiltin = (t: ResourceType) =>
  t.group === '' || t.group === 'apps' || t.group === 'events.k8s.io';

function objectBody(
  body: unknown,
  t: ResourceType,
  ns: string | undefined,
): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body of the request must be a JSON object');
  }
  const obj = body as KubeObject;
  if (
    (obj.kind && obj.kind !== t.kind) ||
    (obj.apiVersion && obj.apiVersion !== apiVersionOf(t))
  ) {
    if (isBuiltin(t) && obj.kind && obj.apiVersion) {
      // the decoder reads the body's own kind, then cannot convert it to the endpoint's type
      const version = obj.apiVersion.split('/').pop();
      const internal = t.group === 'apps' ? 'apps' : 'core';
      throw badRequest(
        `${obj.kind} in version "${version}" cannot be handled as a ${t.kind}: converting (${version}.${obj.kind}) to (${internal}.${t.kind}): unknown conversion`,
      );
    }
    throw badRequest(
      `the API version in the data (${
        obj.apiVersion
      }) does not match the expected API version (${apiVersionOf(
        t,
      )}) or kind (${obj.kind} vs ${t.kind})`,
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

/** DeleteOptions' preconditions (rest/delete.go, storage preconditions: the 409 wording). */
function checkPreconditions(existing: KubeObject, body: unknown): void {
  const pre = (body as JsonObject | undefined)?.preconditions as
    | JsonObject
    | undefined;
  const kind = existing.kind;
  const name = existing.metadata.name;
  const fail = (message: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${kind} "${name}": ${message}`,
      { name, kind },
    );
  if (pre?.uid && pre.uid !== existing.metadata.uid) {
    throw fail(
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${existing.metadata.uid}). The object might have been deleted and then recreated`,
    );
  }
  if (
    pre?.resourceVersion &&
    pre.resourceVersion !== existing.metadata.resourceVersion
  ) {
    throw fail(
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion}). The object might have been modified`,
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

/** A resource request; errors go out as Status objects in the negotiated format (JSON or YAML). */
export async function serveResource(r: ResourceRequest): Promise<void> {
  try {
    await serve(r);
  } catch (e) {
    if (r.res.headersSent) {
      r.res.destroy();
      return;
    }
    const format = negotiate(r.req.headers.accept, 'resource')?.format;
    sendError(r.res, e, format ?? 'json');
  }
}

async function serve(r: ResourceRequest): Promise<void> {
  const { store, req, res, route, verb, query: q } = r;
  const t = route.type;
  if (verb === 'unsupported') {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
      {},
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
  // the router's match on Accept comes first for built-in kinds (go-restful)
  if (isBuiltin(t) && !routeAccepts(req.headers.accept)) {
    throw notAcceptable(undefined, {
      header: req.headers.accept,
      collection: !route.name,
    });
  }
  const accept = negotiate(req.headers.accept, 'resource');
  if (!accept) {
    throw verb === 'watch'
      ? watchNotAcceptable()
      : notAcceptable(undefined, {
          header: req.headers.accept,
          custom: !isBuiltin(t),
        });
  }
  // YAML has no streaming serializer (a watch stays JSON)
  if (verb === 'watch' && accept.format === 'yaml') throw watchNotAcceptable();
  const format = accept.format ?? 'json';
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
    const opts = parseListOptions(q, verb === 'watch');
    const f = filter();
    if (route.name) {
      f.fields.push({ path: 'metadata.name', op: '=', value: route.name });
    }
    if (verb === 'watch') {
      serveWatch({ ...r, type: st, filter: f, present, options: opts });
      return;
    }
    const page = listPage(store, st, f, opts);
    const meta = {
      resourceVersion: page.resourceVersion,
      ...(page.continue ? { continue: page.continue } : {}),
      ...(page.remainingItemCount !== undefined
        ? { remainingItemCount: page.remainingItemCount }
        : {}),
    };
    if (accept.kind === 'table') sendList(res, st, page.items, accept, meta);
    else sendList(res, t, page.items.map(view.out), accept, meta);
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
      const rv = q.get('resourceVersion');
      if (rv) {
        const wanted = parseResourceVersionRaw(rv);
        const current = Number(store.resourceVersion);
        if (wanted > current) throw tooLargeResourceVersion(wanted, current);
      }
      const obj = store.get(st, ns, name);
      if (!obj) throw notFound(t.plural, t.group, name);
      send(res, 200, present(obj), format);
      return;
    }
    case 'create':
      send(
        res,
        201,
        present(store.create(view.in(objectBody(body, t, ns)))),
        format,
      );
      return;
    case 'update': {
      const obj = objectBody(body, t, ns);
      if (obj.metadata.name !== name) {
        throw badRequest(
          `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      send(
        res,
        200,
        present(store.update(view.in(obj), { subresource })),
        format,
      );
      return;
    }
    case 'patch': {
      const type = patchTypeFromContentType(
        String(req.headers['content-type'] ?? ''),
      );
      if (st === t) {
        const patched = store.patch(t, ns, name, body, type, { subresource });
        send(res, 200, present(patched), format);
        return;
      }
      // a view: patch the object as the client sees it
      const existing = store.get(st, ns, name);
      if (!existing) throw notFound(t.plural, t.group, name);
      const seen = deepClone(view.out(existing));
      const next = applyPatch(seen, body, type) as KubeObject;
      send(res, 200, present(store.update(view.in(next))), format);
      return;
    }
    case 'delete': {
      const existing = store.get(st, ns, name);
      if (!existing) throw notFound(t.plural, t.group, name);
      checkPreconditions(existing, body);
      const grace = (body as JsonObject | undefined)?.gracePeriodSeconds;
      const answer = store.deleteAsApi(
        st,
        ns,
        name,
        typeof grace === 'number' ? grace : undefined,
      );
      send(
        res,
        200,
        answer.kind === 'Status' ? answer : present(answer as KubeObject),
        format,
      );
      return;
    }
    case 'deletecollection': {
      const deleted = store.listFiltered(st, filter()).flatMap(o => {
        if (!store.get(st, o.metadata.namespace, o.metadata.name)) return [];
        const answer = store.deleteAsApi(
          st,
          o.metadata.namespace,
          o.metadata.name,
        );
        return [answer.kind === 'Status' ? o : (answer as KubeObject)];
      });
      if (accept.kind === 'table') {
        sendList(res, st, deleted, accept, {
          resourceVersion: store.resourceVersion,
        });
      } else {
        sendList(res, t, deleted.map(view.out), accept, {
          resourceVersion: store.resourceVersion,
        });
      }
      return;
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
  }
}
