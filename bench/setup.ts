// One in-process Backstage backend with BOTH the okteto-dev backend and Backstage's Kubernetes
// backend, pointed at the same kube-sandbox cluster, with the same catalog entities.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import { webCoreUrlReader } from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/testBackend';
import { WEB_CORE_ENTITIES } from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/webCoreEntities';
import { AddressInfo } from 'node:net';
import { LoadTarget } from './lib';

/** The six web-core apps the sandbox serves to the token (the `secret` app is forbidden). */
export const SIX_APPS = [
  'corporate',
  'synestra-io',
  'shop',
  'landings',
  'saas',
  'payload-core',
];

/** Namespace slug of an app (payload-core deploys as `web-payload-dev`). */
const slugOf = (app: string) => (app === 'payload-core' ? 'payload' : app);

/**
 * The web-core catalog entities, also annotated for the Kubernetes plugin: the Helm chart labels
 * every object `app.kubernetes.io/instance=web-<slug>-dev`, so a label selector plus the
 * namespace finds the same workload okteto-dev reads by convention.
 */
export const BENCH_ENTITIES: Entity[] = WEB_CORE_ENTITIES.map(e => {
  const app = e.metadata.annotations?.['okteto-dev/app'];
  if (!app || app === 'secret') return e;
  const ns = `web-${slugOf(app)}-dev`;
  return {
    ...e,
    metadata: {
      ...e.metadata,
      annotations: {
        ...e.metadata.annotations,
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/instance=${ns}`,
        'backstage.io/kubernetes-namespace': ns,
      },
    },
  };
});

export const entityByName = (name: string) =>
  BENCH_ENTITIES.find(e => e.metadata.name === name)!;

export const AUTH = { authorization: mockCredentials.user.header() };

/** What a card view of each plugin sends. */
export const views = {
  ours: (name: string): LoadTarget => ({
    method: 'GET',
    path: `/api/okteto-dev/v1/status?entityRef=${encodeURIComponent(
      `component:default/${name}`,
    )}`,
    headers: AUTH,
  }),
  oursBatch: (names: string[]): LoadTarget => ({
    method: 'POST',
    path: '/api/okteto-dev/v1/status/batch',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({
      entityRefs: names.map(n => `component:default/${n}`),
    }),
  }),
  /** What the Kubernetes plugin's EntityKubernetesContent asks for. */
  theirsServices: (name: string): LoadTarget => ({
    method: 'POST',
    path: `/api/kubernetes/services/${encodeURIComponent(name)}`,
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ entity: entityByName(name) }),
  }),
  theirsWorkloads: (name: string): LoadTarget => ({
    method: 'POST',
    path: '/api/kubernetes/resources/workloads/query',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ entityRef: `component:default/${name}` }),
  }),
};

export interface BenchBackend {
  sandbox: Sandbox;
  port: number;
  /** One request through real HTTP; returns status, parsed body and wall time. */
  send(target: LoadTarget): Promise<{ status: number; body: any; ms: number }>;
  stop(): Promise<void>;
}

export async function startBenchBackend(options: {
  latencyMs: number;
  oktetoDev?: Record<string, unknown>;
  kubernetes?: boolean;
}): Promise<BenchBackend> {
  const sandbox = await startSandbox({
    scenario: 'web-core',
    latencyMs: options.latencyMs,
  });
  const cluster = {
    name: 'default',
    url: sandbox.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: sandbox.token,
  };
  const withKubernetes = options.kubernetes !== false;
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      ...(withKubernetes ? [kubernetesPlugin] : []),
      catalogServiceMock.factory({ entities: BENCH_ENTITIES }),
      webCoreUrlReader,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          // polling mode, which these benches measure; bench/live.ts compares live mode with it
          oktetoDev: {
            clusters: [cluster],
            live: { enabled: false },
            ...options.oktetoDev,
          },
          ...(withKubernetes
            ? {
                kubernetes: {
                  serviceLocatorMethod: { type: 'multiTenant' },
                  clusterLocatorMethods: [
                    {
                      type: 'config',
                      clusters: [
                        {
                          ...cluster,
                          skipTLSVerify: true,
                          skipMetricsLookup: true,
                        },
                      ],
                    },
                  ],
                  customResources: [
                    {
                      group: 'argoproj.io',
                      apiVersion: 'v1alpha1',
                      plural: 'applications',
                    },
                  ],
                },
              }
            : {}),
        },
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  return {
    sandbox,
    port,
    async send(target) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${target.path}`, {
        method: target.method,
        headers: target.headers,
        body: target.body,
      });
      const text = await res.text();
      const ms = performance.now() - started;
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: res.status, body, ms };
    },
    async stop() {
      await backend.stop();
      await sandbox.close();
    },
  };
}
