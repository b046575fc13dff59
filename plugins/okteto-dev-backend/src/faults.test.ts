import { mockCredentials } from '@backstage/backend-test-utils';
import { DevErrorType } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import {
  fetchStatus,
  startWebCoreBackend,
  TestSetup,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const status = fetchStatus;

describe('caching and coalescing', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({}, { latencyMs: 20 });
  });
  afterAll(() => setup.stop());

  it('100 concurrent requests for one entity cost one round trip of 3 reads, shared by all of them', async () => {
    setup.sandbox.counters.reset();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => status(setup, 'corporate')),
    );
    expect(new Set(answers.map(a => a.fetchedAt)).size).toBe(1);
    // Applications, Deployments and Pods (what the Secret item reads): no second trip, no Secret
    expect(setup.sandbox.counters.total).toBe(3);
    // and repeated requests within the TTL cost nothing more
    await status(setup, 'corporate');
    expect(setup.sandbox.counters.total).toBe(3);
  });
});

describe('with the cluster-wide mode (oktetoDev.rbac.clusterWide)', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      rbac: { clusterWide: true },
      cache: { ttlSeconds: 0.001 },
    });
  });
  afterAll(() => setup.stop());

  it('a batch costs one LIST per kind with cluster-wide read rights', async () => {
    // web-core keeps the token out of one namespace; lift that to give it cluster-wide rights
    const forbidden = setup.sandbox.forbid.namespaces.splice(0);
    try {
      const lists = await batchLists(setup);
      for (const kind of ['applications', 'deployments', 'pods']) {
        expect(lists(kind)).toHaveLength(1);
      }
      expect(lists('secrets')).toHaveLength(0);
    } finally {
      setup.sandbox.forbid.namespaces.push(...forbidden);
    }
  });
});

describe('in the cluster-wide mode with namespaced read rights after all', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      rbac: { clusterWide: true },
      cache: { ttlSeconds: 0.001 },
    });
  });
  afterAll(() => setup.stop());

  it('a batch falls back to one LIST per namespace', async () => {
    const lists = await batchLists(setup);
    expect(lists('applications')).toHaveLength(1);
    const deployments = lists('deployments');
    expect(
      deployments.filter(r => r.status === 403 && !r.namespace),
    ).toHaveLength(1);
    expect(
      deployments
        .filter(r => r.status === 200)
        .map(r => r.namespace)
        .sort(),
    ).toEqual([
      'web-landings-dev',
      'web-payload-dev',
      'web-saas-dev',
      'web-shop-dev',
      'web-synestra-io-dev',
    ]);
    // ... and remembers the refusal instead of asking cluster-wide again
    const again = await batchLists(setup);
    expect(again('deployments').every(r => r.namespace)).toBe(true);
    expect(again('deployments')).toHaveLength(5);
  });
});

describe('Pods are read in the same round trip, and only where they were needed', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({ cache: { ttlSeconds: 0.001 } });
  });
  afterAll(() => setup.stop());

  const readsOf = async (name: string) => {
    setup.sandbox.counters.reset();
    await status(setup, name);
    return setup.sandbox.requests.map(r => r.resource).sort();
  };

  it('a healthy app: 3 reads every time, its Pods among them (they say whether its Secrets exist)', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await readsOf('corporate')).toEqual([
        'applications',
        'deployments',
        'pods',
      ]);
    }
  });

  it('a dev-mode app: its Pods every time, in the one round trip', async () => {
    await readsOf('synestra-io');
    expect(await readsOf('synestra-io')).toEqual([
      'applications',
      'deployments',
      'pods',
    ]);
  });
});

describe('with the Secret item switched off (oktetoDev.checklist.env-secret: false)', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      cache: { ttlSeconds: 0.001 },
      checklist: { 'env-secret': false },
    });
  });
  afterAll(() => setup.stop());

  const readsOf = async (name: string) => {
    setup.sandbox.counters.reset();
    await status(setup, name);
    return setup.sandbox.requests.map(r => r.resource).sort();
  };

  it('Pods only where needed: a healthy app 3 reads when never seen, then 2', async () => {
    expect(await readsOf('corporate')).toEqual([
      'applications',
      'deployments',
      'pods',
    ]);
    expect(await readsOf('corporate')).toEqual(['applications', 'deployments']);
    expect(await readsOf('synestra-io')).toHaveLength(3);
    expect(await readsOf('synestra-io')).toContain('pods');
  });
});

describe('with namespaced read rights only', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({ cache: { ttlSeconds: 0.001 } });
  });
  afterAll(() => setup.stop());

  it('by default a batch reads one LIST per namespace and never asks across all namespaces', async () => {
    const lists = await batchLists(setup);
    expect(lists('applications')).toHaveLength(1);
    for (const kind of ['deployments', 'pods']) {
      expect(
        lists(kind)
          .map(r => [r.namespace, r.status])
          .sort(),
      ).toEqual(
        [
          'web-landings-dev',
          'web-payload-dev',
          'web-saas-dev',
          'web-shop-dev',
          'web-synestra-io-dev',
        ].map(ns => [ns, 200]),
      );
    }
    expect(setup.sandbox.requests.filter(r => r.status !== 200)).toEqual([]);
  });
});

const APPS = ['synestra-io', 'shop', 'landings', 'saas', 'payload-core'];
async function batchLists(setup: TestSetup) {
  setup.sandbox.counters.reset();
  const res = await request(setup.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header())
    .send({ entityRefs: APPS.map(n => `component:default/${n}`) });
  expect(res.body.items).toHaveLength(5);
  const lists = setup.sandbox.requests.filter(r => r.verb === 'list');
  expect(setup.sandbox.counters.total).toBe(lists.length);
  return (resource: string) => lists.filter(r => r.resource === resource);
}

describe('cluster faults come back as typed error values with HTTP 200', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      timeoutMs: 300,
      cache: { ttlSeconds: 0.001, staleOnErrorSeconds: 0.001 },
    });
  });
  afterAll(() => setup.stop());
  afterEach(() => {
    setup.sandbox.faults.clear();
    setup.sandbox.refuseConnections = false;
    setup.sandbox.groups.argoproj = true;
  });

  const cases: Array<[string, () => void, DevErrorType, number | undefined]> = [
    [
      'refused connections',
      () => {
        setup.sandbox.refuseConnections = true;
      },
      'unreachable',
      undefined,
    ],
    [
      'a hang past the timeout',
      () => {
        setup.sandbox.faults.add({ pattern: /deployments/, fault: 'hang' });
      },
      'timeout',
      undefined,
    ],
    [
      'HTTP 500',
      () => {
        setup.sandbox.faults.add({ pattern: /deployments/, fault: '500' });
      },
      'bad-response',
      500,
    ],
    [
      'HTTP 403',
      () => {
        setup.sandbox.faults.add({ pattern: /deployments/, fault: '403' });
      },
      'forbidden',
      403,
    ],
    [
      'malformed JSON',
      () => {
        setup.sandbox.faults.add({
          pattern: /deployments/,
          fault: 'malformed',
        });
      },
      'bad-response',
      undefined,
    ],
  ];

  it.each(cases)('%s', async (_name, inject, type, statusCode) => {
    inject();
    const s = await status(setup, 'corporate');
    expect(s.workload).toMatchObject({ state: 'error', error: { type } });
    const error = s.workload.state === 'error' ? s.workload.error : undefined;
    expect(error?.statusCode).toBe(statusCode);
    expect(error?.cluster).toBe('default');
    expect(error?.message).not.toMatch(/\n\s+at /); // no stack trace
    expect(JSON.stringify(s)).not.toContain(setup.sandbox.token!);
  });

  it('Argo CD not installed', async () => {
    setup.sandbox.groups.argoproj = false;
    const s = await status(setup, 'corporate');
    expect(s.argo).toMatchObject({
      state: 'error',
      error: { type: 'not-installed', statusCode: 404 },
    });
    expect(s.workload.state).toBe('ok');
    expect(s.drift.kind).toBe('unknown');
  });
});

describe('stale data while a cluster fails', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      timeoutMs: 300,
      cache: { ttlSeconds: 0.001, staleOnErrorSeconds: 300 },
    });
  });
  afterAll(() => setup.stop());

  it('serves the last good answer, marked stale, with the current errors', async () => {
    const good = await status(setup, 'synestra-io');
    expect(good.stale).toBeUndefined();
    setup.sandbox.refuseConnections = true;
    try {
      const stale = await status(setup, 'synestra-io');
      expect(stale.stale).toEqual({
        since: good.fetchedAt,
        ageSeconds: expect.any(Number),
      });
      expect(stale.okteto).toMatchObject({ state: 'on' });
      expect(stale.errors[0]).toMatchObject({ type: 'unreachable' });
    } finally {
      setup.sandbox.refuseConnections = false;
    }
    const fresh = await status(setup, 'synestra-io');
    expect(fresh.stale).toBeUndefined();
  });
});
