import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  eventually,
  RequestRecord,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import { LiveBackend, startLiveBackend } from './__testUtils__/liveBackend';
import {
  allowedBy,
  grantedLines,
  rbacManifest,
  RbacRequest,
} from './__testUtils__/rbac';
import { sandboxClusters } from './__testUtils__/testBackend';
import { WEB_CORE_ENTITIES } from './__testUtils__/webCoreEntities';

/*
 * deploy/rbac/ against what the backend really asks for. Every feature (status, batch, events,
 * clusters, live watches, the Secret opt-in, Argo CD on a hub) runs against the kube-sandbox,
 * which records each request; then, per mode:
 * - every resource request is allowed by that mode's manifests, evaluated as Kubernetes RBAC
 *   evaluates them (`__testUtils__/rbac.ts`, after kubernetes plugin/pkg/auth/authorizer/rbac);
 * - every rule the manifests grant was used by some request: no rule is there "just in case".
 * The real API server enforcing these manifests, rule by rule, is the real-cluster test's.
 */

jest.setTimeout(180_000);

const SUBJECT = { namespace: 'backstage', name: 'okteto-dev' };
const VARS = { OKTETO_DEV_NAMESPACE: 'backstage', ARGOCD_NAMESPACE: 'argo' };

/** A StatefulSet app beside web-core's Deployments, so the statefulsets rules are exercised. */
const DB_NS = 'web-db-dev';
const DB_OBJECTS = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DB_NS } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: DB_NS },
    spec: {
      replicas: 1,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'app', image: 'postgres:16' }] },
      },
    },
  },
];
const DB_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'db',
    namespace: 'default',
    annotations: {
      'okteto-dev/app': 'db',
      'okteto-dev/workload': 'db',
      'okteto-dev/workload-kind': 'StatefulSet',
    },
  },
  spec: { type: 'service', owner: 'team-web', lifecycle: 'experimental' },
};
const ENTITIES = [...WEB_CORE_ENTITIES, DB_ENTITY];
const REFS = ENTITIES.filter(
  e => e.metadata.annotations?.['okteto-dev/app'],
).map(e => `component:default/${e.metadata.name}`);

async function sandboxWithDb(): Promise<Sandbox> {
  const sandbox = await startSandbox({ scenario: 'web-core' });
  // RBAC binds every dev namespace; the scenario's forbidden one is bound too
  sandbox.forbid.namespaces.splice(0);
  for (const o of DB_OBJECTS) sandbox.store.put(o);
  return sandbox;
}

/** Every dev namespace of the entities, as the README's loop over them. */
function devNamespaces(statuses: DevStatus[]): string[] {
  return [...new Set(statuses.map(s => s.target.namespace))].sort();
}

/** Asks for every feature: each status, a batch, the events of each, the clusters. */
async function useEverything(backend: LiveBackend): Promise<DevStatus[]> {
  const auth = mockCredentials.user.header();
  const batch = await request(backend.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', auth)
    .send({ entityRefs: REFS });
  expect(batch.status).toBe(200);
  const statuses: DevStatus[] = [];
  for (const ref of REFS) {
    const name = ref.split('/')[1];
    statuses.push(await backend.status(name));
    const events = await request(backend.server)
      .get('/api/okteto-dev/v1/events')
      .query({ entityRef: ref })
      .set('Authorization', auth);
    expect(events.status).toBe(200);
    expect(events.body.error).toBeUndefined();
  }
  const clusters = await request(backend.server)
    .get('/api/okteto-dev/v1/clusters')
    .set('Authorization', auth);
  expect(clusters.body.items.every((c: any) => c.reachable)).toBe(true);
  return statuses;
}

/** The resource requests a sandbox saw, as the authorizer sees them. */
function resourceRequests(sandbox: Sandbox): RbacRequest[] {
  return sandbox.requests
    .filter((r: RequestRecord) => r.resource !== undefined)
    .map(r => ({
      verb: r.verb,
      group: r.group ?? '',
      resource: r.subresource ? `${r.resource}/${r.subresource}` : r.resource!,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.name ? { name: r.name } : {}),
    }));
}

const line = (r: RbacRequest) =>
  `${r.verb} ${r.resource}${r.group ? `.${r.group}` : ''}`;

/** Both ways: every request allowed, every granted line used. */
function expectExactly(
  objects: Array<Record<string, any>>,
  requests: RbacRequest[],
) {
  const refused = requests.filter(r => !allowedBy(objects, SUBJECT, r));
  expect(refused).toEqual([]);
  const used = new Set(requests.map(line));
  expect([...new Set(grantedLines(objects))].filter(l => !used.has(l))).toEqual(
    [],
  );
}

const perNamespace = (file: string, namespaces: string[]) =>
  namespaces.flatMap(ns => rbacManifest(file, { ...VARS, DEV_NAMESPACE: ns }));

describe('deploy/rbac: the rules are what the backend asks for, no more', () => {
  let sandbox: Sandbox | undefined;
  let hub: Sandbox | undefined;
  let backend: LiveBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    await sandbox?.close();
    await hub?.close();
    backend = sandbox = hub = undefined;
  });

  it('polling: list in the Argo CD namespace and in each dev namespace', async () => {
    sandbox = await sandboxWithDb();
    backend = await startLiveBackend({
      sandbox,
      entities: ENTITIES,
      oktetoDev: { live: { enabled: false }, cache: { ttlSeconds: 0.001 } },
    });
    const statuses = await useEverything(backend);
    const requests = resourceRequests(sandbox);
    expect(requests.every(r => r.verb === 'list')).toBe(true);
    expect(requests.filter(r => !r.namespace)).toEqual([]);
    expectExactly(
      [
        ...rbacManifest('service-account.yaml', VARS),
        ...rbacManifest('polling/argocd.yaml', VARS),
        ...rbacManifest('polling/workloads.yaml', VARS),
        ...perNamespace('polling/dev-namespace.yaml', devNamespaces(statuses)),
      ],
      requests,
    );
  });

  it('live: list and watch, each watch in one namespace; never a Secret', async () => {
    sandbox = await sandboxWithDb();
    backend = await startLiveBackend({
      sandbox,
      entities: ENTITIES,
      oktetoDev: { cache: { ttlSeconds: 0.001 } },
    });
    await eventually(
      async () => {
        const all = await Promise.all(
          REFS.map(ref => backend!.status(ref.split('/')[1])),
        );
        return all.every(s => s.live?.mode === 'watch');
      },
      { what: 'every entity to be watched' },
    );
    const statuses = await useEverything(backend);
    const requests = resourceRequests(sandbox);
    expect(requests.filter(r => !r.namespace)).toEqual([]);
    expect(requests.filter(r => r.resource === 'secrets')).toEqual([]);
    expect(requests.some(r => r.verb === 'watch')).toBe(true);
    expectExactly(
      [
        ...rbacManifest('service-account.yaml', VARS),
        ...rbacManifest('live/argocd.yaml', VARS),
        ...rbacManifest('live/workloads.yaml', VARS),
        ...perNamespace('live/dev-namespace.yaml', devNamespaces(statuses)),
      ],
      requests,
    );
  });

  it('cluster-wide: across all namespaces only in that mode, through its ClusterRoleBinding', async () => {
    sandbox = await sandboxWithDb();
    backend = await startLiveBackend({
      sandbox,
      entities: ENTITIES,
      oktetoDev: {
        rbac: { clusterWide: true },
        live: { maxNamespacesPerCluster: 3 },
        cache: { ttlSeconds: 0.001 },
      },
    });
    await eventually(
      async () => {
        const all = await Promise.all(
          REFS.map(ref => backend!.status(ref.split('/')[1])),
        );
        return all.every(s => s.live?.mode === 'watch');
      },
      { what: 'every entity to be watched' },
    );
    await useEverything(backend);
    const requests = resourceRequests(sandbox);
    expect(requests.some(r => !r.namespace && r.verb === 'watch')).toBe(true);
    expectExactly(
      [
        ...rbacManifest('service-account.yaml', VARS),
        ...rbacManifest('live/argocd.yaml', VARS),
        ...rbacManifest('cluster-wide/workloads.yaml', VARS),
      ],
      requests,
    );
  });

  it('the Secret opt-in: get by name, within resourceNames', async () => {
    sandbox = await sandboxWithDb();
    backend = await startLiveBackend({
      sandbox,
      entities: ENTITIES,
      oktetoDev: {
        live: { enabled: false },
        cache: { ttlSeconds: 0.001 },
        checklist: { 'env-secret': { readSecretMetadata: true } },
      },
    });
    const statuses = await useEverything(backend);
    const requests = resourceRequests(sandbox);
    const secretReads = requests.filter(r => r.resource === 'secrets');
    expect(secretReads.length).toBeGreaterThan(0);
    expect(secretReads.every(r => r.verb === 'get' && r.name)).toBe(true);
    const objects = [
      ...rbacManifest('service-account.yaml', VARS),
      ...rbacManifest('polling/argocd.yaml', VARS),
      ...rbacManifest('polling/workloads.yaml', VARS),
      ...perNamespace('polling/dev-namespace.yaml', devNamespaces(statuses)),
      ...statuses.flatMap(s =>
        rbacManifest('secrets-opt-in/dev-namespace.yaml', {
          ...VARS,
          DEV_NAMESPACE: s.target.namespace,
          SECRET_NAME: `${s.target.application.name}-env`,
        }),
      ),
    ];
    expectExactly(objects, requests);
    // resourceNames: another Secret of the namespace stays refused
    expect(
      allowedBy(objects, SUBJECT, {
        verb: 'get',
        group: '',
        resource: 'secrets',
        namespace: 'web-corporate-dev',
        name: 'another-secret',
      }),
    ).toBeUndefined();
  });

  it('Argo CD on a hub: the hub is asked only for its Applications, the workload cluster only for its dev namespaces', async () => {
    hub = await startSandbox({ scenario: 'web-core' });
    sandbox = await sandboxWithDb();
    backend = await startLiveBackend({
      sandbox,
      entities: ENTITIES,
      oktetoDev: {
        cache: { ttlSeconds: 0.001 },
        clusters: [
          { ...sandboxClusters(sandbox)[0], name: 'dev' },
          { ...sandboxClusters(hub)[0], name: 'hub' },
        ],
        conventions: { cluster: 'dev', applicationCluster: 'hub' },
      },
    });
    await eventually(
      async () => {
        const all = await Promise.all(
          REFS.map(ref => backend!.status(ref.split('/')[1])),
        );
        return all.every(s => s.live?.mode === 'watch');
      },
      { what: 'every entity to be watched' },
    );
    const statuses = await useEverything(backend);
    expect(
      statuses.find(s => s.entityRef.endsWith('/corporate'))!.argo,
    ).toMatchObject({
      state: 'ok',
    });
    expectExactly(
      [
        ...rbacManifest('service-account.yaml', VARS),
        ...rbacManifest('hub/argocd.yaml', VARS),
      ],
      resourceRequests(hub),
    );
    expectExactly(
      [
        ...rbacManifest('service-account.yaml', VARS),
        ...rbacManifest('live/workloads.yaml', VARS),
        ...perNamespace('live/dev-namespace.yaml', devNamespaces(statuses)),
      ],
      resourceRequests(sandbox),
    );
  });
});
