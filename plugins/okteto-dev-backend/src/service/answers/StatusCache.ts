import { CacheService } from '@backstage/backend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevAnswer } from './DevAnswer';

/** How long whether an entity needed Pods is remembered. */
const PODS_HINT_TTL_MS = 24 * 3600 * 1000;

/** What the shared cache holds per entity: the answer's JSON text, as sent. */
interface StoredAnswer {
  json: string;
  errors: number;
  /** When the shared entry runs out (ms since the epoch), so copies run out with it. */
  expiresAt: number;
}

export interface StatusCacheOptions {
  /** Backstage's cache service: shared by every replica when its store is (Redis, …). */
  cache: CacheService;
  ttlMs: number;
  staleOnErrorMs: number;
  /** Answers kept in this process (least recently used out first). */
  nearEntries: number;
  now?: () => number;
}

/**
 * Answers by entity, in two layers. The shared layer is Backstage's cache service: what one
 * replica stored, every replica reads, until `ttlMs` after it was read from the cluster. The near
 * layer keeps, in this process, the answers it stored or read, as {@link DevAnswer} (text, bytes,
 * ETag), until the same moment the shared entry runs out: a warm view costs no cache round trip
 * and no (de)serialisation. Nothing is ever updated in place, so a near copy is never older than
 * the shared entry it came from.
 */
export class StatusCache {
  private readonly near = new Map<
    string,
    { answer: DevAnswer; expiresAt: number }
  >();
  private readonly staleMemo = new WeakMap<
    DevAnswer,
    { second: number; answer: DevAnswer }
  >();
  private readonly now: () => number;

  constructor(private readonly options: StatusCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(kind: 'status' | 'good' | 'pods', entityRef: string): string {
    return `okteto-dev:v3:${kind}:${entityRef}`;
  }

  /** This process's copy, if it has not run out. */
  nearAnswer(entityRef: string): DevAnswer | undefined {
    const kept = this.near.get(entityRef);
    if (!kept) return undefined;
    if (kept.expiresAt <= this.now()) {
      this.near.delete(entityRef);
      return undefined;
    }
    return kept.answer;
  }

  /** The answers of `refs`: near copies, else the shared cache's (then kept near). */
  async get(refs: string[]): Promise<Array<DevAnswer | undefined>> {
    return Promise.all(
      refs.map(async ref => {
        const near = this.nearAnswer(ref);
        if (near) return near;
        return this.shared(ref);
      }),
    );
  }

  /** The shared cache's answer only (what another replica may just have stored). */
  async shared(ref: string): Promise<DevAnswer | undefined> {
    const stored = (await this.options.cache.get(this.key('status', ref))) as
      | StoredAnswer
      | undefined;
    if (!stored || typeof stored.json !== 'string') return undefined;
    if (stored.expiresAt <= this.now()) return undefined;
    const answer = DevAnswer.fromJson(ref, stored.json, stored.errors);
    this.keep(ref, answer, stored.expiresAt);
    return answer;
  }

  /** Stores a fresh answer: shared (and as the last good one), and near. */
  async store(answer: DevAnswer, podsNeeded: boolean): Promise<void> {
    const { cache, ttlMs, staleOnErrorMs } = this.options;
    const ref = answer.entityRef;
    const expiresAt = this.now() + ttlMs;
    this.keep(ref, answer, expiresAt);
    const stored: StoredAnswer = {
      json: answer.json,
      errors: answer.errorCount,
      expiresAt,
    };
    await Promise.all([
      cache.set(this.key('status', ref), { ...stored }, { ttl: ttlMs }),
      // remembered long after the answer: it only decides what the next fetch reads at once
      cache.set(this.key('pods', ref), podsNeeded, { ttl: PODS_HINT_TTL_MS }),
      answer.errorCount === 0
        ? cache.set(
            this.key('good', ref),
            { json: answer.json },
            { ttl: staleOnErrorMs },
          )
        : undefined,
    ]);
  }

  /** Whether each entity needed Pods last time (undefined: never read). */
  async podsHints(refs: string[]): Promise<Array<boolean | undefined>> {
    const hints = await Promise.all(
      refs.map(ref => this.options.cache.get(this.key('pods', ref))),
    );
    return hints.map(h => (typeof h === 'boolean' ? h : undefined));
  }

  /**
   * A fresh answer with errors becomes the last good answer, marked stale, when there is one.
   * Merged at most once a second per answer (the age is in seconds).
   */
  async withStale(answer: DevAnswer): Promise<DevAnswer> {
    if (answer.errorCount === 0) return answer;
    const second = Math.floor(this.now() / 1000);
    const memo = this.staleMemo.get(answer);
    if (memo && memo.second === second) return memo.answer;
    const good = (await this.options.cache.get(
      this.key('good', answer.entityRef),
    )) as { json?: string } | undefined;
    let result = answer;
    if (good && typeof good.json === 'string') {
      const last = JSON.parse(good.json) as DevStatus;
      const ageSeconds = Math.max(
        0,
        Math.round((this.now() - Date.parse(last.fetchedAt)) / 1000),
      );
      result = DevAnswer.fromStatus({
        ...last,
        stale: { since: last.fetchedAt, ageSeconds },
        errors: answer.status.errors,
      });
    }
    this.staleMemo.set(answer, { second, answer: result });
    return result;
  }

  private keep(ref: string, answer: DevAnswer, expiresAt: number): void {
    if (this.options.nearEntries <= 0) return;
    this.near.delete(ref);
    if (this.near.size >= this.options.nearEntries) {
      this.near.delete(this.near.keys().next().value!);
    }
    this.near.set(ref, { answer, expiresAt });
  }
}
