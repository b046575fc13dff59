import { mockCredentials } from '@backstage/backend-test-utils';
import {
  eventually,
  oktetoDown,
  oktetoUp,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import {
  LiveBackend,
  nonWatchRequests,
  startLiveBackend,
  startTcpProxy,
  TcpProxy,
} from '../../__testUtils__/liveBackend';

jest.setTimeout(60_000);

/** A watched entity's `live`: its opaque signal channel, and when that rotates. */
const WATCHED = {
  mode: 'watch',
  channel: expect.stringMatching(/^okteto-dev:status:[A-Za-z0-9_-]{32}$/),
  renewAt: expect.any(String),
};

/** The sandbox's watch history: a watch further behind than this gets 410 Gone. */
const HISTORY = 300;

const CORPORATE = {
  devName: 'web-corporate-dev',
  namespace: 'web-corporate-dev',
  workload: 'web-corporate-dev-web-app',
};

let sandbox: Sandbox;
let proxy: TcpProxy;
let backend: LiveBackend;

beforeAll(async () => {
  // a short watch history, so that a watch that was away too long gets 410 Gone
  sandbox = await startSandbox({ scenario: 'web-core', historySize: HISTORY });
  proxy = await startTcpProxy(sandbox.url);
  backend = await startLiveBackend({
    sandbox,
    clusterUrl: proxy.url,
    oktetoDev: { cache: { ttlSeconds: 0.001 } },
  });
});

afterAll(async () => {
  await backend?.stop();
  await proxy?.close();
  await sandbox?.close();
});

const watching = (name: string) =>
  eventually(
    async () => {
      const s = await backend.status(name);
      return s.live?.mode === 'watch' && s;
    },
    { what: `${name} to be watched` },
  );

const until = (name: string, done: (s: DevStatus) => boolean) =>
  eventually(
    async () => {
      const s = await backend.status(name);
      return done(s) && s;
    },
    { what: `the status of ${name}` },
  );

describe('watch-fed status', () => {
  it('answers views and batches from the watches: 0 cluster reads once warm', async () => {
    await watching('corporate');
    await watching('shop');
    sandbox.counters.reset();
    const s = await backend.status('corporate');
    expect(s.live).toEqual(WATCHED);
    expect(s.okteto.state).toBe('off');
    expect(s.argo).toMatchObject({ state: 'ok', sync: 'Synced' });
    const batch = await request(backend.server)
      .post('/api/okteto-dev/v1/status/batch')
      .set('Authorization', mockCredentials.user.header())
      .send({
        entityRefs: ['component:default/corporate', 'component:default/shop'],
      });
    expect(batch.body.items.map((i: DevStatus) => i.live?.mode)).toEqual([
      'watch',
      'watch',
    ]);
    expect(batch.body.items[1].drift.kind).toBe('conflict');
    expect(nonWatchRequests(sandbox)).toEqual([]);
  });

  it('never lists, watches or gets a Secret; the missing one is still named, from the pod that waits for it', async () => {
    await watching('saas');
    const saas = await backend.status('saas');
    expect(saas.live).toMatchObject({ mode: 'watch' });
    expect(saas.checklist.find(i => i.id === 'env-secret')).toMatchObject({
      status: 'fail',
      code: 'checkSecretMissingFromPod',
      params: { secret: 'web-saas-dev-env' },
    });
    expect(sandbox.requests.filter(r => r.resource === 'secrets')).toEqual([]);
  });

  it('sees okteto up and down: the status follows with 0 extra cluster reads', async () => {
    await watching('corporate');
    sandbox.counters.reset();
    await oktetoUp(sandbox.store, { ...CORPORATE, user: 'alice' });
    const on = await until('corporate', s => s.okteto.state === 'on');
    expect(on.okteto).toMatchObject({ state: 'on', user: 'alice' });
    expect(on.live).toEqual(WATCHED);
    await oktetoDown(sandbox.store, CORPORATE);
    await until('corporate', s => s.okteto.state === 'off');
    // only the watches are open; no LIST, no GET
    expect(nonWatchRequests(sandbox)).toEqual([]);
  });

  it('a dropped connection resumes the watch from its resourceVersion', async () => {
    await watching('corporate');
    sandbox.counters.reset();
    proxy.drop();
    await oktetoUp(sandbox.store, { ...CORPORATE, user: 'bob' });
    const on = await until(
      'corporate',
      s => s.okteto.state === 'on' && s.live?.mode === 'watch',
    );
    expect(on.okteto).toMatchObject({ user: 'bob' });
    const watches = sandbox.requests.filter(r => r.verb === 'watch');
    expect(watches.length).toBeGreaterThan(0);
    expect(
      watches.every(
        r => r.query.resourceVersion && r.query.resourceVersion !== '0',
      ),
    ).toBe(true);
    expect(sandbox.requests.filter(r => r.verb === 'list')).toEqual([]);
    await oktetoDown(sandbox.store, CORPORATE);
    await until('corporate', s => s.okteto.state === 'off');
  });

  it('410 Gone after too long away relists, and the answer is current again', async () => {
    await watching('corporate');
    sandbox.counters.reset();
    proxy.refuse = true;
    proxy.drop();
    // more writes than the watch history holds, while the watches are away
    for (let i = 0; i <= HISTORY; i++) {
      sandbox.store.patch(
        'configmaps',
        'web-portal-dev',
        'web-portal-dev-config',
        {
          metadata: { annotations: { 'test/round': String(i) } },
        },
      );
    }
    await oktetoUp(sandbox.store, { ...CORPORATE, user: 'carol' });
    proxy.refuse = false;
    const on = await until(
      'corporate',
      s => s.okteto.state === 'on' && s.live?.mode === 'watch',
    );
    expect(on.okteto).toMatchObject({ user: 'carol' });
    const lists = sandbox.requests.filter(
      r => r.verb === 'list' && r.status === 200,
    );
    expect(lists.map(r => r.namespace)).toContain('web-corporate-dev');
    await oktetoDown(sandbox.store, CORPORATE);
    await until('corporate', s => s.okteto.state === 'off');
  });
});

describe('falling back to polling', () => {
  it('a namespace whose watch is forbidden is read on each view, and the answer says so', async () => {
    const s = await eventually(
      async () => {
        const status = await backend.status('secret-app');
        return status.live?.reason?.includes('forbidden') && status;
      },
      { what: 'secret-app to fall back to polling' },
    );
    expect(s.live).toMatchObject({ mode: 'polling' });
    expect(s.workload).toMatchObject({
      state: 'error',
      error: { type: 'forbidden' },
    });
  });

  it('a forbidden watch (the LIST allowed) falls back to polling with the reason', async () => {
    await watching('saas');
    const fault = sandbox.faults.add({
      pattern: '/apis/apps/v1/namespaces/web-saas-dev/deployments',
      fault: 403,
      verb: 'watch',
    });
    try {
      // the current watch must end for the next one to be refused
      proxy.drop();
      const s = await until(
        'saas',
        status =>
          status.live?.mode === 'polling' && Boolean(status.live.reason),
      );
      expect(s.live?.reason).toMatch(/forbidden.*deployments in web-saas-dev/);
      expect(s.workload.state).toBe('ok');
      sandbox.counters.reset();
      await backend.status('saas');
      expect(nonWatchRequests(sandbox).map(r => r.verb)).toContain('list');
    } finally {
      sandbox.faults.remove(fault);
    }
  });
});
