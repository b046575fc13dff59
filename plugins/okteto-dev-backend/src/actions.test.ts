import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
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

const invoke = (entityRef: string, user?: string) =>
  request(setup.server)
    .post(
      '/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:get-status/invoke',
    )
    .set('Authorization', mockCredentials.user.header(user))
    .send({ entityRef });

describe('okteto-dev:get-status action', () => {
  it('is listed as read-only', async () => {
    const res = await request(setup.server)
      .get('/api/okteto-dev/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        id: 'okteto-dev:get-status',
        attributes: { destructive: false, idempotent: true, readOnly: true },
      }),
    ]);
  });

  it('answers the same status as the endpoint, with the same visibility rules', async () => {
    const res = await invoke('component:default/synestra-io');
    expect(res.status).toBe(200);
    expect(res.body.output.status).toMatchObject({
      entityRef: 'component:default/synestra-io',
      okteto: { state: 'on', user: 'alice' },
      drift: { kind: 'expected-okteto' },
    });
    expect(
      (await invoke('component:default/synestra-io', OUTSIDER)).status,
    ).toBe(404);
    expect((await invoke('not a ref')).status).toBe(400);
  });
});
