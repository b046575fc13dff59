// One okteto-dev replica as a platform team runs several: the real database and cache services of
// backend-defaults on PostgreSQL and Redis (shared by every replica), against the kube-sandbox.
// Optionally search on the PostgreSQL engine with the okteto-dev collator.
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModulePg from '@backstage/plugin-search-backend-module-pg';
import { Sandbox } from '@okteto-dev/kube-sandbox';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import searchModuleOktetoDev from '@okteto-dev/plugin-search-backend-module-okteto-dev';
import { AddressInfo } from 'node:net';
import { Engines } from './engines';
import {
  Captured,
  captureScheduler,
  WEB_CORE_COMPONENTS,
  webCoreUrlReader,
} from './fixtures';

type Features = Parameters<typeof startTestBackend>[0]['features'];

/** One request's outcome through real HTTP. */
export interface Answer {
  status: number;
  body: any;
}

export interface Replica {
  name: string;
  port: number;
  /** The replica's scheduler (to run the search collators now). */
  captured: Captured;
  /** GET /api/okteto-dev/v1/status of a default-namespace component, as `user`. */
  status(name: string, user?: string): Promise<Answer>;
  /** Any GET of this replica, as `user`. */
  get(path: string, user?: string): Promise<Answer>;
  stop(): Promise<void>;
}

/** The config every replica shares: one PostgreSQL, one Redis, one cluster. */
export function replicaConfig(
  engines: Pick<Engines, 'postgres' | 'redis'>,
  clusterUrl: string,
  token: string | undefined,
  oktetoDev: Record<string, unknown> = {},
) {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      database: { client: 'pg', connection: engines.postgres },
      cache: { store: 'redis', connection: engines.redis },
    },
    integrations: { github: [{ host: 'github.com' }] },
    oktetoDev: {
      clusters: [
        {
          name: 'default',
          url: clusterUrl,
          authProvider: 'serviceAccount',
          serviceAccountToken: token,
          // the sandbox serves plain http on loopback
          dangerouslyAllowPlainHttp: true,
        },
      ],
      // payload-core's irregular web-payload-dev, as app-config.yaml allows it
      targets: {
        allow: [
          { namespaces: ['web-*-dev'], applications: ['argo/web-*-dev'] },
        ],
      },
      ...oktetoDev,
    },
  };
}

export async function startReplica(options: {
  name: string;
  engines: Pick<Engines, 'postgres' | 'redis'>;
  /** The cluster (the kube-sandbox, possibly in another process). */
  sandbox: Pick<Sandbox, 'url' | 'token'>;
  oktetoDev?: Record<string, unknown>;
  /** More root config, merged over {@link replicaConfig} at the top level. */
  config?: Record<string, unknown>;
  entities?: Entity[];
  /** The search backend on PostgreSQL with the okteto-dev collator (run on demand). */
  search?: boolean;
  features?: Features;
}): Promise<Replica> {
  const { engines, sandbox } = options;
  const captured: Captured = {};
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      databaseServiceFactory,
      cacheServiceFactory,
      catalogServiceMock.factory({
        entities: options.entities ?? WEB_CORE_COMPONENTS,
      }),
      webCoreUrlReader,
      captureScheduler(captured),
      mockServices.rootConfig.factory({
        data: {
          ...replicaConfig(
            engines,
            sandbox.url,
            sandbox.token,
            options.oktetoDev,
          ),
          ...options.config,
        },
      }),
      ...(options.search
        ? [
            searchPlugin,
            searchModulePg,
            searchModuleOktetoDev,
            // collators run when the test says so
            mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          ]
        : []),
      ...(options.features ?? []),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  const get = async (path: string, user?: string): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: mockCredentials.user.header(user) },
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, body };
  };
  let stopped: Promise<void> | undefined;
  return {
    name: options.name,
    port,
    captured,
    get,
    status: (name, user) =>
      get(
        `/api/okteto-dev/v1/status?entityRef=${encodeURIComponent(
          `component:default/${name}`,
        )}`,
        user,
      ),
    stop: () => (stopped ??= backend.stop()),
  };
}
