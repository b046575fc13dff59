import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { AcceptKind, chooseAccept } from './accept';
import {
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersionOf,
  apiVersions,
  findByPath,
  groupEnabled,
  GroupSwitches,
  ResourceType,
  typeKey,
  versionInfo,
} from './discovery';
import {
  ApiError,
  badRequest,
  errorMessage,
  makeStatus,
  notFound,
  qualifiedResource,
  resourceNotFound,
} from './errors';
import { Faults, FaultKind, RequestCounters, RequestRecord } from './faults';
import { applyPatch, patchTypeFromContentType } from './patch';
import { compileFilter, matchesFilter, ObjectFilter } from './selectors';
import { nowIso, SandboxStore, StoreEvent } from './store';
import { renderTable } from './table';
import type { JsonObject, KubeObject } from './types';

/** What a scenario forbids to the sandbox token. */
export interface ForbidRules {
  /** Any request in these namespaces is 403 (all-namespace lists omit them). */
  namespaces?: string[];
  /** Any request for these resources (`secrets`, `Secret`, `deployments.apps`). */
  resources?: string[];
}

export interface ServerOptions {
  store: SandboxStore;
  /** Bearer token required on every request; false disables auth. */
  token: string | false;
  forbid?: ForbidRules;
  groups?: GroupSwitches;
  latencyMs?: number;
  tls?: { key: string | Buffer; cert: string | Buffer };
  port?: number;
  host?: string;
}

const USER = 'system:serviceaccount:kube-sandbox:sandbox';

interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPrefix: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the body of the request was malformed: ${errorMessage(e)}`,
    );
  }
}

function metadataOnly(obj: KubeObject): JsonObject {
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: obj.metadata,
  };
}

/** The sandbox's HTTP(S) server speaking the Kubernetes REST API. */
export class SandboxServer {
  readonly store: SandboxStore;
  readonly faults = new Faults();
  readonly counters = new RequestCounters();
  token: string | false;
  latencyMs: number;
  forbid: Required<ForbidRules>;
  groups: GroupSwitches;
  /** When true, every new connection and request is destroyed at once. */
  refuseConnections = false;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly openStreams = new Set<http.ServerResponse>();
  private readonly tls: boolean;
  private address = '';

  constructor(private readonly options: ServerOptions) {
    this.store = options.store;
    this.token = options.token;
    this.latencyMs = options.latencyMs ?? 0;
    this.forbid = {
      namespaces: options.forbid?.namespaces ?? [],
      resources: options.forbid?.resources ?? [],
    };
    this.groups = options.groups ?? {};
    this.tls = Boolean(options.tls);
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch(e => {
        if (!res.headersSent) this.sendError(res, e);
        else res.destroy();
      });
    };
    this.server = options.tls
      ? https.createServer(
          { key: options.tls.key, cert: options.tls.cert },
          handler,
        )
      : http.createServer(handler);
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (socket: Socket) => {
      if (this.refuseConnections) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening on 127.0.0.1 (port 0 = random). */
  async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    this.address = `${host}:${port}`;
    return `${this.tls ? 'https' : 'http'}://${this.address}`;
  }

  async close(): Promise<void> {
    for (const res of this.openStreams) res.end();
    this.openStreams.clear();
    await new Promise<void>(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  private send(
    res: http.ServerResponse,
    code: number,
    body: unknown,
    contentType = 'application/json',
  ) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
    });
    res.end(text);
  }

  private sendError(res: http.ServerResponse, e: unknown) {
    const status =
      e instanceof ApiError
        ? e.toStatus()
        : makeStatus(
            500,
            'InternalError',
            `Internal error occurred: ${errorMessage(e)}`,
          );
    this.send(res, status.code, status);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const accept = chooseAccept(req.headers.accept);
    const record: RequestRecord = {
      method,
      verb: 'other',
      path,
      query: Object.fromEntries(url.searchParams),
      accept: accept.kind === 'discovery' ? 'full' : accept.kind,
      status: 0,
      time: new Date().toISOString(),
    };
    let route: Route | undefined;
    try {
      route = this.route(path);
    } catch {
      route = undefined;
    }
    if (route) {
      Object.assign(record, {
        resource: route.type.plural,
        group: route.type.group,
        namespace: route.namespace,
        name: route.name,
        subresource: route.subresource,
        verb: this.verbOf(method, route, url.searchParams),
      });
    } else if (/^\/(api|apis|version|openapi)(\/|$)/.test(path)) {
      record.verb = 'discovery';
    }
    this.counters.record(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    if (this.refuseConnections) {
      req.socket.destroy();
      return;
    }
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const fault = this.faults.match(method, record.verb, path);
    if (fault) {
      record.fault = fault;
      if (this.applyFault(fault, req, res, record)) return;
    }
    if (/^\/(healthz|livez|readyz)$/.test(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (this.token !== false) {
      const auth = req.headers.authorization ?? '';
      if (auth !== `Bearer ${this.token}`) {
        this.send(res, 401, makeStatus(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
    }
    if (this.discovery(path, accept.kind, accept.discoveryVersion, res)) {
      return;
    }
    if (!route) {
      this.sendError(res, resourceNotFound());
      return;
    }
    await this.resource(req, res, route, record, url.searchParams);
  }

  /** Returns true when the fault fully handled the request. */
  private applyFault(
    fault: FaultKind,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RequestRecord,
  ): boolean {
    switch (fault) {
      case 'refuse':
        req.socket.destroy();
        return true;
      case 'hang':
        // Keep the request open; the socket is destroyed on close().
        req.on('close', () => {
          record.status = 0;
        });
        return true;
      case '500':
        this.send(
          res,
          500,
          makeStatus(
            500,
            'InternalError',
            'Internal error occurred: injected fault',
          ),
        );
        return true;
      case '403':
        this.send(
          res,
          403,
          makeStatus(
            403,
            'Forbidden',
            `forbidden: User "${USER}" cannot access ${record.path} (injected fault)`,
          ),
        );
        return true;
      case 'malformed': {
        const text =
          '{"kind":"List","apiVersion":"v1","items":[{"metadata":{"name":"trunc';
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
        return true;
      }
      default:
        return false;
    }
  }

  private discovery(
    path: string,
    accept: AcceptKind,
    discoveryVersion: 'v2' | 'v2beta1' | undefined,
    res: http.ServerResponse,
  ): boolean {
    const segs = path.split('/').filter(Boolean);
    if (path === '/version') {
      this.send(res, 200, versionInfo());
      return true;
    }
    if (segs[0] === 'openapi') {
      this.sendError(res, resourceNotFound());
      return true;
    }
    if (path === '/api' || path === '/apis') {
      if (accept === 'discovery') {
        const v = discoveryVersion ?? 'v2';
        this.send(
          res,
          200,
          aggregatedDiscovery(path === '/api', this.groups, v),
          `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
        );
      } else {
        this.send(
          res,
          200,
          path === '/api'
            ? apiVersions(this.address)
            : apiGroupList(this.groups),
        );
      }
      return true;
    }
    if (segs[0] === 'api' && segs.length === 2) {
      const doc = apiResourceList('', segs[1], this.groups);
      if (doc) this.send(res, 200, doc);
      else this.sendError(res, resourceNotFound());
      return true;
    }
    if (segs[0] === 'apis' && (segs.length === 2 || segs.length === 3)) {
      const doc =
        segs.length === 2
          ? apiGroupDoc(segs[1], this.groups)
          : apiResourceList(segs[1], segs[2], this.groups);
      if (doc) this.send(res, 200, doc);
      else this.sendError(res, resourceNotFound());
      return true;
    }
    return false;
  }

  /** Parses `/api/v1/...` and `/apis/<g>/<v>/...`; throws when unknown. */
  private route(path: string): Route | undefined {
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
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
    if (!type || !groupEnabled(group, this.groups)) return undefined;
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

  private verbOf(method: string, route: Route, q: URLSearchParams): string {
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

  private isForbiddenResource(t: ResourceType): boolean {
    return this.forbid.resources.some(r => {
      const lower = r.toLowerCase();
      return (
        lower === t.plural ||
        lower === t.kind.toLowerCase() ||
        lower === qualifiedResource(t.plural, t.group) ||
        lower === `${t.kind.toLowerCase()}.${t.group}`
      );
    });
  }

  private checkForbidden(route: Route, verb: string) {
    const t = route.type;
    const ns = route.namespace;
    const nsForbidden = ns !== undefined && this.forbid.namespaces.includes(ns);
    // A token kept out of some namespaces has namespaced Roles only, so RBAC refuses reads of
    // namespaced kinds across all namespaces as a whole: it never filters a list.
    const clusterWide =
      ns === undefined && t.namespaced && this.forbid.namespaces.length > 0;
    if (!nsForbidden && !clusterWide && !this.isForbiddenResource(t)) return;
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

  private async resource(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: Route,
    record: RequestRecord,
    q: URLSearchParams,
  ) {
    const t = route.type;
    const verb = record.verb;
    if (verb === 'unsupported') {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    }
    this.checkForbidden(route, verb);
    const sub = route.subresource;
    if (
      sub &&
      !(sub === 'status' && t.statusSubresource) &&
      !(sub === 'scale' && t.scaleSubresource)
    ) {
      throw resourceNotFound();
    }
    const accept = record.accept;
    const present = (o: KubeObject): JsonObject => {
      if (accept === 'metadata') return metadataOnly(o);
      if (accept === 'table' && (verb === 'watch' || verb === 'get')) {
        return renderTable(t, [o], o.metadata.resourceVersion ?? '');
      }
      return o;
    };

    if (verb === 'list' || verb === 'watch') {
      const filter = compileFilter({
        namespace: route.namespace,
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
      });
      if (route.name) {
        filter.fields.push({
          path: 'metadata.name',
          op: '=',
          value: route.name,
        });
      }
      if (verb === 'watch') {
        this.watch(req, res, t, filter, q, present);
        return;
      }
      const items = this.store.listFiltered(t, filter);
      this.sendList(res, t, items, accept);
      return;
    }

    let body: unknown;
    if (['create', 'update', 'patch'].includes(verb)) {
      body = parseJson(await readBody(req));
    } else if (verb === 'delete' || verb === 'deletecollection') {
      const text = await readBody(req);
      body = text.trim() ? parseJson(text) : undefined;
    }

    const name = route.name ?? '';
    const ns = route.namespace;
    const getExisting = () => {
      const obj = this.store.get(t, ns, name);
      if (!obj) throw notFound(t.plural, t.group, name);
      return obj;
    };

    if (sub === 'scale') {
      await this.scale(res, route, verb, body, req);
      return;
    }

    switch (verb) {
      case 'get':
        this.send(res, 200, present(getExisting()));
        return;
      case 'create': {
        const obj = this.objectBody(body, t, ns);
        const created = this.store.create(obj);
        this.send(res, 201, present(created));
        return;
      }
      case 'update': {
        const obj = this.objectBody(body, t, ns);
        if (obj.metadata.name !== name) {
          throw badRequest(
            `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
          );
        }
        const updated = this.store.update(obj, {
          subresource: sub === 'status' ? 'status' : undefined,
        });
        this.send(res, 200, present(updated));
        return;
      }
      case 'patch': {
        const type = patchTypeFromContentType(
          String(req.headers['content-type'] ?? ''),
        );
        const patched = this.store.patch(t, ns, name, body, type, {
          subresource: sub === 'status' ? 'status' : undefined,
        });
        this.send(res, 200, present(patched));
        return;
      }
      case 'delete': {
        const existing = getExisting();
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
            )} "${name}": Precondition failed`,
          );
        }
        const deleted = this.store.deleteOrThrow(t, ns, name);
        this.send(res, 200, present(deleted));
        return;
      }
      case 'deletecollection': {
        const filter = compileFilter({
          namespace: ns,
          labelSelector: q.get('labelSelector'),
          fieldSelector: q.get('fieldSelector'),
        });
        const items = this.store.listFiltered(t, filter);
        const deleted = items
          .map(o => this.store.delete(t, o.metadata.namespace, o.metadata.name))
          .filter((o): o is KubeObject => Boolean(o));
        this.sendList(res, t, deleted, accept);
        return;
      }
      default:
        throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
    }
  }

  private objectBody(
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

  private async scale(
    res: http.ServerResponse,
    route: Route,
    verb: string,
    body: unknown,
    req: http.IncomingMessage,
  ) {
    const t = route.type;
    const ns = route.namespace;
    const name = route.name ?? '';
    const obj = this.store.get(t, ns, name);
    if (!obj) throw notFound(t.plural, t.group, name);
    const spec = (obj.spec ?? {}) as JsonObject;
    const toScale = (o: KubeObject): JsonObject => {
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
    };
    if (verb === 'get') {
      this.send(res, 200, toScale(obj));
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
    const updated = this.store.put({ ...obj, spec: { ...spec, replicas } });
    this.send(res, 200, toScale(updated));
  }

  private sendList(
    res: http.ServerResponse,
    t: ResourceType,
    items: KubeObject[],
    accept: AcceptKind,
  ) {
    const metadata = { resourceVersion: this.store.resourceVersion };
    if (accept === 'metadata') {
      this.send(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata,
        items: items.map(metadataOnly),
      });
      return;
    }
    if (accept === 'table') {
      this.send(res, 200, renderTable(t, items, metadata.resourceVersion));
      return;
    }
    // Like the real API server: built-in list items carry no apiVersion/kind,
    // custom resources do.
    const builtin = t.group === '' || t.group === 'apps';
    this.send(res, 200, {
      kind: `${t.kind}List`,
      apiVersion: apiVersionOf(t),
      metadata,
      items: builtin
        ? items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest)
        : items,
    });
  }

  private watch(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    t: ResourceType,
    filter: ObjectFilter,
    q: URLSearchParams,
    present: (o: KubeObject) => JsonObject,
  ) {
    const rvParam = q.get('resourceVersion') ?? '';
    const sendInitial = q.get('sendInitialEvents') === 'true';
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    this.openStreams.add(res);
    const write = (type: string, object: unknown) => {
      if (!res.writableEnded)
        res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const matches = (o: KubeObject | undefined) =>
      Boolean(o) && matchesFilter(o!, filter);
    const key = typeKey(t);
    const emit = (e: StoreEvent) => {
      if (typeKey(e.resource) !== key) return;
      const now = matches(e.object);
      const before = e.type === 'MODIFIED' && matches(e.previous);
      if (e.type === 'MODIFIED') {
        if (now && before) write('MODIFIED', present(e.object));
        else if (now) write('ADDED', present(e.object));
        else if (before) write('DELETED', present(e.object));
      } else if (now) {
        write(e.type, present(e.object));
      }
    };

    if (!rvParam || rvParam === '0' || sendInitial) {
      for (const o of this.store.listFiltered(t, filter)) {
        if (matches(o)) write('ADDED', present(o));
      }
      if (sendInitial) {
        write('BOOKMARK', {
          kind: t.kind,
          apiVersion: apiVersionOf(t),
          metadata: {
            resourceVersion: this.store.resourceVersion,
            annotations: { 'k8s.io/initial-events-end': 'true' },
          },
        });
      }
    } else {
      const since = Number(rvParam);
      let events: StoreEvent[];
      try {
        if (!Number.isInteger(since)) {
          throw badRequest(`invalid resource version "${rvParam}"`);
        }
        events = this.store.eventsSince(since);
      } catch (e) {
        const status =
          e instanceof ApiError
            ? e.toStatus()
            : makeStatus(500, 'InternalError', errorMessage(e));
        write('ERROR', status);
        res.end();
        this.openStreams.delete(res);
        return;
      }
      events.forEach(emit);
    }
    const unsubscribe = this.store.subscribe(emit);
    const timeout = Number(q.get('timeoutSeconds') ?? '0');
    let bookmarkTimer: NodeJS.Timeout | undefined;
    if (q.get('allowWatchBookmarks') === 'true') {
      bookmarkTimer = setInterval(() => {
        write('BOOKMARK', {
          kind: t.kind,
          apiVersion: apiVersionOf(t),
          metadata: { resourceVersion: this.store.resourceVersion },
        });
      }, 30000);
      bookmarkTimer.unref();
    }
    const timer =
      timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    const cleanup = () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (bookmarkTimer) clearInterval(bookmarkTimer);
      this.openStreams.delete(res);
    };
    res.on('close', cleanup);
    res.on('finish', cleanup);
    req.on('close', cleanup);
  }
}

export { nowIso };
