// What the endpoints send: the stored bytes with an ETag, a 304 to a browser that has them, and a
// batch assembled from the same bytes.
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startWebCoreBackend, TestSetup } from './__testUtils__/testBackend';

jest.setTimeout(60_000);

let setup: TestSetup;
beforeAll(async () => {
  setup = await startWebCoreBackend();
});
afterAll(() => setup?.stop());

const status = (name: string, headers: Record<string, string> = {}) =>
  request(setup.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: `component:default/${name}` })
    .set({ Authorization: mockCredentials.user.header(), ...headers });

it('a status carries a strong ETag; If-None-Match with it is a 304 without body', async () => {
  const first = await status('corporate');
  expect(first.status).toBe(200);
  expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(first.headers['cache-control']).toBe('private, no-cache');
  const etag = first.headers.etag;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]{20}"$/);
  const again = await status('corporate', { 'If-None-Match': etag });
  expect(again.status).toBe(304);
  expect(again.text ?? '').toBe('');
  // a list of tags and a weak comparison match too; another tag does not
  expect(
    (await status('corporate', { 'If-None-Match': `"x", W/${etag}` })).status,
  ).toBe(304);
  expect((await status('corporate', { 'If-None-Match': '"x"' })).status).toBe(
    200,
  );
  // a caller who may not see the entity gets neither the tag nor a 304
  const outsider = await request(setup.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: 'component:default/corporate' })
    .set('Authorization', mockCredentials.user.header('user:default/outsider'))
    .set('If-None-Match', etag);
  expect(outsider.status).toBe(404);
  expect(outsider.headers.etag).not.toBe(etag);
});

it('the batch is the same answers, byte for byte, with failures', async () => {
  const one = await status('synestra-io');
  const res = await request(setup.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header())
    .send({
      entityRefs: ['component:default/synestra-io', 'component:default/nope'],
    });
  expect(res.status).toBe(200);
  expect(res.body.items).toEqual([one.body]);
  expect(res.body.failures).toEqual([
    {
      entityRef: 'component:default/nope',
      error: { name: 'NotFoundError', message: expect.any(String) },
    },
  ]);
  expect(res.text).toContain(JSON.stringify(one.body));
});
