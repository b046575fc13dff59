import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import {
  DevEventsResponse,
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import {
  catalogFactory,
  sandboxClusters,
  startOktetoDevBackend,
  webCoreUrlReader,
} from './__testUtils__/testBackend';
import { WEB_CORE_ENTITIES } from './__testUtils__/webCoreEntities';

/**
 * Issue 20 item 5: errors to callers without `okteto-dev.clusters.read` name no cluster and no
 * service account. Two users read the same entities from the same backend (the same cached
 * answers): the admin may read clusters, the viewer may not.
 */
jest.setTimeout(60_000);

const VIEWER = 'user:default/viewer';
const HUB = 'eu-payments-hub';
const SPOKE = 'eu-oidc-spoke';
/** Configured, but holds no dev target (`oktetoDev.targets` allows the hub and the spoke). */
const OTHER = 'eu-ledger-prod';
/** The sandbox token's user (packages/kube-sandbox/src/server/forbid.ts). */
const SERVICE_ACCOUNT = 'system:serviceaccount:kube-sandbox:sandbox';

function withAnnotations(
  name: string,
  annotations: Record<string, string>,
): Entity {
  const corporate = WEB_CORE_ENTITIES.find(
    e => e.metadata.name === 'corporate',
  )!;
  return {
    ...corporate,
    metadata: {
      ...corporate.metadata,
      name,
      annotations: { ...corporate.metadata.annotations, ...annotations },
    },
  };
}

let sandbox: Sandbox;
let backend: Awaited<ReturnType<typeof startTestBackend>>;
const clusterChecks: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'web-core' });
  backend = await startOktetoDevBackend({
    oktetoDev: {
      live: { enabled: false },
      clusters: [
        { ...sandboxClusters(sandbox)[0], name: HUB },
        { ...sandboxClusters(sandbox)[0], name: OTHER },
        {
          name: SPOKE,
          url: 'https://spoke.example.com',
          authProvider: 'oidc',
          oidcTokenProvider: 'okta',
        },
      ],
      conventions: { cluster: HUB },
      // the spoke may hold dev targets (so its entities reach the cluster, and fail there)
      targets: { allow: [{ cluster: SPOKE }] },
    },
    features: [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogFactory([
        ...WEB_CORE_ENTITIES,
        withAnnotations('on-spoke', { 'okteto-dev/cluster': SPOKE }),
        withAnnotations('on-nowhere', { 'okteto-dev/cluster': 'nowhere' }),
        withAnnotations('on-other', { 'okteto-dev/cluster': OTHER }),
      ]),
      webCoreUrlReader,
      mockServices.permissions.mock({
        authorize: async (requests, options) => {
          const user = (
            options?.credentials.principal as { userEntityRef?: string }
          )?.userEntityRef;
          return requests.map(r => {
            if (r.permission.name !== 'okteto-dev.clusters.read') {
              return { result: AuthorizeResult.ALLOW };
            }
            clusterChecks.push(user ?? '');
            return {
              result:
                user === VIEWER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            };
          });
        },
      }).factory,
    ],
  });
});
afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

const get = (path: string, name: string, user?: string) =>
  request(backend.server)
    .get(`/api/okteto-dev/v1/${path}`)
    .query({ entityRef: `component:default/${name}` })
    .set('Authorization', mockCredentials.user.header(user));

it('a Kubernetes 403 keeps what could not be read, without the identity or the cluster, for the viewer only', async () => {
  // the viewer first: what it gets must not become what the admin gets, nor the reverse
  const viewer = await get('status', 'secret-app', VIEWER);
  const admin = await get('status', 'secret-app');
  expect(viewer.status).toBe(200);
  expect(admin.status).toBe(200);
  const forbidden = (body: DevStatus) =>
    body.errors.find(e => e.type === 'forbidden')!;

  // the refused identity is named to nobody (the missing permission is what matters)
  expect(admin.text).not.toContain(SERVICE_ACCOUNT);
  expect(forbidden(admin.body)).toMatchObject({
    cluster: HUB,
    permission: { verb: 'list', namespace: 'web-secret-dev' },
  });

  expect(viewer.text).not.toContain(SERVICE_ACCOUNT);
  expect(viewer.text).not.toContain('kube-sandbox:sandbox');
  const hidden = forbidden(viewer.body);
  expect(hidden.cluster).toBeUndefined();
  expect(hidden.statusCode).toBe(403);
  expect(hidden.resource).toMatch(/in web-secret-dev$/);
  expect(hidden.message).toMatch(
    /missing permission: list [a-z.]+ in namespace "web-secret-dev"/,
  );
  expect(hidden.permission).toEqual(forbidden(admin.body).permission);
  expect(JSON.stringify(viewer.body.errors)).not.toContain(HUB);
  // where the entity's dev environment lives is the entity's own business
  expect(viewer.body.target.cluster).toBe(HUB);

  // each gets its own ETag, and a revalidation of its own copy is a 304
  expect(viewer.headers.etag).not.toBe(admin.headers.etag);
  const again = await get('status', 'secret-app', VIEWER).set(
    'If-None-Match',
    viewer.headers.etag,
  );
  expect(again.status).toBe(304);
  const adminAgain = await get('status', 'secret-app');
  expect(adminAgain.text).toBe(admin.text);
});

it('an answer with nothing to hide is the same bytes for both, and costs no permission check', async () => {
  const before = clusterChecks.length;
  const viewer = await get('status', 'corporate', VIEWER);
  const admin = await get('status', 'corporate');
  expect(viewer.status).toBe(200);
  expect(viewer.text).toBe(admin.text);
  expect(viewer.headers.etag).toBe(admin.headers.etag);
  expect(clusterChecks.length).toBe(before);
});

it('a cluster okteto-dev cannot use: the admin learns which and why, the viewer what failed', async () => {
  const admin = await get('status', 'on-spoke');
  const viewer = await get('status', 'on-spoke', VIEWER);
  expect(admin.body.errors[0]).toMatchObject({
    type: 'unusable',
    cluster: SPOKE,
    message: expect.stringContaining(`Cluster '${SPOKE}' cannot be used`),
  });
  expect(viewer.body.errors[0]).toMatchObject({
    type: 'unusable',
    message: expect.stringContaining(
      "Cluster [hidden] cannot be used: authProvider 'oidc'",
    ),
  });
  expect(JSON.stringify(viewer.body.errors)).not.toContain(SPOKE);
  expect(JSON.stringify(viewer.body.checklist)).not.toContain(SPOKE);
});

it('an unknown cluster: a 400 that lists the configured ones to the admin only', async () => {
  const admin = await get('status', 'on-nowhere');
  const viewer = await get('status', 'on-nowhere', VIEWER);
  expect(admin.status).toBe(400);
  expect(viewer.status).toBe(400);
  expect(admin.body.error.message).toContain(`(configured: ${HUB}, ${OTHER}, ${SPOKE})`);
  expect(viewer.body.error.name).toBe('InputError');
  expect(viewer.body.error.message).toContain(
    "No cluster named 'nowhere' is configured",
  );
  expect(JSON.stringify(viewer.body)).not.toContain(HUB);
  expect(JSON.stringify(viewer.body)).not.toContain(SPOKE);
});

it('the batch: failures and items as the viewer may see them', async () => {
  const res = await request(backend.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header(VIEWER))
    .send({
      entityRefs: [
        'component:default/secret-app',
        'component:default/on-spoke',
        'component:default/on-nowhere',
      ],
    });
  expect(res.status).toBe(200);
  const body = res.body as DevStatusBatchResponse;
  expect(body.failures).toEqual([
    {
      entityRef: 'component:default/on-nowhere',
      error: {
        name: 'InputError',
        message: expect.stringContaining(
          "No cluster named 'nowhere' is configured",
        ),
      },
    },
  ]);
  expect(JSON.stringify(body.failures)).not.toContain(HUB);
  expect(body.items).toHaveLength(2);
  for (const item of body.items) {
    const errors = JSON.stringify(item.errors);
    expect(errors).not.toContain(HUB);
    expect(errors).not.toContain(SPOKE);
    expect(errors).not.toContain(SERVICE_ACCOUNT);
  }
});

it('events: the error of a forbidden namespace, without the identity', async () => {
  const admin = await get('events', 'secret-app');
  const viewer = await get('events', 'secret-app', VIEWER);
  const adminBody = admin.body as DevEventsResponse;
  const viewerBody = viewer.body as DevEventsResponse;
  expect(adminBody.error).toMatchObject({ type: 'forbidden', cluster: HUB });
  expect(adminBody.error!.message).not.toContain(SERVICE_ACCOUNT);
  expect(adminBody.error!.permission).toMatchObject({
    verb: 'list',
    resource: 'events',
  });
  expect(viewerBody.error).toMatchObject({ type: 'forbidden' });
  expect(viewerBody.error!.cluster).toBeUndefined();
  expect(viewer.text).not.toContain(SERVICE_ACCOUNT);
  expect(viewerBody.error!.message).toContain('web-secret-dev');
});

it('a refused cluster is named to the admin only, in the 400 and in the batch', async () => {
  const admin = await get('status', 'on-other');
  const viewer = await get('status', 'on-other', VIEWER);
  expect(admin.status).toBe(400);
  expect(viewer.status).toBe(400);
  expect(admin.body.error.refusals).toEqual([
    expect.objectContaining({
      code: 'targetClusterRefused',
      params: expect.objectContaining({ value: OTHER }),
    }),
  ]);
  expect(viewer.body.error.refusals).toEqual([
    expect.objectContaining({
      code: 'targetClusterRefused',
      params: expect.objectContaining({ value: '[hidden]', allowed: '[hidden]' }),
    }),
  ]);
  const batch = await request(backend.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header(VIEWER))
    .send({ entityRefs: ['component:default/on-other'] });
  for (const body of [viewer.body, batch.body]) {
    const text = JSON.stringify(body);
    expect(text).toContain('targetClusterRefused');
    for (const name of [OTHER, HUB, SPOKE]) expect(text).not.toContain(name);
  }
});
