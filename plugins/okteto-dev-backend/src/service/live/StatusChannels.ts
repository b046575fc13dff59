import { DatabaseService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DEV_STATUS_CHANNEL_PREFIX } from '@okteto-dev/plugin-okteto-dev-common';
import { createHmac, randomBytes } from 'node:crypto';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** The table of secrets the plugin makes itself, shared by every replica. */
export const SECRETS_TABLE = 'okteto_dev_secrets';
const CHANNEL_SECRET = 'signal-channels';

/** A configured secret shorter than this is refused: it could be guessed. */
const MIN_SECRET_LENGTH = 16;

/** How long a channel is current by default: cards renew theirs about once an hour. */
export const DEFAULT_CHANNEL_ROTATION_MS = 60 * 60 * 1000;

/**
 * The signal channels of each entity: `okteto-dev:status:` and an HMAC-SHA-256 of the entity ref
 * (lower-cased, as the catalog compares refs) and the current period, under a secret only the
 * backend holds, 192 bits of it in base64url. Nobody can compute an entity's channel from its ref;
 * the backend hands the current one out with the entity's status, that is only to callers allowed
 * to read that status, and publishes each change as a broadcast that carries no entity and no
 * status.
 *
 * Channels rotate every `rotationMs`: a change is published on the current period's channel and on
 * the previous one's (so a channel handed out just before the turn keeps working for one more
 * period), and the status says when to fetch the next (`renewAt`). A caller who could read the
 * status once and lost the right hears, at most for two periods, that it changed — never what.
 *
 * The secret is `oktetoDev.live.channelSecret` when configured, else a random one the first
 * replica writes to the plugin's database (`okteto_dev_secrets`) and every replica reads, so all
 * replicas publish on the same channels.
 */
export class StatusChannels {
  private readonly memo = new Map<string, string>();
  private memoPeriod = -1;

  constructor(
    private readonly secret: Buffer,
    private readonly rotationMs = DEFAULT_CHANNEL_ROTATION_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The secret from config, else from (or first into) the database; the rotation from config. */
  static async create(deps: {
    config: Config;
    database: DatabaseService;
    now?: () => number;
  }): Promise<StatusChannels> {
    const minutes = deps.config.getOptionalNumber(
      'oktetoDev.live.channelRotationMinutes',
    );
    if (minutes !== undefined && !(minutes >= 1)) {
      throw new Error(
        'oktetoDev.live.channelRotationMinutes must be at least 1',
      );
    }
    const rotationMs =
      minutes === undefined ? DEFAULT_CHANNEL_ROTATION_MS : minutes * 60_000;
    const configured = deps.config.getOptionalString(
      'oktetoDev.live.channelSecret',
    );
    if (configured !== undefined) {
      if (configured.length < MIN_SECRET_LENGTH) {
        throw new Error(
          `oktetoDev.live.channelSecret must be at least ${MIN_SECRET_LENGTH} characters long`,
        );
      }
      return new StatusChannels(
        Buffer.from(configured, 'utf8'),
        rotationMs,
        deps.now,
      );
    }
    return new StatusChannels(
      await sharedSecret(await deps.database.getClient()),
      rotationMs,
      deps.now,
    );
  }

  private period(): number {
    return Math.floor(this.now() / this.rotationMs);
  }

  private channel(entityRef: string, period: number): string {
    const key = entityRef.toLocaleLowerCase('en-US');
    if (period !== this.memoPeriod) {
      // one period's channels at a time (the previous one's are asked for only when publishing)
      if (period > this.memoPeriod) {
        this.memo.clear();
        this.memoPeriod = period;
      } else {
        return this.compute(key, period);
      }
    }
    let channel = this.memo.get(key);
    if (!channel) {
      channel = this.compute(key, period);
      if (this.memo.size >= 50_000) this.memo.clear();
      this.memo.set(key, channel);
    }
    return channel;
  }

  private compute(key: string, period: number): string {
    return `${DEV_STATUS_CHANNEL_PREFIX}${createHmac('sha256', this.secret)
      .update(`${period}\n${key}`)
      .digest('base64url')
      .slice(0, 32)}`;
  }

  /** The channel handed out with an entity's status now. */
  of(entityRef: string): string {
    return this.channel(entityRef, this.period());
  }

  /** The channels a change of an entity is published on: the current period's and the previous. */
  publishedOn(entityRef: string): string[] {
    const period = this.period();
    return [
      this.channel(entityRef, period),
      this.channel(entityRef, period - 1),
    ];
  }

  /** When the current channels become the previous ones: by then a holder should fetch the next. */
  renewAt(): string {
    return new Date((this.period() + 1) * this.rotationMs).toISOString();
  }
}

/** The database's secret: the one a replica wrote first (insert if absent, then read). */
async function sharedSecret(db: Knex): Promise<Buffer> {
  if (!(await db.schema.hasTable(SECRETS_TABLE))) {
    try {
      await db.schema.createTable(SECRETS_TABLE, table => {
        table.string('name', 64).primary().notNullable();
        table.string('value', 256).notNullable();
      });
    } catch (error) {
      // another replica created it at the same moment
      if (!(await db.schema.hasTable(SECRETS_TABLE))) throw error;
    }
  }
  await db(SECRETS_TABLE)
    .insert({
      name: CHANNEL_SECRET,
      value: randomBytes(32).toString('base64'),
    })
    .onConflict('name')
    .ignore();
  const row = await db(SECRETS_TABLE)
    .where({ name: CHANNEL_SECRET })
    .first('value');
  return Buffer.from(String(row.value), 'base64');
}
