import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CrossReplicaFetch } from './CrossReplicaFetch';
import { FetchLeases } from './FetchLeases';

jest.setTimeout(60_000);

// PostgreSQL too when a connection string is given (`npm test` starts one: scripts/engines.mjs)
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15', 'POSTGRES_13'],
  disableDocker: true,
});

const silent = mockServices.logger.mock();

describe.each(databases.eachSupportedId())('fetch leases on %s', id => {
  /** Two replicas' views of one database, with a clock the test moves. */
  async function twoReplicas() {
    const knex = await databases.init(id);
    let now = 1_000_000;
    const clock = () => now;
    const database = mockServices.database({ knex });
    const a = await FetchLeases.create(database, clock);
    const b = await FetchLeases.create(database, clock);
    return { a, b, advance: (ms: number) => (now += ms) };
  }

  it('one holder per key; taken over once expired; given back on release', async () => {
    const { a, b, advance } = await twoReplicas();
    const first = await a.acquire(['x', 'y'], 1000);
    expect([...first.acquired].sort()).toEqual(['x', 'y']);
    const second = await b.acquire(['x', 'y', 'z'], 1000);
    expect([...second.acquired]).toEqual(['z']);
    expect(await b.heldByOthers(['x', 'y', 'z'], second.holder)).toEqual(
      new Set(['x', 'y']),
    );
    await a.release(first.holder, ['x']);
    expect((await b.acquire(['x'], 1000)).acquired).toEqual(new Set(['x']));
    // y's holder never gave it back (a replica killed mid-read): it runs out
    advance(1001);
    expect((await b.acquire(['y'], 1000)).acquired).toEqual(new Set(['y']));
    // only the holder's own release counts
    await a.release(first.holder, ['y']);
    expect((await a.acquire(['y'], 1000)).acquired.size).toBe(0);
  });

  it('of many attempts racing for the same keys, exactly one gets each', async () => {
    const { a, b } = await twoReplicas();
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).acquire(keys, 5000)),
    );
    for (const key of keys) {
      expect(attempts.filter(t => t.acquired.has(key))).toHaveLength(1);
    }
  });
});

describe('CrossReplicaFetch', () => {
  async function setUp(leaseMs = 300) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const leases = await FetchLeases.create(database);
    const replica = () =>
      new CrossReplicaFetch({
        leases,
        leaseMs,
        logger: silent,
        pollMs: 5,
      });
    const shared = new Map<string, string>();
    const lookup = async (keys: string[]) => keys.map(k => shared.get(k));
    return { replica, shared, lookup, leases };
  }

  it('the replica without the lease takes the holder’s answer from the shared cache', async () => {
    const { replica, shared, lookup } = await setUp(5000);
    const reads: string[] = [];
    let finish!: () => void;
    const slow = new Promise<void>(r => (finish = r));
    const fetchA = async (keys: string[]) => {
      reads.push(...keys.map(k => `a:${k}`));
      await slow;
      keys.forEach(k => shared.set(k, `answer of ${k} by a`));
      return keys.map(k => `answer of ${k} by a`);
    };
    const fetchB = async (keys: string[]) => {
      reads.push(...keys.map(k => `b:${k}`));
      return keys.map(k => `answer of ${k} by b`);
    };
    const a = replica();
    const b = replica();
    const fromA = a.run(['x'], fetchA, lookup);
    await new Promise(r => setTimeout(r, 50));
    const fromB = b.run(['x'], fetchB, lookup);
    await new Promise(r => setTimeout(r, 50));
    finish();
    expect(await fromA).toEqual(['answer of x by a']);
    expect(await fromB).toEqual(['answer of x by a']);
    expect(reads).toEqual(['a:x']);
    expect(b.stats).toMatchObject({
      waited: 1,
      answeredByOther: 1,
      fellBack: 0,
    });
  });

  it('a holder that never answers (killed) costs a bounded wait, then the waiter reads itself', async () => {
    const { replica, lookup, leases } = await setUp(300);
    // a lease taken by a replica that then died: never released, never answered
    await leases.acquire(['x'], 300);
    const b = replica();
    const answer = await b.run(
      ['x'],
      async keys => keys.map(() => 'own'),
      lookup,
    );
    expect(answer).toEqual(['own']);
    expect(b.stats).toMatchObject({ waited: 1, fellBack: 1 });
  });

  it('a holder that gives its lease back without an answer does not keep the waiter waiting', async () => {
    const { replica, lookup, leases } = await setUp(60_000);
    const taken = await leases.acquire(['x'], 60_000);
    const b = replica();
    const answer = b.run(['x'], async keys => keys.map(() => 'own'), lookup);
    await leases.release(taken.holder, ['x']);
    // far sooner than the 60 s lease: the test's timeout would say otherwise
    expect(await answer).toEqual(['own']);
  });

  it('without a usable database each replica reads for itself', async () => {
    const broken = {
      acquire: async () => {
        throw new Error('database down');
      },
    } as unknown as FetchLeases;
    const fetch = new CrossReplicaFetch({
      leases: broken,
      leaseMs: 1000,
      logger: silent,
    });
    expect(
      await fetch.run(
        ['x'],
        async keys => keys.map(() => 'own'),
        async () => [],
      ),
    ).toEqual(['own']);
  });
});
