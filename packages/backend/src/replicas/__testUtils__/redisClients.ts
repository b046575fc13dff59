// backend-defaults 0.18 neither closes its Redis clients when a backend stops nor gives
// @redis/client an 'error' listener (@keyv/redis 4.6 registers none): once Redis goes away, a
// client left open throws "Socket closed unexpectedly" in whatever process holds it. A platform
// team sees that as every replica restarting when Redis restarts (docs/scaling.md); a test file
// would fail after its backends stopped. So the replica tests track the clients the real cache
// service factory creates, and close them before the engines stop:
//
//   jest.mock('@keyv/redis', () => require('./redisClients').trackedKeyvRedis());

const created: Array<{ disconnect(): Promise<void> }> = [];

/** `@keyv/redis` with its default export recording every instance. */
export function trackedKeyvRedis() {
  const actual = jest.requireActual('@keyv/redis');
  class TrackedKeyvRedis extends actual.default {
    constructor(...args: unknown[]) {
      super(...args);
      created.push(this as unknown as { disconnect(): Promise<void> });
    }
  }
  return { __esModule: true, ...actual, default: TrackedKeyvRedis };
}

/** Closes every Redis client made so far (their backends have stopped). */
export async function disconnectRedisClients(): Promise<void> {
  await Promise.all(
    created.splice(0).map(client => client.disconnect().catch(() => undefined)),
  );
}
