import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  catalogFactory,
  fetchStatus,
  sandboxClusters,
  startOktetoDevBackend,
  startWebCoreBackend,
  TestSetup,
  webCoreUrlReader,
} from './__testUtils__/testBackend';
import {
  WEB_CORE_ENTITIES,
  WEB_CORE_TARGETS,
} from './__testUtils__/webCoreEntities';

/**
 * The whole web-core scenario with its Applications read through an Argo CD API
 * (`oktetoDev.argocd.instances[].url`) instead of Kubernetes: every entity's status is the same,
 * a batch costs one list per instance (and a GET only for the Application that is missing), and
 * where Argo CD runs decides what the target guard accepts. The API here is a stand-in in front of
 * the sandbox's Applications that answers as argocd-server's List and Get do
 * (server/application/application.go: `name`, `names`, `appNamespace`, `project`; 404 for an
 * absent Application asked in a project); the real argocd-server is src/argocdApi.real.test.ts.
 */
jest.setTimeout(120_000);

let kube: TestSetup;
let argoApi: http.Server;
let argoUrl: string;
const calls: string[] = [];
let api: Awaited<ReturnType<typeof startOktetoDevBackend>>;
let elsewhere: Awaited<ReturnType<typeof startOktetoDevBackend>>;

async function sandboxApplications(): Promise<Array<Record<string, any>>> {
  const res = await fetch(
    `${kube.sandbox.url}/apis/argoproj.io/v1alpha1/namespaces/argo/applications`,
    { headers: { authorization: `Bearer ${kube.sandbox.token}` } },
  );
  return ((await res.json()) as { items: Array<Record<string, any>> }).items;
}

function apiBackend(
  instance: JsonObject,
  live: JsonObject = { enabled: false },
) {
  return startOktetoDevBackend({
    oktetoDev: {
      clusters: sandboxClusters(kube.sandbox),
      targets: WEB_CORE_TARGETS,
      live,
      argocd: {
        instances: [
          {
            name: 'main',
            url: argoUrl,
            token: 'argocd-token',
            dangerouslyAllowPlainHttp: true,
            ...instance,
          },
        ],
      },
    },
    features: [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory(),
      webCoreUrlReader,
    ],
  });
}

beforeAll(async () => {
  kube = await startWebCoreBackend();
  argoApi = http.createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    calls.push(`${u.pathname}?${u.searchParams}`);
    if (req.headers.authorization !== 'Bearer argocd-token') {
      res.writeHead(401).end('{"error":"no session information","code":16}');
      return;
    }
    const namespace = u.searchParams.get('appNamespace') || 'argo';
    const apps = (await sandboxApplications()).filter(
      a => a.metadata.namespace === namespace,
    );
    const single = u.pathname.match(/^\/api\/v1\/applications\/([^/]+)$/);
    if (single) {
      const app = apps.find(a => a.metadata.name === single[1]);
      const project = u.searchParams.get('project');
      if (!app || (project && app.spec?.project !== project)) {
        res.writeHead(404).end('{"error":"not found","code":5}');
      } else {
        res.writeHead(200).end(JSON.stringify(app));
      }
      return;
    }
    const name = u.searchParams.get('name');
    const names = u.searchParams.getAll('names');
    const items = apps.filter(
      a =>
        (!name || a.metadata.name === name) &&
        (names.length === 0 ||
          names.includes(`${a.metadata.namespace}/${a.metadata.name}`)),
    );
    res.writeHead(200).end(JSON.stringify({ metadata: {}, items }));
  });
  await new Promise<void>(resolve => argoApi.listen(0, '127.0.0.1', resolve));
  argoUrl = `http://127.0.0.1:${(argoApi.address() as AddressInfo).port}`;
  api = await apiBackend({});
  // Argo CD runs in a cluster Backstage does not read: its in-cluster destination is not ours
  elsewhere = await apiBackend({ cluster: 'mgmt' });
});

afterAll(async () => {
  await api?.stop();
  await elsewhere?.stop();
  await kube?.stop();
  await new Promise(resolve => argoApi?.close(resolve));
});

const withOkteto = WEB_CORE_ENTITIES.filter(
  e => e.metadata.annotations?.['okteto-dev/app'],
).map(e => `component:default/${e.metadata.name}`);

/** Without when it was read, and without what the instance adds: its name and its UI link. */
/**
 * A status without what differs by reading path or by clock: the read time and the ages measured
 * from it (the two backends read a second or two apart), the instance and its UI link.
 */
function comparable(status: DevStatus) {
  const { fetchedAt: _at, ...rest } = status;
  const { instance: _instance, ...application } = rest.target.application;
  const { argocd: _link, ...links } = rest.links;
  const okteto =
    'ageSeconds' in rest.okteto
      ? { ...rest.okteto, ageSeconds: 'measured' }
      : rest.okteto;
  return { ...rest, okteto, links, target: { ...rest.target, application } };
}

const batch = async (server: typeof api.server) => {
  const res = await request(server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header())
    .send({ entityRefs: withOkteto });
  expect(res.status).toBe(200);
  return res.body as DevStatusBatchResponse;
};

it('every web-core entity has the same status through the API as through Kubernetes, for one list', async () => {
  calls.length = 0;
  const [viaApi, viaKube] = await Promise.all([
    batch(api.server),
    batch(kube.server),
  ]);
  expect(viaApi.items.length).toBeGreaterThan(8);
  const byRef = new Map(viaKube.items.map(s => [s.entityRef, s]));
  for (const status of viaApi.items) {
    expect(status.target.application.instance).toBe('main');
    // the instance's url is its UI unless baseUrl says otherwise (no link without an Application)
    expect(status.links.argocd).toBe(
      status.argo.state === 'not-found'
        ? undefined
        : `${argoUrl}/applications/argo/${status.target.application.name}`,
    );
    const other = byRef.get(status.entityRef)!;
    expect(comparable(status)).toEqual(comparable(other));
    // both reads see the same age, give or take the time between them
    const age = (s: DevStatus) =>
      (s.okteto as { ageSeconds?: number }).ageSeconds;
    const apart =
      Math.abs(Date.parse(status.fetchedAt) - Date.parse(other.fetchedAt)) /
      1000;
    expect(age(status) === undefined).toBe(age(other) === undefined);
    expect(
      Math.abs((age(status) ?? 0) - (age(other) ?? 0)),
    ).toBeLessThanOrEqual(Math.ceil(apart) + 1);
  }
  expect(viaApi.failures ?? []).toEqual(viaKube.failures ?? []);
  // one list for the batch (every Application of the namespace by names=), and a GET only for
  // saas, whose Application does not exist, asked in the dev project
  const lists = calls.filter(c => c.startsWith('/api/v1/applications?'));
  expect(lists).toHaveLength(1);
  expect(
    new URLSearchParams(lists[0].split('?')[1]).getAll('names'),
  ).toHaveLength(viaApi.items.length);
  expect(calls.filter(c => !c.startsWith('/api/v1/applications?'))).toEqual([
    '/api/v1/applications/web-saas-dev?appNamespace=argo&project=synestra-web',
  ]);
});

it('where Argo CD runs decides the target guard: in the workload’s cluster by default, elsewhere when its cluster says so', async () => {
  const local = await fetchStatus({ server: api.server }, 'corporate');
  expect(local.target.application.cluster).toBe('default');
  expect(local.guard ?? []).toEqual([]);
  expect(local.commands).toBeDefined();

  const remote = await fetchStatus({ server: elsewhere.server }, 'corporate');
  expect(remote.target.application).toMatchObject({
    cluster: 'mgmt',
    instance: 'main',
  });
  expect(remote.argo).toMatchObject({ state: 'ok' });
  // its Application deploys to https://kubernetes.default.svc: mgmt, not the dev cluster
  expect(remote.commands).toBeUndefined();
  expect(remote.guard?.map(g => g.code)).toEqual(['guardDestinationServer']);
});

it('live mode: an instance that cannot be used is not retried; its entities are polled and say why, and nothing is sent to it', async () => {
  const refused = await apiBackend(
    { dangerouslyAllowPlainHttp: false },
    { enabled: true },
  );
  try {
    calls.length = 0;
    const status = await fetchStatus({ server: refused.server }, 'corporate');
    expect(status.argo).toMatchObject({
      state: 'error',
      error: { type: 'unusable' },
    });
    expect(status.live?.mode).toBe('polling');
    expect(status.live?.reason).toContain(
      "Argo CD instance 'main' cannot be used: its url is plain http://",
    );
    expect(calls).toEqual([]);
  } finally {
    await refused.stop();
  }
});
