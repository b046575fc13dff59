import { mockServices } from '@backstage/backend-test-utils';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  DEFAULT_DERIVE_OPTIONS,
  deriveDevStatus,
} from '../derive/deriveStatus';
import { fetched } from '../derive/testFixtures';
import { DevAnswer, etagOf } from './DevAnswer';
import { StatusCache } from './StatusCache';

const status: DevStatus = deriveDevStatus(fetched(), DEFAULT_DERIVE_OPTIONS);
const failing: DevStatus = {
  ...status,
  errors: [{ type: 'unreachable', message: 'connect ECONNREFUSED' }],
};

describe('DevAnswer', () => {
  it('is serialised once: the same bytes and ETag every time, parsed back equal', () => {
    const answer = DevAnswer.fromStatus(status);
    const first = answer.serialized();
    expect(answer.serialized()).toBe(first);
    expect(first.etag).toBe(etagOf(first.body));
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{20}"$/);
    expect(JSON.parse(first.body.toString())).toEqual(status);
    const fromText = DevAnswer.fromJson(status.entityRef, answer.json, 0);
    expect(fromText.serialized().etag).toBe(first.etag);
    expect(fromText.status).toEqual(status);
  });

  it('appends live mode’s field to the stored text, as if serialised with it', () => {
    const answer = DevAnswer.fromStatus(status);
    const live = {
      mode: 'polling' as const,
      reason: 'the watches are starting',
    };
    const { body, etag } = answer.serialized(live);
    expect(JSON.parse(body.toString())).toEqual({ ...status, live });
    expect(answer.statusWith(live)).toEqual({ ...status, live });
    expect(etag).not.toBe(answer.serialized().etag);
    expect(answer.serialized(live)).toBe(answer.serialized(live));
  });
});

describe('StatusCache', () => {
  function setUp(nearEntries = 10) {
    let now = Date.parse(status.fetchedAt);
    const cache = mockServices.cache.mock();
    const store = new Map<string, unknown>();
    cache.get.mockImplementation(async key => store.get(key) as any);
    cache.set.mockImplementation(async (key, value) => {
      store.set(key, value);
    });
    const replica = () =>
      new StatusCache({
        cache,
        ttlMs: 5000,
        staleOnErrorMs: 60_000,
        nearEntries,
        now: () => now,
      });
    return { cache, replica, advance: (ms: number) => (now += ms) };
  }

  it('what one replica stored, another reads once from the shared cache, then from its own memory until the entry runs out', async () => {
    const { cache, replica, advance } = setUp();
    const a = replica();
    const b = replica();
    await a.store(DevAnswer.fromStatus(status), false);
    expect(a.nearAnswer(status.entityRef)).toBeDefined();
    expect(b.nearAnswer(status.entityRef)).toBeUndefined();
    const [fromShared] = await b.get([status.entityRef]);
    expect(fromShared!.json).toBe(JSON.stringify(status));
    cache.get.mockClear();
    const [again] = await b.get([status.entityRef]);
    expect(again).toBe(fromShared);
    expect(cache.get).not.toHaveBeenCalled();
    expect(
      await b.podsHints([status.entityRef, 'component:default/x']),
    ).toEqual([false, undefined]);
    advance(5000);
    expect(b.nearAnswer(status.entityRef)).toBeUndefined();
    expect(await b.get([status.entityRef])).toEqual([undefined]);
  });

  it('keeps at most nearEntries answers in memory', async () => {
    const { replica } = setUp(2);
    const a = replica();
    for (const name of ['a', 'b', 'c']) {
      await a.store(
        DevAnswer.fromStatus({
          ...status,
          entityRef: `component:default/${name}`,
        }),
        false,
      );
    }
    expect(a.nearAnswer('component:default/a')).toBeUndefined();
    expect(a.nearAnswer('component:default/c')).toBeDefined();
  });

  it('an answer with errors becomes the last good one, marked stale with its age', async () => {
    const { replica, advance } = setUp();
    const a = replica();
    await a.store(DevAnswer.fromStatus(status), false);
    advance(42_000);
    const bad = DevAnswer.fromStatus(failing);
    await a.store(bad, false);
    const served = await a.withStale(bad);
    expect(served.status).toMatchObject({
      fetchedAt: status.fetchedAt,
      stale: { since: status.fetchedAt, ageSeconds: 42 },
      errors: failing.errors,
    });
    // merged once a second, not once per view
    expect(await a.withStale(bad)).toBe(served);
    advance(1000);
    expect((await a.withStale(bad)).status.stale?.ageSeconds).toBe(43);
  });
});
