import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  DEFAULT_DERIVE_OPTIONS,
  deriveDevStatus,
} from '../../derive/deriveStatus';
import { fetched } from '../../derive/testFixtures';
import { DevNotifier, problemOf } from './DevNotifier';
import { NotifiedStates } from './NotifiedStates';

jest.setTimeout(60_000);

// PostgreSQL too when a connection string is given (BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING…)
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_16', 'POSTGRES_15', 'POSTGRES_13'],
  disableDocker: true,
});

const REF = 'component:default/corporate';

async function statesOn(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex });
  return { knex, states: await NotifiedStates.create(database), database };
}

describe.each(databases.eachSupportedId())('NotifiedStates on %s', id => {
  it('moves a state once: the second mover of the same change gets false', async () => {
    const { states } = await statesOn(id);
    const at = new Date();
    expect(await states.transition(REF, 'none', at)).toBe(false);
    expect(await states.get(REF)).toBeUndefined();
    expect(await states.transition(REF, 'conflict', at)).toBe(true);
    expect(await states.transition(REF, 'conflict', at)).toBe(false);
    expect(await states.get(REF)).toBe('conflict');
    expect(await states.transition(REF, 'none', at)).toBe(true);
    expect(await states.transition(REF, 'conflict', at)).toBe(true);
  });

  it('of many replicas racing on the same change, exactly one wins', async () => {
    const { states, database } = await statesOn(id);
    const replicas = await Promise.all(
      Array.from({ length: 8 }, () => NotifiedStates.create(database)),
    );
    const at = new Date();
    const first = await Promise.all(
      [states, ...replicas].map(s =>
        s.transition('component:default/x', 'broken', at),
      ),
    );
    expect(first.filter(Boolean)).toHaveLength(1);
    const second = await Promise.all(
      [states, ...replicas].map(s =>
        s.transition('component:default/x', 'conflict', at),
      ),
    );
    expect(second.filter(Boolean)).toHaveLength(1);
  });
});

function conflictStatus(): DevStatus {
  return {
    ...deriveDevStatus(fetched(), DEFAULT_DERIVE_OPTIONS),
    entityRef: REF,
  } as DevStatus;
}

describe('DevNotifier', () => {
  it('sends one notification per state change, shared across replicas', async () => {
    const { database } = await statesOn('SQLITE_3');
    const sent: unknown[] = [];
    const notifications = { send: async (n: unknown) => void sent.push(n) };
    const make = async () =>
      new DevNotifier({
        states: await NotifiedStates.create(database),
        notifications,
        logger: mockServices.logger.mock(),
      });
    const [a, b] = [await make(), await make()];
    const status = conflictStatus();
    const conflict: DevStatus = {
      ...status,
      drift: { ...status.drift, kind: 'conflict', cause: 'self-heal' },
    };
    expect(problemOf(conflict)).toBe('conflict');
    await Promise.all([
      a.observe(conflict),
      b.observe(conflict),
      a.observe(conflict),
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: REF },
      payload: {
        severity: 'high',
        link: '/catalog/default/component/corporate',
        description: expect.stringContaining(conflict.commands!.oktetoDown),
      },
    });
    // a status that cannot tell (a failed read) changes nothing
    const unknown: DevStatus = {
      ...status,
      drift: { ...status.drift, kind: 'unknown' },
      okteto: { state: 'off' },
      errors: [{ type: 'unreachable', message: 'x' }],
    };
    expect(problemOf(unknown)).toBeUndefined();
    await a.observe(unknown);
    await b.observe(conflict);
    expect(sent).toHaveLength(1);
  });

  it('a notification that cannot be sent is tried again on the next observation', async () => {
    const { database } = await statesOn('SQLITE_3');
    let fail = true;
    const sent: unknown[] = [];
    const notifier = new DevNotifier({
      states: await NotifiedStates.create(database),
      notifications: {
        send: async n => {
          if (fail) throw new Error('notifications backend down');
          sent.push(n);
        },
      },
      logger: mockServices.logger.mock(),
    });
    const status = conflictStatus();
    const broken: DevStatus = {
      ...status,
      okteto: { state: 'broken', problems: [] },
      drift: { ...status.drift, kind: 'unexpected' },
    };
    await notifier.observe(broken);
    expect(sent).toHaveLength(0);
    fail = false;
    await notifier.observe(broken);
    expect(sent).toHaveLength(1);
  });

  it('a state counts once it has held for confirmMs: a passing conflict is no notification', async () => {
    jest.useFakeTimers();
    try {
      const { database } = await statesOn('SQLITE_3');
      const sent: unknown[] = [];
      const notifier = new DevNotifier({
        states: await NotifiedStates.create(database),
        notifications: { send: async n => void sent.push(n) },
        logger: mockServices.logger.mock(),
        confirmMs: 30_000,
      });
      const status = conflictStatus();
      const conflict: DevStatus = {
        ...status,
        drift: { ...status.drift, kind: 'conflict', cause: 'interrupted' },
      };
      const normal: DevStatus = {
        ...status,
        drift: { ...status.drift, kind: 'none' },
      };
      // okteto up: the clone first, the original scaled down a moment later
      await notifier.observe(conflict);
      jest.advanceTimersByTime(1000);
      await notifier.observe(normal);
      jest.advanceTimersByTime(60_000);
      await notifier.idle();
      expect(sent).toHaveLength(0);
      // a conflict that holds
      await notifier.observe(conflict);
      jest.advanceTimersByTime(10_000);
      await notifier.observe(conflict);
      jest.advanceTimersByTime(20_000);
      await notifier.idle();
      expect(sent).toHaveLength(1);
      await notifier.close();
    } finally {
      jest.useRealTimers();
    }
  });
});
