import { LoggerService } from '@backstage/backend-plugin-api';
import { FetchLeases } from './FetchLeases';

export interface CrossReplicaFetchOptions {
  leases: FetchLeases;
  /** How long a lease lasts, and so the longest a replica waits for another's answer. */
  leaseMs: number;
  logger: LoggerService;
  /** First interval between two looks at the shared cache (grows to 8×). */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Single flight across replicas: of the replicas that miss the shared cache for the same entity
 * at the same time, one reads the cluster (it holds the entity's lease, {@link FetchLeases}); the
 * others wait for its answer to land in the shared cache. The wait is bounded: when the holder
 * gives the lease back without an answer, or its lease runs out (a replica stopped or killed
 * mid-read), the waiting replica reads the cluster itself, so no answer is lost. When the
 * database cannot be asked, each replica reads for itself, as without this.
 */
export class CrossReplicaFetch {
  private readonly pollMs: number;
  /** The leases this replica holds while it reads, by holder id. */
  private readonly holding = new Map<string, string[]>();
  /** Counters, for tests and the bench. */
  readonly stats = { fetched: 0, waited: 0, answeredByOther: 0, fellBack: 0 };

  constructor(private readonly options: CrossReplicaFetchOptions) {
    this.pollMs = options.pollMs ?? 15;
  }

  /**
   * Answers for `keys` (index-aligned): fetched here (`fetch` also stores them in the shared
   * cache) for the keys this replica got the lease of, read from the shared cache (`lookup`) for
   * the others once their holder stored them.
   */
  async run<T>(
    keys: string[],
    fetch: (keys: string[]) => Promise<T[]>,
    lookup: (keys: string[]) => Promise<Array<T | undefined>>,
  ): Promise<T[]> {
    const { leases, leaseMs, logger } = this.options;
    let holder: string;
    let acquired: Set<string>;
    try {
      ({ holder, acquired } = await leases.acquire(keys, leaseMs));
    } catch (error) {
      logger.warn(
        `okteto-dev: could not take fetch leases, reading without them: ${
          (error as Error).message
        }`,
      );
      return fetch(keys);
    }
    const mine = keys.filter(k => acquired.has(k));
    const theirs = keys.filter(k => !acquired.has(k));
    this.stats.fetched += mine.length;
    this.stats.waited += theirs.length;
    if (mine.length > 0) this.holding.set(holder, mine);
    const [fetched, waited] = await Promise.all([
      mine.length > 0
        ? fetch(mine).finally(() => {
            this.holding.delete(holder);
            return leases.release(holder, mine).catch(() => undefined);
          })
        : Promise.resolve([] as T[]),
      theirs.length > 0
        ? this.waitFor(theirs, holder, lookup, fetch)
        : Promise.resolve([] as T[]),
    ]);
    const byKey = new Map<string, T>();
    mine.forEach((k, i) => byKey.set(k, fetched[i]));
    theirs.forEach((k, i) => byKey.set(k, waited[i]));
    return keys.map(k => byKey.get(k)!);
  }

  /** Waits for other replicas' answers; fetches the ones that do not come. */
  private async waitFor<T>(
    keys: string[],
    holder: string,
    lookup: (keys: string[]) => Promise<Array<T | undefined>>,
    fetch: (keys: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    const found = new Map<string, T>();
    let pending = keys;
    const deadline = Date.now() + this.options.leaseMs;
    let interval = this.pollMs;
    let nextLeaseCheck = Date.now() + 10 * this.pollMs;
    while (pending.length > 0 && Date.now() < deadline) {
      await sleep(interval);
      interval = Math.min(interval * 1.5, 8 * this.pollMs);
      pending = await this.collect(pending, lookup, found);
      if (pending.length > 0 && Date.now() >= nextLeaseCheck) {
        nextLeaseCheck = Date.now() + 10 * this.pollMs;
        // a holder that gave its lease back without an answer will not bring one
        const held = await this.held(pending, holder);
        const given = pending.filter(k => !held.has(k));
        if (given.length > 0) {
          const orphans = await this.collect(given, lookup, found);
          if (orphans.length > 0) {
            const gone = new Set(orphans);
            pending = pending.filter(k => !gone.has(k));
            const own = await this.fallBack(orphans, fetch);
            orphans.forEach((k, i) => found.set(k, own[i]));
          }
          pending = pending.filter(k => !found.has(k));
        }
      }
    }
    if (pending.length > 0) {
      const own = await this.fallBack(pending, fetch);
      pending.forEach((k, i) => found.set(k, own[i]));
    }
    return keys.map(k => found.get(k)!);
  }

  /** Looks `keys` up in the shared cache; keeps what is there in `found`, returns the rest. */
  private async collect<T>(
    keys: string[],
    lookup: (keys: string[]) => Promise<Array<T | undefined>>,
    found: Map<string, T>,
  ): Promise<string[]> {
    const answers = await lookup(keys).catch(() => keys.map(() => undefined));
    const missing: string[] = [];
    keys.forEach((k, i) => {
      const answer = answers[i];
      if (answer === undefined) {
        missing.push(k);
        return;
      }
      found.set(k, answer);
      this.stats.answeredByOther++;
    });
    return missing;
  }

  /** Gives back every lease this replica holds (it is stopping). */
  async releaseAll(): Promise<void> {
    const held = [...this.holding.entries()];
    this.holding.clear();
    await Promise.all(
      held.map(([holder, keys]) =>
        this.options.leases.release(holder, keys).catch(() => undefined),
      ),
    );
  }

  private async held(keys: string[], holder: string): Promise<Set<string>> {
    try {
      return await this.options.leases.heldByOthers(keys, holder);
    } catch {
      return new Set(keys); // cannot tell: keep waiting until the deadline
    }
  }

  private fallBack<T>(
    keys: string[],
    fetch: (keys: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    this.stats.fellBack += keys.length;
    return fetch(keys);
  }
}
