import { mockCredentials } from '@backstage/backend-test-utils';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import {
  fetchStatus,
  OUTSIDER,
  startWebCoreBackend,
  TestSetup,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

let setup: TestSetup;
beforeAll(async () => {
  setup = await startWebCoreBackend();
});
afterAll(() => setup.stop());

const status = (name: string) => fetchStatus(setup, name);

const item = (s: DevStatus, id: string) => s.checklist.find(i => i.id === id);

describe('GET /v1/status against the web-core scenario', () => {
  it('corporate: Synced, Healthy, dev mode off, not enabled in the Okteto manifest', async () => {
    const s = await status('corporate');
    expect(s.target).toMatchObject({
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      application: { name: 'web-corporate-dev', namespace: 'argo' },
    });
    expect(s.argo).toMatchObject({
      state: 'ok',
      sync: 'Synced',
      health: 'Healthy',
      selfHeal: false,
    });
    expect(s.workload).toMatchObject({
      state: 'ok',
      replicas: 1,
      readyReplicas: 1,
    });
    expect(s.okteto).toEqual({ state: 'off' });
    expect(s.drift.kind).toBe('none');
    expect(item(s, 'env-secret')?.status).toBe('pass');
    expect(item(s, 'synestra-env-dev')?.status).toBe('pass');
    // web-core's manifest has no dev entry for corporate yet: the card offers "Enable Okteto".
    expect(item(s, 'dev-service')?.status).toBe('fail');
    expect(s.commands.dev).toBe(
      'pnpm --filter @synestra/corporate-website dev',
    );
    expect(s.errors).toEqual([]);
  });

  it('synestra-io: dev mode on by alice, OutOfSync only because of it', async () => {
    const s = await status('synestra-io');
    expect(s.okteto).toMatchObject({
      state: 'on',
      mode: 'sync',
      user: 'alice',
      image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
      clone: 'web-synestra-io-dev-web-app-okteto',
    });
    expect(s.okteto.state === 'on' && s.okteto.pods[0]).toMatchObject({
      ready: true,
    });
    expect(s.argo).toMatchObject({ sync: 'OutOfSync' });
    expect(s.drift.kind).toBe('expected-okteto');
    expect(item(s, 'dev-service')?.status).toBe('pass');
    expect(item(s, 'dev-image')?.status).toBe('pass');
    // web-core keeps its .stignore in .okteto/, but with `..:/app` Okteto reads the root one.
    expect(item(s, 'stignore')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('.stignore does not exist'),
    });
    expect(s.commands.oktetoUp).toBe(
      'okteto up web-synestra-io-dev --namespace web-synestra-io-dev',
    );
  });

  it('shop: dev mode on while selfHeal is true is a conflict with both pods running', async () => {
    const s = await status('shop');
    expect(s.drift.kind).toBe('self-heal-conflict');
    expect(s.okteto).toMatchObject({ state: 'on', user: 'bob' });
    expect(s.workload).toMatchObject({ replicas: 1 });
    expect(s.workload.state === 'ok' && s.workload.pods.length).toBeGreaterThan(
      0,
    );
    expect(item(s, 'self-heal-off')?.status).toBe('fail');
  });

  it('landings: Degraded with a crash-looping pod', async () => {
    const s = await status('landings');
    expect(s.argo).toMatchObject({
      health: 'Degraded',
      healthMessage: expect.stringContaining('progress deadline'),
    });
    expect(s.workload).toMatchObject({ readyReplicas: 0 });
    expect(s.workload.state === 'ok' && s.workload.pods[0]).toMatchObject({
      ready: false,
      reason: 'CrashLoopBackOff',
    });
  });

  it('saas: no Application and no env Secret', async () => {
    const s = await status('saas');
    expect(s.argo).toEqual({ state: 'not-found' });
    expect(item(s, 'argo-application')?.status).toBe('fail');
    expect(item(s, 'env-secret')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('web-saas-dev-env'),
    });
    expect(s.workload.state).toBe('ok');
  });

  it('payload-core: irregular names by annotation, interrupted session is broken', async () => {
    const s = await status('payload-core');
    expect(s.target).toMatchObject({
      namespace: 'web-payload-dev',
      workload: 'web-payload-dev-web-app',
    });
    expect(s.okteto.state).toBe('broken');
    expect(s.okteto.state === 'broken' && s.okteto.problems.join(' ')).toMatch(
      /interrupted/,
    );
    expect(item(s, 'namespace-convention')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('annotation'),
    });
    expect(s.commands.oktetoDown).toBe(
      'okteto down web-payload-dev --namespace web-payload-dev',
    );
  });

  it('a namespace forbidden to the service account is an error value, with HTTP 200', async () => {
    const s = await status('secret-app');
    expect(s.argo.state).toBe('ok');
    expect(s.workload).toMatchObject({
      state: 'error',
      error: { type: 'forbidden', statusCode: 403 },
    });
    expect(s.errors.map(e => e.type)).toContain('forbidden');
  });

  it('never lets Secret data cross the wire', async () => {
    const secretReads = setup.sandbox.requests.filter(
      r => r.resource === 'secrets',
    );
    expect(secretReads.length).toBeGreaterThan(0);
    expect(secretReads.every(r => r.accept === 'metadata')).toBe(true);
    const body = JSON.stringify(await status('corporate'));
    expect(body).not.toMatch(/DATABASE_URI|PAYLOAD_SECRET|postgres:\/\//);
    expect(body).not.toContain(setup.sandbox.token!);
  });
});

describe('input and visibility', () => {
  it('404 for an entity the user cannot see', async () => {
    const res = await request(setup.server)
      .get('/api/okteto-dev/v1/status')
      .query({ entityRef: 'component:default/corporate' })
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(404);
  });

  it('404 for an unknown entity, 400 for a bad ref, 400 naming the missing annotation', async () => {
    const get = (entityRef?: string) =>
      request(setup.server)
        .get('/api/okteto-dev/v1/status')
        .query(entityRef ? { entityRef } : {})
        .set('Authorization', mockCredentials.user.header());
    expect((await get('component:default/nope')).status).toBe(404);
    expect((await get('::')).status).toBe(400);
    expect((await get()).status).toBe(400);
    const noAnnotation = await get('component:default/no-okteto');
    expect(noAnnotation.status).toBe(400);
    expect(noAnnotation.body.error.message).toContain("'okteto-dev/app'");
  });

  it('401 without credentials', async () => {
    const res = await request(setup.server)
      .get('/api/okteto-dev/v1/status')
      .query({ entityRef: 'component:default/corporate' });
    expect(res.status).toBe(401);
  });
});

describe('POST /v1/status/batch', () => {
  it('answers many entities, with failures listed', async () => {
    const res = await request(setup.server)
      .post('/api/okteto-dev/v1/status/batch')
      .set('Authorization', mockCredentials.user.header())
      .send({
        entityRefs: [
          'component:default/corporate',
          'component:default/shop',
          'component:default/nope',
          'component:default/no-okteto',
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: DevStatus) => s.entityRef)).toEqual([
      'component:default/corporate',
      'component:default/shop',
    ]);
    expect(res.body.failures).toEqual([
      {
        entityRef: 'component:default/nope',
        error: expect.objectContaining({ name: 'NotFoundError' }),
      },
      {
        entityRef: 'component:default/no-okteto',
        error: expect.objectContaining({ name: 'InputError' }),
      },
    ]);
  });

  it('refuses a malformed body and more than 500 refs', async () => {
    const post = (body: unknown) =>
      request(setup.server)
        .post('/api/okteto-dev/v1/status/batch')
        .set('Authorization', mockCredentials.user.header())
        .send(body as object);
    expect((await post({})).status).toBe(400);
    expect((await post({ entityRefs: 'x' })).status).toBe(400);
    const many = Array.from(
      { length: 501 },
      (_, i) => `component:default/c${i}`,
    );
    expect((await post({ entityRefs: many })).status).toBe(400);
  });
});

describe('GET /v1/clusters', () => {
  it('lists the clusters and their reachability, without secrets', async () => {
    const res = await request(setup.server)
      .get('/api/okteto-dev/v1/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'default',
        reachable: true,
        authProvider: 'serviceAccount',
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(setup.sandbox.token!);
  });
});
