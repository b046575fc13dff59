import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { startSandbox, Sandbox } from '@okteto-dev/kube-sandbox';
import request from 'supertest';
import {
  catalogFactory,
  sandboxClusters,
  startOktetoDevBackend,
  webCoreUrlReader,
} from './__testUtils__/testBackend';

/**
 * Argo CD elsewhere: the Applications live in a hub cluster (an Argo CD instance named by the
 * entity's `okteto-dev/argocd-instance`), the workload in a spoke.
 */
jest.setTimeout(60_000);

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'okteto-dev/app': 'synestra-io',
        'okteto-dev/cluster': 'spoke',
        'backstage.io/source-location':
          'url:https://github.com/NeoGrAIph/web-core/tree/main/',
        ...annotations,
      },
    },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

let hub: Sandbox;
let spoke: Sandbox;
let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
let stop: () => Promise<void>;

beforeAll(async () => {
  [hub, spoke] = await Promise.all([
    startSandbox({ scenario: 'web-core' }),
    startSandbox({ scenario: 'web-core', argocd: false }),
  ]);
  // the spoke runs no Argo CD: its Applications are not there
  spoke.store.delete('applications', 'argo', 'web-synestra-io-dev');
  const backend = await startOktetoDevBackend({
    features: [
      catalogFactory([
        entity('on-hub', { 'okteto-dev/argocd-instance': 'hub' }),
        entity('unknown-instance', { 'okteto-dev/argocd-instance': 'nope' }),
      ]),
      webCoreUrlReader,
    ],
    oktetoDev: {
      // counted per request: the polling path (live mode reads through watches instead)
      live: { enabled: false },
      clusters: [
        { ...sandboxClusters(hub)[0], name: 'hub' },
        { ...sandboxClusters(spoke)[0], name: 'spoke' },
      ],
      argocd: {
        instances: [
          {
            name: 'hub',
            cluster: 'hub',
            baseUrl: 'https://argocd.hub.example',
          },
        ],
      },
    },
  });
  server = backend.server;
  stop = () => backend.stop();
});
afterAll(async () => {
  await stop?.();
  await Promise.all([hub?.close(), spoke?.close()]);
});

const get = (name: string) =>
  request(server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header());

it('reads the Application from the instance’s cluster and the workload from the spoke', async () => {
  hub.counters.reset();
  spoke.counters.reset();
  const res = await get('on-hub');
  expect(res.status).toBe(200);
  expect(res.body.target).toMatchObject({
    cluster: 'spoke',
    application: {
      name: 'web-synestra-io-dev',
      namespace: 'argo',
      cluster: 'hub',
      instance: 'hub',
    },
  });
  expect(res.body.argo).toMatchObject({ state: 'ok' });
  expect(res.body.okteto).toMatchObject({ state: 'on' });
  expect(res.body.links.argocd).toBe(
    'https://argocd.hub.example/applications/argo/web-synestra-io-dev',
  );
  expect(hub.counters.count({ resource: 'applications' })).toBe(1);
  expect(hub.counters.count({ resource: 'deployments' })).toBe(0);
  expect(spoke.counters.count({ resource: 'applications' })).toBe(0);
  expect(spoke.counters.count({ resource: 'deployments' })).toBe(1);
});

it('withholds okteto commands while the hub’s Application deploys in-cluster, to the hub (the target guard)', async () => {
  const res = await get('on-hub');
  expect(res.body.commands).toBeUndefined();
  expect(res.body.guard).toEqual([
    expect.objectContaining({
      code: 'guardDestinationServer',
      params: {
        application: 'argo/web-synestra-io-dev',
        server: 'https://kubernetes.default.svc',
        expected: `spoke: ${spoke.url.replace(/\/+$/, '')}`,
      },
    }),
  ]);
});

it('an unknown instance is a 400 that lists the configured ones', async () => {
  const res = await get('unknown-instance');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toContain(
    "No Argo CD instance named 'nope' is configured (configured: hub)",
  );
});
