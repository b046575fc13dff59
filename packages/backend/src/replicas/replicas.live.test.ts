// Two okteto-dev replicas in live mode on one PostgreSQL and one Redis: each keeps its own
// watches (bounded per replica: the same number as one replica alone), and an owner hears about a
// conflict once, not once per replica (the notified-states table on PostgreSQL); both hand out
// the same signal channels (their secret is in the same database).
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { eventually, oktetoUp, Sandbox } from '@okteto-dev/kube-sandbox';
import { recordingLogger, WEB_CORE_COMPONENTS } from './__testUtils__/fixtures';
import { Replica, startReplica } from './__testUtils__/replicaBackend';
import {
  describeWithEngines,
  EngineSetup,
  startEngineSetup,
} from './__testUtils__/withEngines';

jest.setTimeout(180_000);
jest.mock('@keyv/redis', () =>
  require('./__testUtils__/redisClients').trackedKeyvRedis(),
);

const OWNER = 'user:default/mock';
const CORPORATE = 'component:default/corporate';
const OWNED: Entity[] = WEB_CORE_COMPONENTS.map(e => ({
  ...e,
  relations: [{ type: 'ownedBy', targetRef: OWNER }],
}));

/** Watches the sandbox holds open right now. */
const openWatches = (sandbox: Sandbox) =>
  sandbox.requests.filter(r => r.verb === 'watch' && r.status === 0).length;

describeWithEngines('two replicas on PostgreSQL and Redis (live mode)', () => {
  let setup: EngineSetup;
  const loggers: Record<string, ReturnType<typeof recordingLogger>> = {};

  const start = async (name: string) => {
    const logger = recordingLogger();
    loggers[name] = logger;
    const replica = await startReplica({
      name,
      engines: setup.engines,
      sandbox: setup.sandbox,
      entities: OWNED,
      oktetoDev: {
        live: { debounceMs: 100 },
        notifications: { enabled: true, confirmSeconds: 1 },
      },
      features: [notificationsPlugin, logger.factory],
    });
    setup.add(() => replica.stop());
    return replica;
  };

  /** Every annotated app this replica may watch is answered from its watches. */
  const allWatched = (replica: Replica) =>
    eventually(
      async () => {
        const answers = await Promise.all(
          ['corporate', 'synestra-io', 'landings', 'blog'].map(app =>
            replica.status(app),
          ),
        );
        return answers.every(a => a.body.live?.mode === 'watch');
      },
      { what: `replica ${replica.name} to watch`, timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    setup = await startEngineSetup();
  });
  afterAll(() => setup?.stopAll());

  it('each replica keeps as many watches as one replica alone, and the owner is notified once', async () => {
    // each replica: Deployments and Pods in each dev namespace (one per app, all under
    // maxNamespacesPerCluster; never Secrets), and the Applications in argo
    const apps = new Set(
      OWNED.map(e => e.metadata.annotations?.['okteto-dev/app']).filter(
        Boolean,
      ),
    );
    const perReplica = 2 * apps.size + 1;
    const a = await start('a');
    await allWatched(a);
    await eventually(() => openWatches(setup.sandbox) === perReplica, {
      what: `${perReplica} open watches (one replica)`,
    });

    const b = await start('b');
    await allWatched(b);
    await eventually(() => openWatches(setup.sandbox) === 2 * perReplica, {
      what: `${2 * perReplica} open watches (two replicas)`,
    });
    // both hand out the same opaque signal channel: its secret is in the shared database
    const channels = await Promise.all(
      [a, b].map(async r => (await r.status('corporate')).body.live?.channel),
    );
    expect(channels[0]).toMatch(/^okteto-dev:status:[A-Za-z0-9_-]{32}$/);
    expect(channels[1]).toBe(channels[0]);

    // dev mode on corporate, then a commit that brings the original back: a conflict
    await oktetoUp(setup.sandbox.store, {
      devName: 'web-corporate-dev',
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      user: 'alice',
    });
    setup.sandbox.argocd!.newCommit('web-corporate-dev');
    // both replicas see it and both try to notify; the compare-and-set lets one through
    const saw = (name: string) =>
      loggers[name].lines.some(
        l =>
          l.includes(`notified the owner of ${CORPORATE}: conflict`) ||
          l.includes(
            `${CORPORATE} is conflict, its owner was already notified`,
          ),
      );
    await eventually(() => saw('a') && saw('b'), {
      what: 'both replicas to handle the conflict',
      timeoutMs: 60_000,
    });
    const sent = ['a', 'b'].filter(name =>
      loggers[name].lines.some(l =>
        l.includes(`notified the owner of ${CORPORATE}: conflict`),
      ),
    );
    expect(sent).toHaveLength(1);
    for (const replica of [a, b]) {
      const res = await replica.get('/api/notifications/notifications', OWNER);
      expect(res.status).toBe(200);
      const aboutCorporate = (
        res.body.notifications as Array<{ payload: { link?: string } }>
      ).filter(n => n.payload.link === '/catalog/default/component/corporate');
      expect(aboutCorporate).toHaveLength(1);
    }
  });
});
