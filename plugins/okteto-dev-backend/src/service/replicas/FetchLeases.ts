import { DatabaseService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { Knex, openDatabase } from '../database/migrations';

/** The table of who is reading which entity's status from the cluster right now (`migrations/`). */
export const LEASES_TABLE = 'okteto_dev_fetch_leases';

/** Rows per statement, well under every engine's bound-parameter limit. */
const CHUNK = 200;

/**
 * Short leases in the plugin's database, shared by every replica: "this replica is reading the
 * cluster for that entity, until `expires_at`". Taking one is three statements, each atomic on
 * PostgreSQL and SQLite alike, without transactions or explicit locks:
 *
 * 1. `INSERT … ON CONFLICT DO NOTHING` creates the rows nobody holds;
 * 2. `UPDATE … WHERE expires_at < now` takes over expired ones (PostgreSQL re-checks the WHERE
 *    on the locked row, so of two replicas only one moves it);
 * 3. `SELECT … WHERE holder = <this attempt>` says which ones this attempt got.
 *
 * Every attempt has its own holder id, so two attempts of one replica never share a lease.
 * Times are the replicas' clocks (ms since the epoch): leases last seconds, so skew between
 * replicas of a few hundred milliseconds only shortens or lengthens a wait.
 */
export class FetchLeases {
  private constructor(
    private readonly db: Knex,
    private readonly now: () => number,
  ) {}

  static async create(
    database: DatabaseService,
    now: () => number = Date.now,
  ): Promise<FetchLeases> {
    return new FetchLeases(await openDatabase(database), now);
  }

  /**
   * Takes the leases of `keys` that nobody holds (or whose holder's lease ran out) for `ttlMs`.
   * Returns the holder id and the keys it got; the others are being read by someone else.
   */
  async acquire(
    keys: string[],
    ttlMs: number,
  ): Promise<{ holder: string; acquired: Set<string> }> {
    const holder = randomUUID();
    const acquired = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      const now = this.now();
      const expires = now + ttlMs;
      await this.db(LEASES_TABLE)
        .insert(
          chunk.map(key => ({
            lease_key: key,
            holder,
            expires_at: expires,
          })),
        )
        .onConflict('lease_key')
        .ignore();
      await this.db(LEASES_TABLE)
        .whereIn('lease_key', chunk)
        .where('expires_at', '<', now)
        .update({ holder, expires_at: expires });
      const rows = await this.db(LEASES_TABLE)
        .whereIn('lease_key', chunk)
        .where({ holder })
        .select('lease_key');
      for (const row of rows) acquired.add(row.lease_key);
    }
    return { holder, acquired };
  }

  /** The keys of `keys` someone other than `holder` holds right now (an unexpired lease). */
  async heldByOthers(keys: string[], holder: string): Promise<Set<string>> {
    const held = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.db(LEASES_TABLE)
        .whereIn('lease_key', keys.slice(i, i + CHUNK))
        .whereNot({ holder })
        .where('expires_at', '>=', this.now())
        .select('lease_key');
      for (const row of rows) held.add(row.lease_key);
    }
    return held;
  }

  /** Gives leases back (the answers are in the shared cache now); only the holder's own. */
  async release(holder: string, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += CHUNK) {
      await this.db(LEASES_TABLE)
        .whereIn('lease_key', keys.slice(i, i + CHUNK))
        .where({ holder })
        .delete();
    }
  }
}
