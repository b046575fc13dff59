import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { chooseAccept } from '../accept';
import type { GroupSwitches } from '../discovery';
import { makeStatus, resourceNotFound } from '../errors';
import { Faults, RequestCounters, RequestRecord } from '../faults';
import type { SandboxStore } from '../store';
import { serveDiscovery } from './discoveryRoutes';
import { applyFault } from './faultResponses';
import type { ForbidRules } from './forbid';
import { send, sendError, sleep } from './http';
import { serveResource } from './resources';
import { parseRoute, servesGroupVersion, verbOf } from './routes';

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

/**
 * The sandbox's HTTP(S) server speaking the Kubernetes REST API: transport,
 * request records, latency, faults and authentication here; discovery,
 * resources and watches in their own modules.
 */
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
        if (!res.headersSent) sendError(res, e);
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

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const wanted = chooseAccept(req.headers.accept).kind;
    const record: RequestRecord = {
      method,
      verb: 'other',
      path,
      query: Object.fromEntries(url.searchParams),
      accept: wanted === 'discovery' ? 'full' : wanted,
      status: 0,
      time: new Date().toISOString(),
    };
    const route = parseRoute(path, this.groups);
    if (route) {
      Object.assign(record, {
        resource: route.type.plural,
        group: route.type.group,
        namespace: route.namespace,
        name: route.name,
        subresource: route.subresource,
        verb: verbOf(method, route, url.searchParams),
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
      if (applyFault(fault, req, res, record)) return;
    }
    if (/^\/(healthz|livez|readyz)$/.test(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (
      this.token !== false &&
      req.headers.authorization !== `Bearer ${this.token}`
    ) {
      send(res, 401, makeStatus(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const discovery = serveDiscovery(
      path,
      req.headers.accept,
      this.groups,
      this.address,
      res,
    );
    if (discovery) return;
    if (!route) {
      if (servesGroupVersion(path, this.groups)) {
        sendError(res, resourceNotFound());
      } else {
        // outside every API group version: the mux's plain 404
        res.writeHead(404, {
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end('404 page not found\n');
      }
      return;
    }
    await serveResource({
      store: this.store,
      forbid: this.forbid,
      req,
      res,
      route,
      verb: record.verb,
      query: url.searchParams,
      openStreams: this.openStreams,
    });
  }
}
