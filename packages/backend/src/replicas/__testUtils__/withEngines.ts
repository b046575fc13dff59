import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import {
  enginesInstalled,
  enginesRequired,
  Engines,
  startEngines,
} from './engines';
import { disconnectRedisClients } from './redisClients';

const available = enginesInstalled() || enginesRequired();
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    'replica tests skipped: PostgreSQL and Redis are not installed (Debian: apt-get install postgresql redis-server; npm test installs them)',
  );
}

/**
 * `describe` when PostgreSQL and Redis are installed (or `npm test` requires them, and then a
 * missing engine fails the tests); otherwise the tests are skipped with a message.
 */
export const describeWithEngines = available ? describe : describe.skip;

/** What a test file shares: the engines and one kube-sandbox, stopped whatever happened. */
export interface EngineSetup {
  engines: Engines;
  sandbox: Sandbox;
  /** Stops these last, after everything `add`ed (replicas), even when one fails to stop. */
  add(stop: () => Promise<void>): void;
  stopAll(): Promise<void>;
}

export async function startEngineSetup(
  sandboxOptions: Parameters<typeof startSandbox>[0] = {},
): Promise<EngineSetup> {
  const engines = await startEngines();
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ scenario: 'web-core', ...sandboxOptions });
  } catch (error) {
    await engines.stop();
    throw error;
  }
  const stops: Array<() => Promise<void>> = [];
  return {
    engines,
    sandbox,
    add: stop => void stops.push(stop),
    async stopAll() {
      const errors: unknown[] = [];
      for (const stop of [
        ...stops.reverse(),
        disconnectRedisClients,
        () => sandbox.close(),
        () => engines.stop(),
      ]) {
        try {
          await stop();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    },
  };
}
