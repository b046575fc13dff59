import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  kubectl,
  RealCluster,
  startRealCluster,
} from '@okteto-dev/real-cluster';
import {
  DevError,
  DevEventsResponse,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { eventually } from '@okteto-dev/kube-sandbox';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { rbacManifest } from './__testUtils__/rbac';
import {
  catalogFactory,
  startOktetoDevBackend,
  webCoreUrlReader,
} from './__testUtils__/testBackend';

/*
 * deploy/rbac/ on a real kube-apiserver (packages/real-cluster: RBAC authorizer, service-account
 * tokens from the token controller). The manifests are applied as the README says, the backend
 * runs with the service account's own token, and every feature works: status, batch, events,
 * clusters, the actions, live watches, the Secret opt-in, the cluster-wide mode, Argo CD on a hub.
 * Then each rule of live mode is taken away in turn: only its own feature breaks, and the status
 * names the missing permission (verb, resource, namespace).
 */

jest.setTimeout(600_000);

const ID = randomBytes(3).toString('hex');
const OKTETO_DEV_NAMESPACE = `r${ID}-backstage`;
const HUB_NAMESPACE = `r${ID}-hub`;
const ARGOCD_NAMESPACE = `r${ID}-argo`;
const ns = (app: string) => `r${ID}-${app}`;
const SA = { namespace: OKTETO_DEV_NAMESPACE, name: 'okteto-dev' };
const VARS = { OKTETO_DEV_NAMESPACE, ARGOCD_NAMESPACE };
const APPS = ['corp', 'db'] as const;
const NAMESPACES = APPS.map(ns);

const CONVENTIONS = {
  namespace: `r${ID}-{app}`,
  applicationName: `r${ID}-{app}`,
  applicationNamespace: ARGOCD_NAMESPACE,
  workload: '{app}',
  container: 'app',
  envSecret: '{app}-env',
};

function entity(app: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: app,
      namespace: 'default',
      annotations: { 'okteto-dev/app': app, ...annotations },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'experimental' },
  };
}
const ENTITIES = [
  entity('corp'),
  entity('db', { 'okteto-dev/workload-kind': 'StatefulSet' }),
];

/** The workloads' pod template: container `app` taking `<app>-env`. */
const podTemplate = (app: string) => ({
  metadata: { labels: { app } },
  spec: {
    containers: [
      {
        name: 'app',
        image: `registry.example/${app}:1`,
        env: [{ name: 'SYNESTRA_ENV', value: 'dev' }],
        envFrom: [{ secretRef: { name: `${app}-env` } }],
      },
    ],
  },
});

/** The cluster's objects, as an admin applies them (Argo CD's Applications as plain objects). */
function objects(): object[] {
  const namespaced = APPS.flatMap(app => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(app) } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${app}-env`, namespace: ns(app) },
      stringData: { PASSWORD: 'not-for-backstage' },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: ns(app), namespace: ARGOCD_NAMESPACE },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example/apps.git', path: app },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: ns(app),
        },
      },
    },
  ]);
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: OKTETO_DEV_NAMESPACE },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ARGOCD_NAMESPACE },
    },
    ...namespaced,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'corp', namespace: ns('corp') },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'corp' } },
        template: podTemplate('corp'),
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: ns('db') },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: podTemplate('db'),
      },
    },
  ];
}

/**
 * A stand-in for Argo CD's Application CRD when the cluster has none (created only if absent, so a
 * real Argo CD install on a shared cluster keeps its own): RBAC needs the resource, not Argo CD.
 */
const APPLICATION_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'applications.argoproj.io' },
  spec: {
    group: 'argoproj.io',
    scope: 'Namespaced',
    names: {
      kind: 'Application',
      listKind: 'ApplicationList',
      plural: 'applications',
      singular: 'application',
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

let cluster: RealCluster;

function apply(items: object[], verb: 'apply' | 'replace' = 'apply') {
  execFileSync(
    'kubectl',
    ['--kubeconfig', cluster.kubeconfigPath, verb, '-f', '-'],
    {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

/** `kubectl auth can-i` as the service account (asked with the admin's credentials). */
function can(
  verb: string,
  resource: string,
  namespace: string,
  sa = SA,
): boolean {
  try {
    kubectl(cluster, [
      'auth',
      'can-i',
      verb,
      resource,
      '-n',
      namespace,
      `--as=system:serviceaccount:${sa.namespace}:${sa.name}`,
    ]);
    return true;
  } catch {
    return false;
  }
}

/** The token the token controller put into okteto-dev-token (the README's recipe). */
async function tokenOf(namespace: string): Promise<string> {
  return eventually(
    () => {
      const out = kubectl(cluster, [
        'get',
        'secret',
        'okteto-dev-token',
        '-n',
        namespace,
        '-o',
        'jsonpath={.data.token}',
      ]);
      return out ? Buffer.from(out, 'base64').toString('utf8') : undefined;
    },
    { what: `the token of ${namespace}/okteto-dev`, timeoutMs: 30_000 },
  );
}

function clusterConfig(name: string, token: string) {
  return {
    name,
    url: cluster.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    caData: Buffer.from(cluster.ca).toString('base64'),
  };
}

interface Backend {
  server: Awaited<ReturnType<typeof startOktetoDevBackend>>['server'];
  stop(): Promise<void>;
}

async function startBackend(
  oktetoDev: Record<string, unknown>,
): Promise<Backend> {
  const backend = await startOktetoDevBackend({
    oktetoDev: {
      conventions: CONVENTIONS,
      cache: { ttlSeconds: 0.001, staleOnErrorSeconds: 0.001 },
      live: { debounceMs: 50 },
      ...oktetoDev,
    },
    features: [catalogFactory(ENTITIES), webCoreUrlReader],
  });
  return { server: backend.server, stop: () => backend.stop() };
}

const auth = () => mockCredentials.user.header();
async function status(b: Backend, app: string): Promise<DevStatus> {
  const res = await request(b.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${app}` })
    .set('Authorization', auth());
  expect(res.status).toBe(200);
  return res.body;
}
async function events(b: Backend, app: string): Promise<DevEventsResponse> {
  const res = await request(b.server)
    .get('/api/okteto-dev/v1/events')
    .query({ entityRef: `component:default/${app}` })
    .set('Authorization', auth());
  expect(res.status).toBe(200);
  return res.body;
}

/** Every feature once: each status, the batch, the events, the clusters, the three actions. */
async function useEverything(b: Backend) {
  const statuses = Object.fromEntries(
    await Promise.all(APPS.map(async app => [app, await status(b, app)])),
  ) as Record<(typeof APPS)[number], DevStatus>;
  const batch = await request(b.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', auth())
    .send({ entityRefs: APPS.map(a => `component:default/${a}`) });
  expect(batch.body.items).toHaveLength(APPS.length);
  const evts = Object.fromEntries(
    await Promise.all(APPS.map(async app => [app, await events(b, app)])),
  ) as Record<(typeof APPS)[number], DevEventsResponse>;
  const clusters = await request(b.server)
    .get('/api/okteto-dev/v1/clusters')
    .set('Authorization', auth());
  const actions: Record<string, number> = {};
  for (const [action, input] of [
    ['get-status', { entityRef: 'component:default/corp' }],
    ['list-dev-sessions', {}],
    ['explain-drift', { entityRef: 'component:default/corp' }],
  ] as const) {
    const res = await request(b.server)
      .post(
        `/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:${action}/invoke`,
      )
      .set('Authorization', auth())
      .send(input);
    actions[action] = res.status;
  }
  return { statuses, events: evts, clusters: clusters.body.items, actions };
}

/** Until every entity answers from its watches. */
async function watched(b: Backend, apps: readonly string[] = APPS) {
  await eventually(
    async () => {
      const all = await Promise.all(apps.map(app => status(b, app)));
      return all.every(s => s.live?.mode === 'watch');
    },
    { what: `${apps.join(', ')} to be watched`, timeoutMs: 60_000 },
  );
}

const permissionOf = (errors: DevError[]) => errors.map(e => e.permission);
const secretItem = (s: DevStatus) =>
  s.checklist.find(i => i.id === 'env-secret');

function expectHealthy(s: DevStatus) {
  expect(s.errors).toEqual([]);
  expect(s.argo.state).toBe('ok');
  expect(s.workload.state).toBe('ok');
  expect(s.okteto.state).toBe('off');
  expect(secretItem(s)).toMatchObject({
    status: 'pass',
    code: 'checkSecretExistedAtStart',
  });
}

const liveManifests = () => [
  ...rbacManifest('service-account.yaml', VARS),
  ...rbacManifest('live/argocd.yaml', VARS),
  ...rbacManifest('live/workloads.yaml', VARS),
  ...NAMESPACES.flatMap(n =>
    rbacManifest('live/dev-namespace.yaml', { ...VARS, DEV_NAMESPACE: n }),
  ),
];

beforeAll(async () => {
  cluster = await startRealCluster();
  try {
    kubectl(cluster, ['get', 'crd', 'applications.argoproj.io']);
  } catch {
    apply([APPLICATION_CRD]);
    await eventually(
      () => {
        try {
          kubectl(cluster, ['get', 'applications.argoproj.io', '-A']);
          return true;
        } catch {
          return false;
        }
      },
      { what: 'the Application CRD to be served' },
    );
  }
  apply(objects());
  apply(liveManifests());
  // kwok runs the pods: both containers start (so the Secrets they take existed)
  const started = cluster;
  for (const app of APPS) {
    await eventually(
      () =>
        kubectl(started, [
          'get',
          'pods',
          '-n',
          ns(app),
          '-o',
          'jsonpath={.items[*].status.containerStatuses[*].ready}',
        ]).includes('true'),
      { what: `the pod of ${app} to run`, timeoutMs: 60_000 },
    );
  }
});

afterAll(async () => {
  if (!cluster) return;
  try {
    kubectl(cluster, [
      'delete',
      'namespace',
      '--wait=false',
      '--ignore-not-found',
      OKTETO_DEV_NAMESPACE,
      HUB_NAMESPACE,
      ARGOCD_NAMESPACE,
      ...NAMESPACES,
    ]);
    kubectl(cluster, [
      'delete',
      'clusterrole,clusterrolebinding',
      '--ignore-not-found',
      'okteto-dev-workloads-live',
      'okteto-dev-workloads-polling',
      'okteto-dev-workloads-cluster-wide',
    ]);
  } finally {
    await cluster.close();
  }
});

describe('deploy/rbac on a real API server, with the service account’s own token', () => {
  it('live mode: every feature works, watched, with no error', async () => {
    const token = await tokenOf(OKTETO_DEV_NAMESPACE);
    const b = await startBackend({ clusters: [clusterConfig('real', token)] });
    try {
      await watched(b);
      const all = await useEverything(b);
      for (const s of Object.values(all.statuses)) expectHealthy(s);
      expect(all.statuses.db.workload).toMatchObject({ kind: 'StatefulSet' });
      for (const e of Object.values(all.events))
        expect(e.error).toBeUndefined();
      expect(all.clusters).toEqual([
        expect.objectContaining({ name: 'real', reachable: true }),
      ]);
      expect(all.actions).toEqual({
        'get-status': 200,
        'list-dev-sessions': 200,
        'explain-drift': 200,
      });
      // and nothing more: no Secret, nothing across all namespaces
      expect(can('list', 'secrets', ns('corp'))).toBe(false);
      expect(can('get', 'secrets', ns('corp'))).toBe(false);
      expect(can('list', 'deployments', 'default')).toBe(false);
    } finally {
      await b.stop();
    }
  });

  /**
   * Each rule of live mode taken away in turn. `broken` checks what breaks and that it names the
   * missing permission; every other feature must stay as it was.
   */
  const cases: Array<{
    rule: [verb: string, resource: string];
    check(r: Awaited<ReturnType<typeof useEverything>>): void;
  }> = [
    {
      rule: ['list', 'applications'],
      check: ({ statuses, events: e }) => {
        for (const app of APPS) {
          const s = statuses[app];
          expect(s.argo).toMatchObject({ state: 'error' });
          // a card's LIST has fieldSelector=metadata.name=<app>: the API server authorizes it
          // with that name (apiserver request/requestinfo.go), and its refusal names it
          expect(permissionOf(s.errors)).toContainEqual({
            verb: 'list',
            resource: 'applications',
            group: 'argoproj.io',
            namespace: ARGOCD_NAMESPACE,
            name: ns(app),
          });
          expect(s.workload.state).toBe('ok');
          expect(secretItem(s)?.status).toBe('pass');
          expect(e[app].error).toBeUndefined();
        }
      },
    },
    {
      rule: ['watch', 'applications'],
      check: ({ statuses }) => {
        for (const s of Object.values(statuses)) {
          expect(s.errors).toEqual([]);
          expect(s.argo.state).toBe('ok');
          expect(s.live).toMatchObject({ mode: 'polling' });
          expect(s.live?.reason).toContain(
            `missing permission: watch applications.argoproj.io in namespace "${ARGOCD_NAMESPACE}"`,
          );
        }
      },
    },
    {
      rule: ['list', 'deployments'],
      check: ({ statuses, events: e }) => {
        expect(statuses.corp.workload).toMatchObject({
          state: 'error',
          error: {
            type: 'forbidden',
            permission: {
              verb: 'list',
              resource: 'deployments',
              group: 'apps',
              namespace: ns('corp'),
            },
          },
        });
        expect(statuses.corp.argo.state).toBe('ok');
        expect(e.corp.error).toBeUndefined();
        expectHealthy(statuses.db);
        expect(statuses.db.live?.mode).toBe('watch');
      },
    },
    {
      rule: ['watch', 'deployments'],
      check: ({ statuses }) => {
        expect(statuses.corp.errors).toEqual([]);
        expect(statuses.corp.live?.reason).toContain(
          `missing permission: watch deployments.apps in namespace "${ns(
            'corp',
          )}"`,
        );
        expect(statuses.db.live?.mode).toBe('watch');
      },
    },
    {
      rule: ['list', 'statefulsets'],
      check: ({ statuses }) => {
        expect(statuses.db.workload).toMatchObject({
          state: 'error',
          error: {
            permission: {
              verb: 'list',
              resource: 'statefulsets',
              group: 'apps',
              namespace: ns('db'),
            },
          },
        });
        expectHealthy(statuses.corp);
        expect(statuses.corp.live?.mode).toBe('watch');
      },
    },
    {
      rule: ['watch', 'statefulsets'],
      check: ({ statuses }) => {
        expect(statuses.db.errors).toEqual([]);
        expect(statuses.db.live?.reason).toContain(
          `missing permission: watch statefulsets.apps in namespace "${ns(
            'db',
          )}"`,
        );
        expect(statuses.corp.live?.mode).toBe('watch');
      },
    },
    {
      rule: ['list', 'pods'],
      check: ({ statuses }) => {
        for (const app of APPS) {
          const s = statuses[app];
          expect(permissionOf(s.errors)).toContainEqual({
            verb: 'list',
            resource: 'pods',
            group: '',
            namespace: ns(app),
          });
          expect(s.workload.state).toBe('ok');
          expect(s.argo.state).toBe('ok');
          expect(secretItem(s)).toMatchObject({
            status: 'unknown',
            code: 'checkSecretUnknownPodsUnreadable',
          });
        }
      },
    },
    {
      rule: ['watch', 'pods'],
      check: ({ statuses }) => {
        for (const app of APPS) {
          const s = statuses[app];
          expectHealthy(s);
          expect(s.live?.reason).toContain(
            `missing permission: watch pods in namespace "${ns(app)}"`,
          );
        }
      },
    },
    {
      rule: ['list', 'events'],
      check: ({ statuses, events: e }) => {
        for (const app of APPS) {
          expectHealthy(statuses[app]);
          expect(statuses[app].live?.mode).toBe('watch');
          expect(e[app].error).toMatchObject({
            type: 'forbidden',
            permission: {
              verb: 'list',
              resource: 'events',
              group: '',
              namespace: ns(app),
            },
          });
        }
      },
    },
  ];

  it.each(cases.map(c => [c.rule.join(' '), c] as const))(
    'without "%s" only its own feature breaks, naming the missing permission',
    async (_name, { rule: [verb, resource], check }) => {
      const full = liveManifests();
      const without = full.map(o =>
        o.kind === 'Role' || o.kind === 'ClusterRole'
          ? {
              ...o,
              rules: (o.rules as Array<Record<string, string[]>>)
                .map(r =>
                  r.resources.includes(resource)
                    ? { ...r, verbs: r.verbs.filter(v => v !== verb) }
                    : r,
                )
                .filter(r => r.verbs.length > 0),
            }
          : o,
      );
      const roles = (list: Array<Record<string, any>>) =>
        list.filter(o => o.kind === 'Role' || o.kind === 'ClusterRole');
      apply(roles(without), 'replace');
      const namespace =
        resource === 'applications' ? ARGOCD_NAMESPACE : ns('corp');
      const target = resource === 'statefulsets' ? ns('db') : namespace;
      await eventually(() => !can(verb, resource, target), {
        what: `RBAC to refuse ${verb} ${resource}`,
      });
      const b = await startBackend({
        clusters: [clusterConfig('real', await tokenOf(OKTETO_DEV_NAMESPACE))],
      });
      try {
        // watches that can start have started; a refused one has said so
        await eventually(
          async () => {
            const all = await Promise.all(APPS.map(app => status(b, app)));
            return all.every(
              s =>
                s.live?.mode === 'watch' ||
                /forbidden/.test(s.live?.reason ?? ''),
            );
          },
          { what: 'the watches to start or be refused', timeoutMs: 60_000 },
        );
        const all = await useEverything(b);
        check(all);
        expect(all.actions['get-status']).toBe(200);
        expect(all.clusters[0]).toMatchObject({ reachable: true });
      } finally {
        await b.stop();
        apply(roles(full), 'replace');
        await eventually(() => can(verb, resource, target), {
          what: `RBAC to allow ${verb} ${resource} again`,
        });
      }
    },
  );

  it('polling mode: the polling manifests (no watch) serve every feature', async () => {
    const polling = [
      ...rbacManifest('polling/argocd.yaml', VARS),
      ...rbacManifest('polling/workloads.yaml', VARS),
      ...NAMESPACES.flatMap(n =>
        rbacManifest('polling/dev-namespace.yaml', {
          ...VARS,
          DEV_NAMESPACE: n,
        }),
      ),
    ];
    // the Argo CD Role keeps its name: replace it; bind the polling ClusterRole instead
    kubectl(cluster, ['delete', 'rolebinding', 'okteto-dev', '-n', ns('corp')]);
    kubectl(cluster, ['delete', 'rolebinding', 'okteto-dev', '-n', ns('db')]);
    apply(polling);
    await eventually(() => !can('watch', 'pods', ns('corp')), {
      what: 'watch to be refused',
    });
    const b = await startBackend({
      clusters: [clusterConfig('real', await tokenOf(OKTETO_DEV_NAMESPACE))],
      live: { enabled: false },
    });
    try {
      const all = await useEverything(b);
      for (const s of Object.values(all.statuses)) {
        expectHealthy(s);
        expect(s.live).toBeUndefined();
      }
      for (const e of Object.values(all.events))
        expect(e.error).toBeUndefined();
    } finally {
      await b.stop();
      for (const n of NAMESPACES) {
        kubectl(cluster, ['delete', 'rolebinding', 'okteto-dev', '-n', n]);
      }
      apply(liveManifests());
    }
  });

  it('the Secret opt-in: refused without its Role, naming get secrets <name>; granted by resourceNames, and no other Secret', async () => {
    const token = await tokenOf(OKTETO_DEV_NAMESPACE);
    const optIn = {
      clusters: [clusterConfig('real', token)],
      live: { enabled: false },
      checklist: { 'env-secret': { readSecretMetadata: true } },
    };
    let b = await startBackend(optIn);
    try {
      const s = await status(b, 'corp');
      expect(permissionOf(s.errors)).toEqual([
        {
          verb: 'get',
          resource: 'secrets',
          group: '',
          namespace: ns('corp'),
          name: 'corp-env',
        },
      ]);
      // the pods still tell
      expect(secretItem(s)?.status).toBe('pass');
    } finally {
      await b.stop();
    }
    apply(
      APPS.flatMap(app =>
        rbacManifest('secrets-opt-in/dev-namespace.yaml', {
          ...VARS,
          DEV_NAMESPACE: ns(app),
          SECRET_NAME: `${app}-env`,
        }),
      ),
    );
    await eventually(() => can('get', `secrets/corp-env`, ns('corp')), {
      what: 'the opt-in Role to apply',
    });
    b = await startBackend(optIn);
    try {
      for (const app of APPS) {
        const s = await status(b, app);
        expect(s.errors).toEqual([]);
        expect(secretItem(s)).toMatchObject({
          status: 'pass',
          code: 'checkSecretExistsByGet',
        });
        expect(JSON.stringify(s)).not.toContain('not-for-backstage');
      }
      expect(can('get', 'secrets/another', ns('corp'))).toBe(false);
      expect(can('list', 'secrets', ns('corp'))).toBe(false);
    } finally {
      await b.stop();
    }
  });

  it('the cluster-wide mode (oktetoDev.rbac.clusterWide): its ClusterRoleBinding serves every feature', async () => {
    const token = await tokenOf(OKTETO_DEV_NAMESPACE);
    const wideConfig = {
      clusters: [clusterConfig('real', token)],
      live: { enabled: false },
      rbac: { clusterWide: true },
    };
    apply(rbacManifest('cluster-wide/workloads.yaml', VARS));
    await eventually(() => can('list', 'deployments', 'default'), {
      what: 'the ClusterRoleBinding to apply',
    });
    const b = await startBackend(wideConfig);
    try {
      const all = await useEverything(b);
      for (const s of Object.values(all.statuses)) expectHealthy(s);
      expect(can('watch', 'pods', 'default')).toBe(true);
    } finally {
      await b.stop();
      kubectl(cluster, [
        'delete',
        'clusterrolebinding',
        'okteto-dev-workloads-cluster-wide',
      ]);
    }
  });

  it('Argo CD on a hub: the hub token reads only Applications, the workload token only its dev namespaces', async () => {
    const hubVars = { ...VARS, OKTETO_DEV_NAMESPACE: HUB_NAMESPACE };
    apply([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: HUB_NAMESPACE },
      },
      ...rbacManifest('service-account.yaml', hubVars),
      ...rbacManifest('hub/argocd.yaml', hubVars),
    ]);
    const hubToken = await tokenOf(HUB_NAMESPACE);
    const hubSa = { namespace: HUB_NAMESPACE, name: 'okteto-dev' };
    expect(can('list', 'deployments', ns('corp'), hubSa)).toBe(false);
    const b = await startBackend({
      clusters: [
        clusterConfig('dev', await tokenOf(OKTETO_DEV_NAMESPACE)),
        clusterConfig('hub', hubToken),
      ],
      conventions: {
        ...CONVENTIONS,
        cluster: 'dev',
        applicationCluster: 'hub',
      },
    });
    try {
      await watched(b);
      const all = await useEverything(b);
      for (const s of Object.values(all.statuses)) {
        expectHealthy(s);
        expect(s.target.application.cluster).toBe('hub');
      }
    } finally {
      await b.stop();
    }
  });
});
