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

const invoke = (action: string, input: object, user?: string) =>
  request(setup.server)
    .post(
      `/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:${action}/invoke`,
    )
    .set('Authorization', mockCredentials.user.header(user))
    .send(input);

describe('actions registry', () => {
  it('lists get-status, list-dev-sessions and explain-drift, all read-only', async () => {
    const res = await request(setup.server)
      .get('/api/okteto-dev/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const readOnly = { destructive: false, idempotent: true, readOnly: true };
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        id: 'okteto-dev:get-status',
        attributes: readOnly,
      }),
      expect.objectContaining({
        id: 'okteto-dev:list-dev-sessions',
        attributes: readOnly,
      }),
      expect.objectContaining({
        id: 'okteto-dev:explain-drift',
        attributes: readOnly,
      }),
    ]);
  });

  it('get-status answers the same status as the endpoint, with the same visibility rules', async () => {
    const res = await invoke('get-status', {
      entityRef: 'component:default/shop',
    });
    expect(res.status).toBe(200);
    expect(res.body.output.status).toMatchObject({
      entityRef: 'component:default/shop',
      okteto: { state: 'on', user: 'bob' },
      drift: { kind: 'conflict' },
    });
    expect(
      (
        await invoke(
          'get-status',
          { entityRef: 'component:default/shop' },
          OUTSIDER,
        )
      ).status,
    ).toBe(404);
    expect(
      (await invoke('get-status', { entityRef: 'not a ref' })).status,
    ).toBe(400);
  });

  it('list-dev-sessions: who is in dev mode where, conflicts and broken sessions first', async () => {
    const res = await invoke('list-dev-sessions', {});
    expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
    const sessions = res.body.output.sessions as Array<Record<string, unknown>>;
    const byRef = Object.fromEntries(sessions.map(s => [s.entityRef, s]));
    expect(Object.keys(byRef).sort()).toEqual(
      [
        'admin',
        'blog',
        'docs',
        'payload-core',
        'portal',
        'shop',
        'studio',
        'synestra-io',
      ].map(n => `component:default/${n}`),
    );
    expect(sessions[0].drift).toBe('conflict');
    expect(byRef['component:default/admin']).toMatchObject({
      state: 'on',
      developer: 'dave',
      abandoned: true,
      oktetoDown: 'okteto down web-admin-dev --namespace web-admin-dev',
    });
    expect(byRef['component:default/synestra-io']).not.toHaveProperty(
      'developer',
    );
    expect(byRef['component:default/blog']).toMatchObject({
      state: 'broken',
      problems: [expect.stringContaining('cannot create its pod')],
    });
    // the outsider may read none of them
    const hidden = await invoke('list-dev-sessions', {}, OUTSIDER);
    expect(hidden.body.output.sessions).toEqual([]);
  });

  it('explain-drift names each OutOfSync resource and whether dev mode causes it', async () => {
    const res = await invoke('explain-drift', {
      entityRef: 'component:default/portal',
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      kind: 'unexpected',
      explanation: expect.stringContaining('ConfigMap web-portal-dev-config'),
      resources: expect.arrayContaining([
        {
          kind: 'ConfigMap',
          name: 'web-portal-dev-config',
          status: 'OutOfSync',
          causedByDevMode: false,
        },
        {
          kind: 'Deployment',
          name: 'web-portal-dev-web-app',
          status: 'OutOfSync',
          causedByDevMode: true,
        },
      ]),
    });
    expect(
      (
        await invoke(
          'explain-drift',
          { entityRef: 'component:default/portal' },
          OUTSIDER,
        )
      ).status,
    ).toBe(404);
  });
});
