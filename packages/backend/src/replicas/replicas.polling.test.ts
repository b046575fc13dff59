// Two okteto-dev replicas on one PostgreSQL and one Redis, in polling mode: the cache and the
// single flight span the replicas, and a replica that stops mid-read costs the other no answer.
import { eventually } from '@okteto-dev/kube-sandbox';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Answer, Replica, startReplica } from './__testUtils__/replicaBackend';
import {
  describeWithEngines,
  EngineSetup,
  startEngineSetup,
} from './__testUtils__/withEngines';

jest.setTimeout(180_000);
jest.mock('@keyv/redis', () =>
  require('./__testUtils__/redisClients').trackedKeyvRedis(),
);

const TTL_SECONDS = 2;
const CORPORATE = 'component:default/corporate';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
/** Lets the cache period run out (a wait, not an assertion). */
const nextPeriod = () => sleep(TTL_SECONDS * 1000 + 300);

describeWithEngines('two replicas on PostgreSQL and Redis (polling)', () => {
  let setup: EngineSetup;
  let a: Replica;
  let b: Replica;

  const start = async (name: string) => {
    const replica = await startReplica({
      name,
      engines: setup.engines,
      sandbox: setup.sandbox,
      oktetoDev: {
        live: { enabled: false },
        timeoutMs: 2000,
        cache: { ttlSeconds: TTL_SECONDS },
      },
    });
    setup.add(() => replica.stop());
    return replica;
  };

  beforeAll(async () => {
    setup = await startEngineSetup({ latencyMs: 40 });
    a = await start('a');
    b = await start('b');
  });
  afterAll(() => setup?.stopAll());

  /** 100 viewers at once, alternating between the replicas: their answers and the reads. */
  const hundredViewers = async () => {
    await nextPeriod();
    setup.sandbox.counters.reset();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? a : b).status('corporate'),
      ),
    );
    return { answers, reads: setup.sandbox.counters.total };
  };

  it('100 concurrent viewers over both replicas cost at most 3 cluster reads per cache period', async () => {
    // the first view learns that corporate needs no Pods (a hint in the shared cache)
    expect((await a.status('corporate')).status).toBe(200);
    for (const { answers, reads } of [
      await hundredViewers(),
      await hundredViewers(),
    ]) {
      expect(answers.map(x => x.status)).toEqual(answers.map(() => 200));
      expect(answers.every(x => x.body.entityRef === CORPORATE)).toBe(true);
      // one read answered both replicas: every answer is the same one
      expect(new Set(answers.map(x => x.body.fetchedAt)).size).toBe(1);
      expect(reads).toBeLessThanOrEqual(3);
    }
  });

  it('a warm view on either replica reads nothing, and both send the same bytes and ETag', async () => {
    await nextPeriod();
    expect((await a.status('landings')).status).toBe(200);
    setup.sandbox.counters.reset();
    const fromA = await fetch(
      `http://127.0.0.1:${a.port}/api/okteto-dev/v1/status?entityRef=component:default/landings`,
      { headers: { authorization: await authHeader() } },
    );
    const fromB = await fetch(
      `http://127.0.0.1:${b.port}/api/okteto-dev/v1/status?entityRef=component:default/landings`,
      { headers: { authorization: await authHeader() } },
    );
    expect(fromA.status).toBe(200);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get('etag')).toBe(fromA.headers.get('etag'));
    expect(await fromB.text()).toBe(await fromA.text());
    // the browser's revalidation: 304, no body
    const again = await fetch(
      `http://127.0.0.1:${b.port}/api/okteto-dev/v1/status?entityRef=component:default/landings`,
      {
        headers: {
          authorization: await authHeader(),
          'if-none-match': fromA.headers.get('etag')!,
        },
      },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(setup.sandbox.counters.total).toBe(0);
  });

  it('a replica stopped in the middle of a read loses no answer on the other', async () => {
    await nextPeriod();
    // a slow cluster: the read of the replica that takes the lease lasts a while
    setup.sandbox.latencyMs = 600;
    setup.sandbox.counters.reset();
    const first = a.status('corporate').catch(error => ({
      status: 0,
      body: String(error),
    }));
    await eventually(() => setup.sandbox.counters.total > 0, {
      what: 'replica a to read the cluster',
    });
    // viewers of b now wait for a's answer, and keep viewing while a goes away
    let running = true;
    const seen: Answer[] = [];
    const viewers = Array.from({ length: 20 }, async () => {
      while (running) seen.push(await b.status('corporate'));
    });
    await a.stop();
    await eventually(() => seen.length >= 40, {
      what: 'b to answer its viewers after a stopped',
    });
    running = false;
    await Promise.all(viewers);
    setup.sandbox.latencyMs = 40;
    expect(seen.map(x => x.status)).toEqual(seen.map(() => 200));
    expect(seen.every(x => x.body.entityRef === CORPORATE)).toBe(true);
    // what a was asked before it stopped was answered or refused, never left hanging
    expect([0, 200, 503]).toContain((await first).status);
  });
});

async function authHeader(): Promise<string> {
  return mockCredentials.user.header();
}
