import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DevEventsResponse } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import { startWebCoreBackend, TestSetup } from './__testUtils__/testBackend';

/** Events on demand, behind their own permission `okteto-dev.events.read`. */
jest.setTimeout(60_000);

const NO_EVENTS = 'user:default/no-events';

let setup: TestSetup;
beforeAll(async () => {
  setup = await startWebCoreBackend({}, {}, [
    mockServices.permissions.mock({
      authorize: async (requests, options) => {
        const principal = options?.credentials.principal as {
          userEntityRef?: string;
        };
        return requests.map(r => ({
          result:
            principal?.userEntityRef === NO_EVENTS &&
            r.permission.name === 'okteto-dev.events.read'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
    }).factory,
  ]);
});
afterAll(() => setup.stop());

const events = (name: string, user?: string) =>
  request(setup.server)
    .get('/api/okteto-dev/v1/events')
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header(user));

it('lists the Warning events of the workload and its clone, read only when asked for', async () => {
  setup.sandbox.counters.reset();
  const res = await events('blog');
  expect(res.status).toBe(200);
  const body = res.body as DevEventsResponse;
  expect(body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        type: 'Warning',
        reason: 'FailedCreate',
        object: expect.objectContaining({
          kind: 'ReplicaSet',
          name: expect.stringMatching(/^web-blog-dev-web-app-okteto-/),
        }),
        message: expect.stringContaining('PodSecurity'),
      }),
    ]),
  );
  expect(setup.sandbox.counters.count({ resource: 'events' })).toBe(1);
  // cached like the status
  await events('blog');
  expect(setup.sandbox.counters.count({ resource: 'events' })).toBe(1);
  const landings = (await events('landings')).body as DevEventsResponse;
  expect(landings.items[0]).toMatchObject({
    reason: 'BackOff',
    object: { kind: 'Pod' },
  });
  expect(landings.items[0].count).toBeGreaterThan(1);
});

it('the status itself never reads events, and carries the last container termination', async () => {
  setup.sandbox.counters.reset();
  const res = await request(setup.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: 'component:default/landings' })
    .set('Authorization', mockCredentials.user.header());
  expect(setup.sandbox.counters.count({ resource: 'events' })).toBe(0);
  expect(res.body.workload.pods[0]).toMatchObject({
    reason: 'CrashLoopBackOff',
    lastTermination: { reason: 'Error', exitCode: 1 },
  });
});

it('is denied by its own permission, while the status stays readable', async () => {
  const denied = await events('blog', NO_EVENTS);
  expect(denied.status).toBe(403);
  expect(denied.body.error.message).toContain('okteto-dev.events.read');
  const status = await request(setup.server)
    .get('/api/okteto-dev/v1/status')
    .query({ entityRef: 'component:default/blog' })
    .set('Authorization', mockCredentials.user.header(NO_EVENTS));
  expect(status.status).toBe(200);
});
