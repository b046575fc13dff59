// One in-process Backstage backend with BOTH the okteto-dev backend and Backstage's Kubernetes
// backend, pointed at the same cluster (a kube-sandbox, or the real kube-apiserver of
// bench/realCluster.ts), with the same catalog entities. Honest about what a request costs
// besides the cluster: the real catalog backend (the entities come from an entity provider and
// are looked up over HTTP, as in a deployment) and the real permission backend with the allow-all
// policy (`permission.enabled: true`: every check is an HTTP call to it). Only the tokens are mocks
// (mock tokens instead of signed JWTs, checked without crypto).
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import { Sandbox } from '@okteto-dev/kube-sandbox';
import oktetoDevPlugin from '@okteto-dev/plugin-okteto-dev-backend';
import { repositoryUrlReader } from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/testBackend';
import {
  WEB_CORE_ENTITIES,
  WEB_CORE_TARGETS,
} from '@okteto-dev/plugin-okteto-dev-backend/src/__testUtils__/webCoreEntities';
import { authWithActorsFactory } from '@okteto-dev/plugin-search-backend-module-okteto-dev/src/__testUtils__/authWithActors';
import { entityProviderModule } from '@okteto-dev/plugin-search-backend-module-okteto-dev/src/__testUtils__/webCoreCatalog';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { BenchCluster, sandboxCluster } from './cluster';
import { LoadTarget, ROOT, sleep } from './lib';

const REPO_DIR = path.join(ROOT, 'examples', 'web-core-repo');
const REPO_BASE = 'https://github.com/NeoGrAIph/web-core/tree/main/';

/** A UrlReader over examples/web-core-repo (as GitHub would answer) that counts every read. */
export function countingUrlReader() {
  const reads: string[] = [];
  const factory = repositoryUrlReader(REPO_BASE, relative => {
    reads.push(relative);
    const file = path.join(REPO_DIR, relative);
    return file.startsWith(REPO_DIR) && fs.existsSync(file)
      ? fs.readFileSync(file)
      : undefined;
  });
  return { reads, factory };
}

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

/** The Authorization header of a user (`{user}`: a new user per request, see loadWorker). */
export const userAuth = (user: string) => ({
  authorization: mockCredentials.user.header(`user:default/${user}`),
});

/** What a card view of each plugin sends. */
export const views = {
  ours: (name: string, user?: string): LoadTarget => ({
    method: 'GET',
    path: `/api/okteto-dev/v1/status?entityRef=${encodeURIComponent(
      `component:default/${name}`,
    )}`,
    headers: user ? userAuth(user) : AUTH,
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

/** `n` viewers of one card, each its own user (so nothing per user is shared between them). */
export function viewersOf(
  view: (name: string, user?: string) => LoadTarget,
  name: string,
  n: number,
): LoadTarget[] {
  return Array.from({ length: n }, (_, i) => view(name, `viewer-${i + 1}`));
}

export interface BenchBackend {
  /** The cluster both plugins read. */
  cluster: BenchCluster;
  /** The sandbox, when the cluster is one (drills, live mode). */
  sandbox: Sandbox;
  port: number;
  /** Repository files read through the UrlReader, in order (reset by emptying it). */
  repoReads: string[];
  /** One request through real HTTP; returns status, parsed body and wall time. */
  send(target: LoadTarget): Promise<{ status: number; body: any; ms: number }>;
  stop(): Promise<void>;
}

export async function startBenchBackend(options: {
  latencyMs: number;
  /** The cluster to read (default: a new sandbox with `latencyMs`, stopped with the backend). */
  cluster?: BenchCluster;
  oktetoDev?: Record<string, unknown>;
  kubernetes?: boolean;
  /** `mock`: the in-process catalog mock and no permission backend (what earlier runs measured). */
  catalog?: 'real' | 'mock';
}): Promise<BenchBackend> {
  const cluster = options.cluster ?? (await sandboxCluster(options.latencyMs));
  const withKubernetes = options.kubernetes !== false;
  const realCatalog = options.catalog !== 'mock';
  const repo = countingUrlReader();
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      ...(withKubernetes ? [kubernetesPlugin] : []),
      ...(realCatalog
        ? [
            catalogPlugin,
            entityProviderModule(BENCH_ENTITIES),
            permissionPlugin,
            allowAllPolicy,
            // on-behalf-of tokens name their plugin, as the real auth service's do
            authWithActorsFactory,
          ]
        : [catalogServiceMock.factory({ entities: BENCH_ENTITIES })]),
      repo.factory,
      mockServices.rootConfig.factory({
        data: {
          ...(realCatalog ? { permission: { enabled: true } } : {}),
          integrations: { github: [{ host: 'github.com' }] },
          // polling mode, which these benches measure; bench/live.ts compares live mode with it
          oktetoDev: {
            clusters: [cluster.oktetoDevCluster],
            targets: WEB_CORE_TARGETS,
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
                      clusters: [cluster.kubernetesCluster],
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
  const send: BenchBackend['send'] = async target => {
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
  };
  // the real catalog processes the provider's entities first
  const deadline = Date.now() + 60_000;
  const components = BENCH_ENTITIES.filter(e => e.kind === 'Component').length;
  const ready = async () =>
    !realCatalog ||
    (
      await send({
        method: 'GET',
        path: '/api/catalog/entities/by-query?filter=kind=component&limit=1000',
        headers: AUTH,
      })
    ).body?.items?.length === components;
  while (!(await ready())) {
    if (Date.now() > deadline) {
      await backend.stop();
      if (!options.cluster) await cluster.close();
      throw new Error('the catalog did not serve the bench entities');
    }
    await sleep(100);
  }
  await cluster.reset();
  repo.reads.length = 0;
  let stopped: Promise<void> | undefined;
  return {
    cluster,
    get sandbox() {
      if (!cluster.sandbox)
        throw new Error(`${cluster.label} is not the sandbox`);
      return cluster.sandbox;
    },
    port,
    repoReads: repo.reads,
    send,
    stop() {
      stopped ??= backend
        .stop()
        .then(() => (options.cluster ? undefined : cluster.close()));
      return stopped;
    },
  };
}
