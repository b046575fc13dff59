import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import {
  AppConventions,
  ClusterAccess,
  namesOf,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { RealCluster, startRealCluster } from '@okteto-dev/real-cluster';
import {
  argoCdModuleDir,
  upstreamManifests,
} from '@okteto-dev/real-cluster/src/argocd';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { stringify } from 'yaml';
import { oktetoDevPlugin } from '../../plugin';
import {
  catalogFactory,
  repositoryUrlReader,
} from '../../__testUtils__/testBackend';
import { AppState, oktetoDevConventions, suffixedConventions } from './states';

/** Polls until `probe` returns something truthy; bounded, never a fixed sleep. */
export async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${
          last ? ` (last error: ${last})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const REPO_BASE = 'https://github.com/NeoGrAIph/web-core/tree/main/';

/** The entity of one app: `component:default/<app>`, okteto-dev on, the repository's source. */
export function entityOf(app: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: app,
      namespace: 'default',
      annotations: {
        'okteto-dev/app': app,
        'backstage.io/source-location': `url:${REPO_BASE}`,
      },
    },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

/**
 * A web-core-like repository for the suffixed names: `.okteto/okteto.yml` with one dev entry per
 * app selecting its Deployment by the chart's labels (as web-core's does), the root package.json
 * (pnpm), each app's package.json and the root `.stignore` Okteto reads for `..:/app`.
 */
export function repositoryFiles(
  c: AppConventions,
  apps: string[],
): Record<string, string> {
  const dev: Record<string, unknown> = {};
  for (const app of apps) {
    const n = namesOf(c, app);
    dev[n.application] = {
      selector: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/instance': n.application,
      },
      container: 'app',
      workdir: `/app/apps/${app}`,
      command: 'sh -lc "pnpm exec next dev --hostname 0.0.0.0 --port 3000"',
      sync: ['..:/app'],
      forward: ['3000:3000'],
    };
  }
  const files: Record<string, string> = {
    '.okteto/okteto.yml': stringify({ name: 'web-core', dev }),
    '.stignore': 'node_modules\n.next\n',
    'package.json': JSON.stringify({
      name: 'web-core',
      private: true,
      packageManager: 'pnpm@9.15.0',
    }),
  };
  for (const app of apps) {
    files[`apps/${app}/package.json`] = JSON.stringify({
      name: `@synestra/${app}`,
      scripts: { dev: 'next dev' },
    });
  }
  return files;
}

/** One API server the backend reads: the real cluster, or the sandbox. */
export interface Side {
  name: 'real' | 'sandbox';
  /** For the objects' writes (okteto up, the chart): admin rights. */
  access: ClusterAccess;
  /** `oktetoDev.clusters` of a backend reading it. */
  clusters(): JsonObject[];
}

/** The test run's real cluster, with Argo CD's CRDs (no Argo CD itself). */
export async function realSide(): Promise<{
  side: Side;
  cluster: RealCluster;
  kc: KubeConfig;
  /** A service account that reads what the backend README's RBAC grants, in `namespaces`. */
  /**
   * Makes the backend read with a service account that has the README's RBAC: bound in
   * `namespaces`, or (`clusterWide`) through a ClusterRoleBinding.
   */
  reader(
    suffix: string,
    namespaces: string[],
    argoNamespace: string,
    options?: { clusterWide?: boolean },
  ): Promise<void>;
}> {
  const cluster = await startRealCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  await ensureArgoCrds(kc);
  const state: { token?: string } = {};
  const side: Side = {
    name: 'real',
    access: { server: cluster.url, token: cluster.token, ca: cluster.ca },
    clusters: () => [
      {
        name: 'default',
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: state.token ?? cluster.token,
        caData: Buffer.from(cluster.ca).toString('base64'),
      },
    ],
  };
  return {
    side,
    cluster,
    kc,
    async reader(suffix, namespaces, argoNamespace, options = {}) {
      state.token = await readerToken(
        kc,
        suffix,
        namespaces,
        argoNamespace,
        options.clusterWide ?? false,
      );
    },
  };
}

/** Argo CD's CRDs from its Go module (Application, ApplicationSet, AppProject), Established. */
export async function ensureArgoCrds(kc: KubeConfig): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const crds = upstreamManifests(argoCdModuleDir(), 'manifests/crds');
  for (const crd of crds) {
    await objects.patch(
      crd,
      undefined,
      undefined,
      'okteto-dev-tests',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
  for (const crd of crds) {
    await until(async () => {
      const got = (await objects.read({
        apiVersion: crd.apiVersion!,
        kind: crd.kind!,
        metadata: { name: crd.metadata!.name! },
      })) as { status?: { conditions?: { type: string; status: string }[] } };
      return got.status?.conditions?.some(
        c => c.type === 'Established' && c.status === 'True',
      );
    }, `CRD ${crd.metadata!.name} Established`);
  }
  // the watch cache of a new resource initializes after the CRD is Established: until it has,
  // cache-served reads and watches are 429 "storage is (re)initializing"
  const custom = kc.makeApiClient(CustomObjectsApi);
  for (const crd of crds) {
    const spec = (crd as any).spec;
    const version = spec.versions[0].name;
    await until(async () => {
      await custom.listClusterCustomObject({
        group: spec.group,
        version,
        plural: spec.names.plural,
        resourceVersion: '0',
        limit: 1,
      });
      return true;
    }, `the watch cache of ${crd.metadata!.name}`);
  }
}

/**
 * The backend README's RBAC ("RBAC for the service account", deploy/rbac/live): Applications in
 * Argo CD's namespace; Deployments, StatefulSets, Pods (list, watch), Events (list) and the Secret
 * opt-in's `get secrets` bound per dev namespace. Returns a token of that service account.
 */
async function readerToken(
  kc: KubeConfig,
  suffix: string,
  namespaces: string[],
  argoNamespace: string,
  clusterWide: boolean,
): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const name = `okteto-dev-${suffix}`;
  const ignoreExists = (e: unknown) => {
    if (!/409|AlreadyExists/.test(String((e as { code?: number }).code ?? e))) {
      throw e;
    }
  };
  await core
    .createNamespacedServiceAccount({
      namespace: argoNamespace,
      body: { metadata: { name } },
    })
    .catch(ignoreExists);
  await rbac
    .createNamespacedRole({
      namespace: argoNamespace,
      body: {
        metadata: { name },
        rules: [
          {
            apiGroups: ['argoproj.io'],
            resources: ['applications'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
    })
    .catch(ignoreExists);
  const subject = { kind: 'ServiceAccount', name, namespace: argoNamespace };
  await rbac
    .createNamespacedRoleBinding({
      namespace: argoNamespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [subject],
      },
    })
    .catch(ignoreExists);
  await rbac
    .createClusterRole({
      body: {
        metadata: { name },
        rules: [
          // deploy/rbac/live/workloads.yaml
          {
            apiGroups: ['apps'],
            resources: ['deployments', 'statefulsets'],
            verbs: ['list', 'watch'],
          },
          { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
          { apiGroups: [''], resources: ['events'], verbs: ['list'] },
          // deploy/rbac/secrets-opt-in, without its resourceNames (the tests' names are
          // suffixed, and requestPattern also asks for a Secret that does not exist)
          { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
        ],
      },
    })
    .catch(ignoreExists);
  if (clusterWide) {
    await rbac
      .createClusterRoleBinding({
        body: {
          metadata: { name },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name,
          },
          subjects: [subject],
        },
      })
      .catch(ignoreExists);
  }
  for (const namespace of clusterWide ? [] : namespaces) {
    await rbac
      .createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name,
          },
          subjects: [subject],
        },
      })
      .catch(ignoreExists);
  }
  const token = await core.createNamespacedServiceAccountToken({
    namespace: argoNamespace,
    name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  return token.status!.token;
}

/** Removes the cluster-wide RBAC objects of the reader (namespaced ones go with their namespaces). */
export async function removeReader(kc: KubeConfig, suffix: string) {
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await rbac
    .deleteClusterRoleBinding({ name: `okteto-dev-${suffix}` })
    .catch(() => undefined);
  await rbac
    .deleteClusterRole({ name: `okteto-dev-${suffix}` })
    .catch(() => undefined);
}

/** A sandbox for the same states: empty, its workload controller on, no Argo CD simulation. */
export async function sandboxSide(): Promise<{ side: Side; sandbox: Sandbox }> {
  const sandbox = await startSandbox({
    argocd: false,
    groups: { argoproj: true },
  });
  return {
    sandbox,
    side: {
      name: 'sandbox',
      access: { server: sandbox.url, token: sandbox.token },
      clusters: () => [
        {
          name: 'default',
          url: sandbox.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: sandbox.token!,
          dangerouslyAllowPlainHttp: true,
        },
      ],
    },
  };
}

/** A random suffix for a test file's names (DNS-1123, short). */
export function newSuffix(): string {
  return randomBytes(3).toString('hex');
}

export type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** A real Backstage backend with okteto-dev reading one side, for the given states. */
export async function startBackendFor(
  side: Side,
  suffix: string,
  states: AppState[],
  options: {
    oktetoDev?: JsonObject;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
): Promise<Backend> {
  const c = suffixedConventions(suffix);
  const files = repositoryFiles(
    c,
    states.map(s => s.app),
  );
  return startTestBackend({
    features: [
      oktetoDevPlugin,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          oktetoDev: {
            clusters: side.clusters(),
            conventions: oktetoDevConventions(suffix),
            live: { enabled: false },
            ...options.oktetoDev,
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(states.map(s => entityOf(s.app))),
      repositoryUrlReader(REPO_BASE, relative => files[relative]),
      // quiet logs: a backend per side and per file
      mockServices.rootLogger.factory({ level: 'error' }),
      ...(options.features ?? []),
    ],
  });
}

/** GET /v1/status of one app's entity. */
export async function statusOf(
  backend: Backend,
  app: string,
): Promise<DevStatus> {
  const res = await request(backend.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${app}` })
    .set('Authorization', mockCredentials.user.header());
  if (res.status !== 200) {
    throw new Error(
      `status of ${app}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}

export { suffixedConventions };
