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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startRealCluster, RealCluster } from '@okteto-dev/real-cluster';
import {
  ArgoCd,
  createGitRepo,
  GitRepo,
  startArgoCd,
} from '@okteto-dev/real-cluster/src/argocd';
import {
  webAppApplication,
  webAppChart,
} from '@okteto-dev/real-cluster/src/argocd/fixtures';
import { eventually } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { oktetoDevPlugin } from './plugin';
import { catalogFactory, webCoreUrlReader } from './__testUtils__/testBackend';

/**
 * Issue 23 item 4 against the real argocd-server (Argo CD v3.6.2 from its Go module, on the real
 * kube-apiserver: packages/real-cluster): a backend whose service account may read the workloads
 * but not one Application, with only an Argo CD API token (`argocd.appLocatorMethods`, as Roadie's
 * and the community plugins configure it), gives the same status as a backend reading the
 * Application through Kubernetes. The token's own Argo CD RBAC decides (a project it may not read
 * is a status naming what could not be read); a token Argo CD rejects says so; live mode streams
 * the Application from `GET /api/v1/stream/applications`.
 *
 * Upstream read for it: server/application/application.go (List filters by `applications, get`;
 * Get → getAppEnforceRBAC: with a project, 404 when allowed and absent, 403 when denied; Watch),
 * server/application/application.proto (paths), server/account/account.go (CreateToken),
 * util/rbac/rbac.go (policy), pkg/apiclient/application/forwarder_overwrite.go and
 * github.com/argoproj/pkg grpc/http/forwarders.go (the stream's server-sent events).
 */
jest.setTimeout(600_000);

const ARGO_NAMESPACE = 'argo';
const PROJECT = 'synestra-web';
const APP = 'synestra-io';
const APPLICATION = `web-${APP}-dev`;
const DEV_NAMESPACE = APPLICATION;
const VIEWER = 'user:default/viewer';

function entity(name: string, app: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'okteto-dev/app': app,
        'backstage.io/source-location':
          'url:https://github.com/NeoGrAIph/web-core/tree/main/',
      },
    },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

const ENTITIES = [entity('synestra-io', APP), entity('absent', 'absent')];

let cluster: RealCluster;
let kc: KubeConfig;
let argo: ArgoCd;
let repo: GitRepo;
let work: string;
const tokens: Record<string, string> = {};
const backends: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];

/** A service account of the cluster allowed `rules` in `namespaces`, and a token for it. */
async function serviceAccount(
  name: string,
  grants: Array<{ namespace: string; rules: object[] }>,
): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({
    namespace: 'default',
    body: { metadata: { name } },
  });
  for (const { namespace, rules } of grants) {
    await rbac.createNamespacedRole({
      namespace,
      body: { metadata: { name }, rules: rules as never },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
      },
    });
  }
  const token = await core.createNamespacedServiceAccountToken({
    namespace: 'default',
    name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  return token.status!.token;
}

/** What okteto-dev reads of a dev namespace, and with `applications`, of Argo CD's namespace. */
const WORKLOAD_RULES = [
  {
    apiGroups: ['apps'],
    resources: ['deployments'],
    verbs: ['get', 'list', 'watch'],
  },
  {
    apiGroups: [''],
    resources: ['pods', 'secrets', 'events'],
    verbs: ['get', 'list', 'watch'],
  },
];
const APPLICATION_RULES = [
  {
    apiGroups: ['argoproj.io'],
    resources: ['applications'],
    verbs: ['get', 'list', 'watch'],
  },
];

async function startBackend(config: {
  token: string;
  argocd?: JsonObject;
  oktetoDev?: JsonObject;
}) {
  const backend = await startTestBackend({
    features: [
      oktetoDevPlugin,
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com' }] },
          ...(config.argocd ? { argocd: config.argocd } : {}),
          oktetoDev: {
            clusters: [
              {
                name: 'default',
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: config.token,
                caData: Buffer.from(cluster.ca).toString('base64'),
              },
            ],
            live: { enabled: false },
            ...config.oktetoDev,
          },
        },
      }),
      catalogFactory(ENTITIES),
      webCoreUrlReader,
      mockServices.permissions.mock({
        authorize: async (requests, options) => {
          const user = (
            options?.credentials.principal as { userEntityRef?: string }
          )?.userEntityRef;
          return requests.map(r => ({
            result:
              r.permission.name === 'okteto-dev.clusters.read' &&
              user === VIEWER
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }));
        },
      }).factory,
    ],
  });
  backends.push(backend);
  return backend;
}

const statusOf = async (
  backend: Awaited<ReturnType<typeof startTestBackend>>,
  name: string,
  user?: string,
) => {
  const res = await request(backend.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header(user));
  expect(res.status).toBe(200);
  return res.body as DevStatus;
};

/** The answer without when it was read and how: what must be the same whichever way it was read. */
function comparable(status: DevStatus) {
  const { fetchedAt: _at, live: _live, ...rest } = status;
  const { instance: _instance, ...application } = rest.target.application;
  return { ...rest, target: { ...rest.target, application } };
}

/** Argo CD's API as okteto-dev's only way to Applications (only a token, as Roadie's config has it). */
const apiOnly = (token: string) => ({
  appLocatorMethods: [
    {
      type: 'config',
      instances: [
        {
          name: 'argocd',
          url: argo.serverUrl!,
          token,
          // argocd-server runs --insecure on loopback here: plain http takes the explicit opt-in
          dangerouslyAllowPlainHttp: true,
        },
      ],
    },
  ],
});

beforeAll(async () => {
  cluster = await startRealCluster();
  kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  argo = await startArgoCd({
    kubeconfigPath: cluster.kubeconfigPath,
    namespace: ARGO_NAMESPACE,
    accounts: ['okteto-dev', 'other-team'],
    rbac: {
      // util/rbac: p, <subject>, <resource>, <action>, <project>/<object>, <effect>
      policyCsv: [
        `p, role:dev-reader, applications, get, ${PROJECT}/*, allow`,
        'g, okteto-dev, role:dev-reader',
        'p, role:other, applications, get, other/*, allow',
        'g, other-team, role:other',
        '',
      ].join('\n'),
    },
  });
  const custom = kc.makeApiClient(CustomObjectsApi);
  await custom.createNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: ARGO_NAMESPACE,
    plural: 'appprojects',
    body: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: PROJECT, namespace: ARGO_NAMESPACE },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    },
  });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-argocd-api-'));
  repo = createGitRepo(path.join(work, 'repo'), {
    ...webAppChart(),
    [`deploy/env/dev/${APP}.yaml`]: 'env:\n  SYNESTRA_ENV: dev\n',
  });
  const application = webAppApplication({
    name: APPLICATION,
    namespace: ARGO_NAMESPACE,
    repoURL: repo.url,
    destinationNamespace: DEV_NAMESPACE,
    valueFiles: [`../../env/dev/${APP}.yaml`],
  });
  application.spec.project = PROJECT;
  await custom.createNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: ARGO_NAMESPACE,
    plural: 'applications',
    body: application,
  });
  await eventually(
    async () => {
      const app = (await custom.getNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: ARGO_NAMESPACE,
        plural: 'applications',
        name: APPLICATION,
      })) as {
        status?: { sync?: { status?: string }; health?: { status?: string } };
      };
      return (
        app.status?.sync?.status === 'Synced' &&
        app.status?.health?.status === 'Healthy'
      );
    },
    { timeoutMs: 240_000, intervalMs: 500 },
  );
  const core = kc.makeApiClient(CoreV1Api);
  // the dev namespace of the entity without an Application, and web-core's env Secret of the other
  await core.createNamespace({
    body: { metadata: { name: 'web-absent-dev' } },
  });
  await core.createNamespacedSecret({
    namespace: DEV_NAMESPACE,
    body: {
      metadata: { name: `${APPLICATION}-env` },
      stringData: { SYNESTRA_ENV: 'dev' },
    },
  });
  const dev = [DEV_NAMESPACE, 'web-absent-dev'].map(namespace => ({
    namespace,
    rules: WORKLOAD_RULES,
  }));
  tokens.full = await serviceAccount('okteto-dev-full', [
    ...dev,
    { namespace: ARGO_NAMESPACE, rules: APPLICATION_RULES },
  ]);
  tokens.workloads = await serviceAccount('okteto-dev-workloads', dev);
  tokens.argo = await argo.generateToken('okteto-dev');
  tokens.otherTeam = await argo.generateToken('other-team');
});

afterAll(async () => {
  for (const backend of backends) await backend.stop();
  await argo?.close();
  await cluster?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('Applications through the real argocd-server', () => {
  let kube: DevStatus;

  beforeAll(async () => {
    const backend = await startBackend({
      token: tokens.full,
      // the same UI link whichever way the Application is read
      oktetoDev: { argocd: { baseUrl: argo.serverUrl! } },
    });
    kube = await statusOf(backend, 'synestra-io');
  });

  it('the service account of the API-only backend may not read the Application through Kubernetes', async () => {
    const backend = await startBackend({ token: tokens.workloads });
    const status = await statusOf(backend, 'synestra-io');
    expect(status.argo).toMatchObject({
      state: 'error',
      error: { type: 'forbidden', statusCode: 403 },
    });
    // the workloads it may read
    expect(status.workload).not.toMatchObject({ state: 'error' });
  });

  it('with only an Argo CD API token, gives the status that the Kubernetes read gives', async () => {
    expect(kube.argo).toMatchObject({ state: 'ok' });
    expect(kube.errors).toEqual([]);
    const backend = await startBackend({
      token: tokens.workloads,
      argocd: apiOnly(tokens.argo),
    });
    const api = await statusOf(backend, 'synestra-io');
    expect(api.errors).toEqual([]);
    expect(api.target.application).toMatchObject({
      name: APPLICATION,
      namespace: ARGO_NAMESPACE,
      instance: 'argocd',
    });
    expect(comparable(api)).toEqual(comparable(kube));
    // the whole of it came through the API: sync, health, last operation, history, resources
    expect(api.argo).toMatchObject({
      state: 'ok',
      sync: 'Synced',
      health: 'Healthy',
      revision: repo.head(),
      operation: { phase: 'Succeeded' },
      history: [expect.objectContaining({ revision: repo.head() })],
      resources: expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          name: `${APPLICATION}-web-app`,
        }),
      ]),
    });
    expect(api.workload).toMatchObject({ state: 'ok' });
  });

  it('an Application that does not exist is "not found" both ways (asked in the project the token may read)', async () => {
    const viaKube = await startBackend({
      token: tokens.full,
      oktetoDev: { argocd: { baseUrl: argo.serverUrl! } },
    });
    const viaApi = await startBackend({
      token: tokens.workloads,
      argocd: apiOnly(tokens.argo),
    });
    const [a, b] = await Promise.all([
      statusOf(viaKube, 'absent'),
      statusOf(viaApi, 'absent'),
    ]);
    expect(b.argo).toEqual({ state: 'not-found' });
    expect(comparable(b)).toEqual(comparable(a));
  });

  it('a token whose Argo CD RBAC denies the project: a status naming what could not be read, the instance only to callers with okteto-dev.clusters.read', async () => {
    const backend = await startBackend({
      token: tokens.workloads,
      argocd: apiOnly(tokens.otherTeam),
    });
    const admin = await statusOf(backend, 'synestra-io');
    expect(admin.argo).toMatchObject({
      state: 'error',
      error: {
        type: 'forbidden',
        statusCode: 403,
        resource: `applications.argoproj.io ${ARGO_NAMESPACE}/${APPLICATION}`,
      },
    });
    const { message } = (admin.argo as { error: { message: string } }).error;
    expect(message).toContain(`Argo CD instance 'argocd'`);
    expect(message).toContain(`project ${PROJECT}`);
    // the rest of the status is still read
    expect(admin.workload).not.toMatchObject({ state: 'error' });

    const viewer = await statusOf(backend, 'synestra-io', VIEWER);
    const hidden = (viewer.argo as { error: { message: string } }).error
      .message;
    expect(hidden).toContain('instance [hidden]');
    expect(hidden).not.toContain("'argocd'");
    expect(hidden).toContain(`project ${PROJECT}`);
    expect(JSON.stringify(viewer)).not.toContain(tokens.otherTeam);
  });

  it('a token Argo CD rejects is an unauthorized read, and the token is in no answer', async () => {
    const backend = await startBackend({
      token: tokens.workloads,
      argocd: apiOnly(`${tokens.argo.slice(0, -4)}AAAA`),
    });
    const status = await statusOf(backend, 'synestra-io');
    expect(status.argo).toMatchObject({
      state: 'error',
      error: { type: 'unauthorized', statusCode: 401 },
    });
    expect(JSON.stringify(status)).not.toContain(tokens.argo.slice(0, 40));
  });

  it('a plain-http Argo CD without the opt-in is refused before any request', async () => {
    const backend = await startBackend({
      token: tokens.workloads,
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'argocd', url: argo.serverUrl!, token: tokens.argo },
            ],
          },
        ],
      },
    });
    const status = await statusOf(backend, 'synestra-io');
    expect(status.argo).toMatchObject({
      state: 'error',
      error: { type: 'unusable' },
    });
    expect(
      (status.argo as { error: { message: string } }).error.message,
    ).toContain('dangerouslyAllowPlainHttp');
  });

  it('live mode streams the Application from Argo CD: a new commit reaches the answer, read from memory', async () => {
    const backend = await startBackend({
      token: tokens.workloads,
      argocd: apiOnly(tokens.argo),
      oktetoDev: { live: { enabled: true, debounceMs: 50 } },
    });
    const first = await eventually(
      async () => {
        const status = await statusOf(backend, 'synestra-io');
        return status.live?.mode === 'watch' ? status : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(first.argo).toMatchObject({ state: 'ok' });
    const head = repo.commit({
      [`deploy/env/dev/${APP}.yaml`]:
        'env:\n  SYNESTRA_ENV: dev\n  LIVE: "1"\n',
    });
    await argo.refresh(APPLICATION);
    const next = await eventually(
      async () => {
        const status = await statusOf(backend, 'synestra-io');
        return status.live?.mode === 'watch' &&
          JSON.stringify(status.argo).includes(head)
          ? status
          : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    expect(next.errors).toEqual([]);

    // one stream for both entities' Applications (names=): one created later arrives through it
    const before = await eventually(
      async () => {
        const status = await statusOf(backend, 'absent');
        return status.live?.mode === 'watch' ? status : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(before.argo).toEqual({ state: 'not-found' });
    const created = webAppApplication({
      name: 'web-absent-dev',
      namespace: ARGO_NAMESPACE,
      repoURL: repo.url,
      destinationNamespace: 'web-absent-dev',
    });
    created.spec.project = PROJECT;
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: ARGO_NAMESPACE,
      plural: 'applications',
      body: created,
    });
    const after = await eventually(
      async () => {
        const status = await statusOf(backend, 'absent');
        return status.live?.mode === 'watch' && status.argo.state === 'ok'
          ? status
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(after.target.application.name).toBe('web-absent-dev');
  });
});
