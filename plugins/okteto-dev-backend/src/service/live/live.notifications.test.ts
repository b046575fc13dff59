import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  eventually,
  oktetoDown,
  oktetoUp,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  LiveBackend,
  recordingLogger,
  recordingSignals,
  startLiveBackend,
} from '../../__testUtils__/liveBackend';
import { WEB_CORE_ENTITIES } from '../../__testUtils__/webCoreEntities';

jest.setTimeout(90_000);

const OWNER = 'user:default/mock';
const CORPORATE = 'component:default/corporate';
const CORPORATE_DEV = {
  devName: 'web-corporate-dev',
  namespace: 'web-corporate-dev',
  workload: 'web-corporate-dev-web-app',
};

/** The web-core entities, owned by the mock user (the notifications backend follows ownedBy). */
const OWNED: Entity[] = WEB_CORE_ENTITIES.map(e => ({
  ...e,
  relations: [{ type: 'ownedBy', targetRef: OWNER }],
}));

let sandbox: Sandbox;
let dbDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'web-core' });
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-notify-'));
});
afterAll(async () => {
  await sandbox?.close();
  fs.rmSync(dbDir, { recursive: true, force: true });
});

/** okteto-dev with notifications on, and the real notifications backend, on SQLite files. */
async function start() {
  const signals = recordingSignals();
  const logger = recordingLogger();
  const backend = await startLiveBackend({
    sandbox,
    entities: OWNED,
    config: {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: 'http://localhost:7007',
        database: {
          client: 'better-sqlite3',
          connection: { directory: dbDir },
        },
      },
    },
    oktetoDev: {
      notifications: { enabled: true, confirmSeconds: 1 },
      live: { debounceMs: 100 },
    },
    features: [notificationsPlugin, signals.factory, logger.factory],
  });
  return { backend, signals, logger };
}

/** The owner's notifications about corporate, through the notifications backend's own API. */
async function notificationsOf(backend: LiveBackend) {
  const res = await request(backend.server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(OWNER));
  expect(res.status).toBe(200);
  return (
    res.body.notifications as Array<{ payload: Record<string, string> }>
  ).filter(n => n.payload.link === '/catalog/default/component/corporate');
}

const until = (
  backend: LiveBackend,
  check: (s: any) => boolean,
  what: string,
) =>
  eventually(
    async () => {
      const s = await backend.status('corporate');
      return check(s) && s;
    },
    { what },
  );

it('a conflict reaches the owner once, also after a restart on the same database', async () => {
  let { backend, signals, logger } = await start();
  try {
    const { live } = await until(
      backend,
      s => s.live?.mode === 'watch',
      'corporate to be watched',
    );
    await oktetoUp(sandbox.store, { ...CORPORATE_DEV, user: 'alice' });
    await until(backend, s => s.okteto.state === 'on', 'dev mode on');
    expect(await notificationsOf(backend)).toEqual([]);

    // a new commit: automated sync brings the original back next to the dev clone
    sandbox.argocd!.newCommit('web-corporate-dev');
    const first = await eventually(
      async () => {
        const found = await notificationsOf(backend);
        return found.length > 0 && found;
      },
      { what: 'the notification' },
    );
    expect(first).toHaveLength(1);
    expect(first[0].payload).toMatchObject({
      severity: 'high',
      topic: 'okteto-dev',
      link: '/catalog/default/component/corporate',
      description: expect.stringContaining(
        'okteto down web-corporate-dev --namespace web-corporate-dev',
      ),
    });

    // another commit: still the same conflict, and its signal says the change was handled
    const before = signals.of(live?.channel).length;
    sandbox.argocd!.newCommit('web-corporate-dev');
    await eventually(() => signals.of(live?.channel).length > before, {
      what: 'the signal of the second commit',
    });
    expect(await notificationsOf(backend)).toHaveLength(1);

    // restart okteto-dev (and the notifications backend) on the same databases
    await backend.stop();
    ({ backend, signals, logger } = await start());
    await until(
      backend,
      s => s.drift.kind === 'conflict',
      'the conflict after the restart',
    );
    await eventually(
      () =>
        logger.lines.some(l =>
          l.includes(
            `${CORPORATE} is conflict, its owner was already notified`,
          ),
        ),
      { what: 'the restarted backend to see the conflict' },
    );
    expect(await notificationsOf(backend)).toHaveLength(1);

    // a new state change is a new notification: dev mode off, then on again and conflicting
    await oktetoDown(sandbox.store, CORPORATE_DEV);
    await until(backend, s => s.okteto.state === 'off', 'dev mode off');
    // back to normal counts once it has held for confirmSeconds
    await eventually(
      () =>
        logger.lines.some(l => l.includes(`${CORPORATE} is back to normal`)),
      { what: 'corporate to be back to normal' },
    );
    await oktetoUp(sandbox.store, { ...CORPORATE_DEV, user: 'bob' });
    await until(backend, s => s.okteto.state === 'on', 'dev mode on again');
    sandbox.argocd!.newCommit('web-corporate-dev');
    await eventually(
      async () => (await notificationsOf(backend)).length === 2,
      {
        what: 'the second notification',
      },
    );
  } finally {
    await backend.stop();
  }
});

describe('a dev target claimed by two entities', () => {
  const INTRUDER = 'user:default/intruder';
  /** Another owner's entity for shop's dev target (the same app key). */
  const SHOP_COPY: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-copy',
      namespace: 'default',
      annotations: { 'okteto-dev/app': 'shop' },
    },
    spec: { type: 'website', owner: INTRUDER, lifecycle: 'x' },
    relations: [{ type: 'ownedBy', targetRef: INTRUDER }],
  };

  it('notifies neither owner, and signals nothing for it, while other entities are notified', async () => {
    // its own scenario and database: shop is in a conflict from the start (bob's session, selfHeal)
    const own = await startSandbox({ scenario: 'web-core' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okteto-dev-claims-'));
    const signals = recordingSignals();
    const backend = await startLiveBackend({
      sandbox: own,
      entities: [...OWNED, SHOP_COPY],
      config: {
        app: { baseUrl: 'http://localhost:3000' },
        backend: {
          baseUrl: 'http://localhost:7007',
          database: {
            client: 'better-sqlite3',
            connection: { directory: dir },
          },
        },
      },
      // at once: the flush that notifies studio has observed shop as well
      oktetoDev: { notifications: { enabled: true, confirmSeconds: 0 } },
      features: [notificationsPlugin, signals.factory],
    });
    const notifications = async (user: string) => {
      const res = await request(backend.server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return (res.body.notifications as Array<{ payload: { link: string } }>)
        .map(n => n.payload.link)
        .sort();
    };
    try {
      // studio (a conflict too, one claimant) reaches its owner: notifications work
      await eventually(
        async () =>
          (
            await notifications(OWNER)
          ).includes('/catalog/default/component/studio'),
        { what: "studio's notification" },
      );
      expect(await notifications(OWNER)).not.toContain(
        '/catalog/default/component/shop',
      );
      expect(await notifications(INTRUDER)).toEqual([]);
      // a change of shop: no signal either (nobody may hold its channel any more)
      const count = signals.published.length;
      own.store.patch('deployments', 'web-shop-dev', 'web-shop-dev-web-app', {
        spec: { replicas: 3 },
      });
      own.store.patch(
        'deployments',
        'web-studio-dev',
        'web-studio-dev-web-app',
        { spec: { replicas: 3 } },
      );
      await eventually(() => signals.published.length > count, {
        what: "studio's signal",
      });
      // studio's change alone: on its current channel and the previous period's
      expect(signals.published.slice(count)).toHaveLength(2);
      expect(
        (
          await request(backend.server)
            .get('/api/okteto-dev/v1/status')
            .query({ entityRef: 'component:default/shop' })
            .set('Authorization', mockCredentials.user.header(OWNER))
        ).status,
      ).toBe(409);
    } finally {
      await backend.stop();
      await own.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
