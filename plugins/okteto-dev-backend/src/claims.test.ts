import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { eventually, Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import request from 'supertest';
import { changingCatalog } from './__testUtils__/changingCatalog';
import {
  sandboxClusters,
  startOktetoDevBackend,
  webCoreUrlReader,
} from './__testUtils__/testBackend';
import { WEB_CORE_ENTITIES } from './__testUtils__/webCoreEntities';

jest.setTimeout(90_000);

const SHOP = 'component:default/shop';
const COPY = 'component:default/shop-copy';
/** A user the catalog does not show the copy to (a policy conditioning catalog.entity.read). */
const VIEWER = 'user:default/viewer';

/** Another team's entity that claims shop's dev target: the same app key, another owner. */
const SHOP_COPY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-copy',
    namespace: 'default',
    annotations: { 'okteto-dev/app': 'shop' },
  },
  spec: { type: 'website', owner: 'group:default/intruders', lifecycle: 'x' },
};

let sandbox: Sandbox;
let catalog: ReturnType<typeof changingCatalog>;
let server: Awaited<ReturnType<typeof startOktetoDevBackend>>['server'];
let stopBackend: () => Promise<void>;

/** A backend in polling mode over `catalog`, reading the catalog's claims every second. */
async function start(over: ReturnType<typeof changingCatalog>) {
  const backend = await startOktetoDevBackend({
    oktetoDev: {
      clusters: sandboxClusters(sandbox),
      live: { enabled: false },
      catalogRefreshSeconds: 1,
      timeoutMs: 2000,
    },
    features: [
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      over.factory,
      webCoreUrlReader,
    ],
  });
  server = backend.server;
  stopBackend = () => backend.stop();
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'web-core' });
  catalog = changingCatalog([...WEB_CORE_ENTITIES, SHOP_COPY], {
    [VIEWER]: [COPY],
  });
  await start(catalog);
});
afterAll(async () => {
  await stopBackend?.();
  await sandbox?.close();
});

const get = (path: string, entityRef: string, user?: string) =>
  request(server)
    .get(`/api/okteto-dev/v1/${path}`)
    .query({ entityRef })
    .set('Authorization', mockCredentials.user.header(user));

const batch = (entityRefs: string[], user?: string) =>
  request(server)
    .post('/api/okteto-dev/v1/status/batch')
    .send({ entityRefs })
    .set('Authorization', mockCredentials.user.header(user));

describe('one dev target, one claim', () => {
  it('two entities claiming one target: both get a 409 naming the other, and nothing of the cluster', async () => {
    sandbox.counters.reset();
    for (const [ref, other] of [
      [SHOP, COPY],
      [COPY, SHOP],
    ]) {
      const res = await get('status', ref);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        name: 'ConflictError',
        code: 'claimContestedBy',
        params: {
          entities: other,
          namespace: 'web-shop-dev',
          workload: 'web-shop-dev-web-app',
          application: 'argo/web-shop-dev',
        },
      });
      expect(res.body.error.message).toContain(`also claimed by ${other}.`);
      // nothing read from the cluster: no developer, no pods, no commands
      expect(JSON.stringify(res.body)).not.toMatch(
        /bob|okteto up|okteto down|pnpm/,
      );
    }
    const events = await get('events', SHOP);
    expect(events.status).toBe(409);
    expect(
      sandbox.requests.filter(r => r.namespace === 'web-shop-dev'),
    ).toEqual([]);
  });

  it('names the other claimant only to a viewer the catalog shows it to', async () => {
    const res = await get('status', SHOP, VIEWER);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      name: 'ConflictError',
      code: 'claimContested',
    });
    expect(res.body.error.params).not.toHaveProperty('entities');
    expect(res.body.error.message).toContain('another catalog entity');
    expect(JSON.stringify(res.body)).not.toContain('shop-copy');
  });

  it('a batch answers the uncontested entities and reports the contested ones as conflicts', async () => {
    const res = await batch(
      ['component:default/corporate', SHOP, COPY],
      VIEWER,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual(['component:default/corporate']);
    expect(res.body.failures).toEqual([
      // the viewer cannot see the copy at all
      {
        entityRef: COPY,
        error: expect.objectContaining({ name: 'NotFoundError' }),
      },
      {
        entityRef: SHOP,
        error: {
          name: 'ConflictError',
          message: expect.stringContaining('another catalog entity'),
        },
      },
    ]);
    expect(res.body.failures[1].error.message).not.toContain('shop-copy');
  });

  it('the actions (MCP, assistants) refuse the contested target too, and list no session of it', async () => {
    const invoke = (action: string, input: object) =>
      request(server)
        .post(
          `/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:${action}/invoke`,
        )
        .set('Authorization', mockCredentials.user.header())
        .send(input);
    const status = await invoke('get-status', { entityRef: SHOP });
    expect(status.status).toBe(409);
    expect(JSON.stringify(status.body)).not.toMatch(/bob|okteto down/);
    const sessions = await invoke('list-dev-sessions', {});
    expect(sessions.status).toBe(200);
    const refs = sessions.body.output.sessions.map(
      (x: { entityRef: string }) => x.entityRef,
    );
    // shop is in dev mode (bob's session), but belongs to no entity while two claim it
    expect(refs).toContain('component:default/admin');
    expect(refs).not.toContain(SHOP);
    expect(refs).not.toContain(COPY);
  });

  it('a new claimant counts the moment it is viewed, before the catalog is read again', async () => {
    // the plugin's own listing does not show the copy yet; lookups by ref do
    const base = WEB_CORE_ENTITIES;
    catalog.set([...base], base);
    await eventually(async () => (await get('status', SHOP)).status === 200, {
      what: 'shop to have one claimant',
    });
    catalog.set([...base, SHOP_COPY], base);
    expect((await get('status', SHOP)).status).toBe(200);
    expect((await get('status', COPY)).status).toBe(409);
    const after = await get('status', SHOP);
    expect(after.status).toBe(409);
    expect(after.body.error.params.entities).toBe(COPY);
  });

  it('once the other claimant is gone from the catalog, the target is answered again', async () => {
    catalog.set(WEB_CORE_ENTITIES);
    const res = await eventually(
      async () => {
        const r = await get('status', SHOP);
        return r.status === 200 && r;
      },
      { what: 'shop to be answered again' },
    );
    expect(res.body).toMatchObject({
      entityRef: SHOP,
      okteto: { state: 'on', user: 'bob' },
    });
  });
});

describe('before the catalog has been read', () => {
  it('nothing is answered (a claimant could be missing); once it is read, everything is', async () => {
    await stopBackend();
    const unreadable = changingCatalog(WEB_CORE_ENTITIES);
    unreadable.state.failing = true;
    await start(unreadable);
    const res = await get('status', 'component:default/corporate');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('has not read the catalog yet'),
    });
    const refused = await batch(['component:default/corporate']);
    expect(refused.body.failures).toEqual([
      {
        entityRef: 'component:default/corporate',
        error: expect.objectContaining({ name: 'ServiceUnavailableError' }),
      },
    ]);
    // a view asks for the read it waits for: no need to wait for the schedule
    unreadable.state.failing = false;
    expect((await get('status', 'component:default/corporate')).status).toBe(
      200,
    );
  });
});
