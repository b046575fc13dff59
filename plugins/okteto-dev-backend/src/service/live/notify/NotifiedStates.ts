import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex, openDatabase } from '../../database/migrations';

/** The table of the last state each entity's owners were told about (`migrations/`). */
export const NOTIFIED_TABLE = 'okteto_dev_notified_states';

/**
 * The last notified state per entity, in the plugin's database, shared by every replica and kept
 * across restarts. {@link NotifiedStates.transition} is a compare-and-set: of any number of
 * replicas observing the same change, exactly one moves the row and so sends the notification.
 * One UPDATE with a `WHERE state <> ?`, or one INSERT guarded by the primary key: atomic on
 * SQLite and PostgreSQL alike, without transactions or locks.
 */
export class NotifiedStates {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<NotifiedStates> {
    return new NotifiedStates(await openDatabase(database));
  }

  /** The recorded state of an entity, if any. */
  async get(entityRef: string): Promise<string | undefined> {
    const row = await this.db(NOTIFIED_TABLE)
      .where({ entity_ref: entityRef })
      .first('state');
    return row?.state;
  }

  /**
   * Moves an entity to `state`; true only for the caller that made the move (and so must notify).
   * `none` is only ever an update: an entity that never had a problem needs no row.
   */
  async transition(
    entityRef: string,
    state: string,
    at: Date,
  ): Promise<boolean> {
    const updated = await this.db(NOTIFIED_TABLE)
      .where({ entity_ref: entityRef })
      .whereNot({ state })
      .update({ state, updated_at: at.toISOString() });
    if (Number(updated) > 0) return true;
    if (state === 'none') return false;
    try {
      await this.db(NOTIFIED_TABLE).insert({
        entity_ref: entityRef,
        state,
        updated_at: at.toISOString(),
      });
      return true;
    } catch {
      // the row exists: it already holds this state, or another replica just wrote it
      return false;
    }
  }

  /** Undoes a move whose notification could not be sent, so the next observation tries again. */
  async revert(
    entityRef: string,
    from: string,
    to: string | undefined,
  ): Promise<void> {
    const query = this.db(NOTIFIED_TABLE).where({
      entity_ref: entityRef,
      state: from,
    });
    await (to === undefined ? query.delete() : query.update({ state: to }));
  }
}
