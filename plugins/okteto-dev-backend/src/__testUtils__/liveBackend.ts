import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { Sandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import net from 'node:net';
import request from 'supertest';
import { oktetoDevPlugin } from '../plugin';
import {
  catalogFactory,
  sandboxClusters,
  webCoreUrlReader,
  webCoreUrlReaderWith,
} from './testBackend';
import { WEB_CORE_ENTITIES, WEB_CORE_TARGETS } from './webCoreEntities';

/** A TCP proxy in front of the sandbox, so a test can cut open connections (watches). */
export interface TcpProxy {
  url: string;
  /** Destroys every open connection. */
  drop(): void;
  /** While true, new connections are refused. */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const proxy: Partial<TcpProxy> = { refuse: false };
  const server = net.createServer(client => {
    if (proxy.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${address.port}`,
    drop() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  }) as TcpProxy;
}

/** A signals service that records what is published (and tells `onPublish`, at once). */
export function recordingSignals(onPublish?: (signal: SignalPayload) => void) {
  const published: SignalPayload[] = [];
  const factory = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (signal: SignalPayload) => {
        published.push(signal);
        onPublish?.(signal);
      },
    }),
  });
  /** The signals published on a channel (an entity's, as its status's `live.channel` gives it). */
  const of = (channel: string | undefined) =>
    published.filter(s => channel !== undefined && s.channel === channel);
  return { published, factory, of };
}

/** A logger that keeps every message, so a test can wait for one. */
export function recordingLogger() {
  const lines: string[] = [];
  const make = (): LoggerService => ({
    error: m => void lines.push(`error ${m}`),
    warn: m => void lines.push(`warn ${m}`),
    info: m => void lines.push(`info ${m}`),
    debug: m => void lines.push(`debug ${m}`),
    child: () => make(),
  });
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => make(),
  });
  return { lines, factory };
}

export interface LiveBackend {
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  status(name: string): Promise<DevStatus>;
  stop(): Promise<void>;
}

/** A backend with okteto-dev in live mode against `clusterUrl` (the sandbox, or a proxy to it). */
export async function startLiveBackend(options: {
  sandbox: Sandbox;
  clusterUrl?: string;
  oktetoDev?: Record<string, unknown>;
  config?: Record<string, unknown>;
  entities?: Entity[];
  /** The repository files (default: examples/web-core-repo as they are). */
  urlReader?: ReturnType<typeof webCoreUrlReaderWith>;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}): Promise<LiveBackend> {
  const { sandbox } = options;
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(options.entities ?? WEB_CORE_ENTITIES),
      options.urlReader ?? webCoreUrlReader,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          ...options.config,
          oktetoDev: {
            clusters: sandboxClusters({
              url: options.clusterUrl ?? sandbox.url,
              token: sandbox.token,
            }),
            targets: WEB_CORE_TARGETS,
            live: { debounceMs: 50, ...(options.oktetoDev?.live as object) },
            ...Object.fromEntries(
              Object.entries(options.oktetoDev ?? {}).filter(
                ([k]) => k !== 'live',
              ),
            ),
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    async status(name) {
      const res = await request(backend.server)
        .get('/api/okteto-dev/v1/status')
        .query({ entityRef: `component:default/${name}` })
        .set('Authorization', mockCredentials.user.header());
      if (res.status !== 200) {
        throw new Error(
          `status of ${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      return res.body;
    },
    stop: () => backend.stop(),
  };
}

/** Sandbox requests other than watches since the last reset: what a view cost. */
export function nonWatchRequests(sandbox: Sandbox) {
  return sandbox.requests.filter(r => r.verb !== 'watch');
}
