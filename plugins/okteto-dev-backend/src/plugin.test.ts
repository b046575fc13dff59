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

describe('GET /v1/status: what no scenario state shows', () => {
  it('a namespace forbidden to the service account is an error value, with HTTP 200', async () => {
    const s = await status('secret-app');
    expect(s.argo.state).toBe('ok');
    expect(s.workload).toMatchObject({
      state: 'error',
      error: {
        type: 'forbidden',
        statusCode: 403,
        // what a Role must grant, as the API server named it
        permission: {
          verb: 'list',
          resource: 'deployments',
          group: 'apps',
          namespace: 'web-secret-dev',
        },
      },
    });
    expect(s.errors.map(e => e.type)).toContain('forbidden');
    expect(JSON.stringify(s.workload)).not.toContain('system:serviceaccount');
  });

  it('never reads a Secret: not a LIST, not a WATCH, not a GET (RBAC list/watch on Secrets grants their data)', async () => {
    const value =
      'postgres://corporate:leaked-through-annotation@db:5432/corporate';
    setup.sandbox.store.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'web-corporate-dev-extra',
        namespace: 'web-corporate-dev',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion: 'v1',
            kind: 'Secret',
            stringData: { DATABASE_URI: value },
          }),
        },
      },
      data: { DATABASE_URI: Buffer.from(value).toString('base64') },
    });
    await status('saas');
    expect(
      setup.sandbox.requests.filter(r => r.resource === 'secrets'),
    ).toEqual([]);
    const body = JSON.stringify(await status('corporate'));
    expect(body).not.toMatch(
      /DATABASE_URI|PAYLOAD_SECRET|postgres:\/\/|leaked/,
    );
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
