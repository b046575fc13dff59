import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OKTETO_DEV_APP_ANNOTATION } from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetRequest } from '../fetch/fetchDevObjects';
import { Claim, ClaimIndex, targetKeys } from './ClaimIndex';

/** The fields of an entity a claim needs (its target comes from the annotations). */
const ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/** Entities per catalog page: 2,000 entities cost 4 requests. */
const PAGE_SIZE = 500;

/** After startup the catalog may still be ingesting: read again after these delays. */
const STARTUP_DELAYS_MS = [5_000, 10_000, 45_000];

export interface DevTargetClaimsOptions {
  catalog: Pick<CatalogService, 'streamEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** Resolves an entity's target; entities that do not resolve claim nothing. */
  resolve(entity: Entity): Promise<DevTargetRequest>;
  logger: LoggerService;
  /** How often the catalog is read again. */
  refreshMs: number;
}

/** Told the resolved requests of each catalog read (live mode watches them). */
export type ClaimsListener = (requests: DevTargetRequest[]) => void;

/**
 * Who claims which dev target, for every view, in polling and live mode alike: every entity with
 * `okteto-dev/app` the catalog holds (read with the plugin's own credentials, at startup, again
 * after 5, 15 and 60 s, then every `refreshMs`: 4 paged requests for 2,000 entities, per replica)
 * and every entity being viewed (registered before its answer is made, so a new claimant is known
 * the moment anyone looks at it, on whichever replica). Targets are the resolved requests'
 * ({@link targetKeys}), never raw annotations.
 *
 * The rule: a dev target claimed by two entities belongs to neither. Both get a 409 instead of a
 * status (no cluster read, no commands), no notification and no signal, until only one claims it.
 */
export class DevTargetClaims {
  private readonly index = new ClaimIndex();
  private readonly listeners: ClaimsListener[] = [];
  private synced = false;
  private syncing: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;

  constructor(private readonly options: DevTargetClaimsOptions) {}

  /** Reads the catalog now, then on the schedule; does not wait for the first read. */
  start(): void {
    const delays = STARTUP_DELAYS_MS.filter(d => d < this.options.refreshMs);
    const next = () => {
      if (this.stopped) return;
      const wait = this.synced
        ? delays.shift() ?? this.options.refreshMs
        : Math.min(
            5_000 * 2 ** Math.min(this.failures, 6),
            this.options.refreshMs,
          );
      this.timer = setTimeout(() => {
        this.sync().finally(next);
      }, wait);
      this.timer.unref();
    };
    this.sync().finally(next);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Live mode: told every catalog read's resolved requests. */
  onSync(listener: ClaimsListener): void {
    this.listeners.push(listener);
  }

  /**
   * True once the catalog has been read; otherwise reads it (or joins the read under way), for
   * at most `timeoutMs`. Until then claims are not known, and nothing may be answered or notified.
   */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.synced) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(resolve => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.sync(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Entities being viewed: their current targets count at once. */
  register(requests: DevTargetRequest[]): void {
    for (const request of requests) {
      this.index.set(request.entityRef, targetKeys(request));
    }
  }

  /** Whether an entity is the only claimant of its target (as last registered or read). */
  claimOf(entityRef: string): Claim {
    return this.index.claimOf(entityRef);
  }

  /**
   * Whether an entity's owner may be told about its dev session: only once the catalog has been
   * read (a claimant not viewed yet could be missing before that) and only for a sole claimant.
   */
  mayNotify(entityRef: string): boolean {
    return this.synced && !this.index.claimOf(entityRef).contested;
  }

  /** Entities known, and whether the catalog has been read (for tests and stats). */
  stats() {
    return { entities: this.index.size, synced: this.synced };
  }

  /** One catalog read at a time; true when it succeeded. */
  sync(): Promise<boolean> {
    this.syncing ??= this.read().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async read(): Promise<boolean> {
    const takenAt = this.index.tick();
    let entities: Entity[];
    try {
      entities = [];
      const pages = this.options.catalog.streamEntities(
        {
          filter: {
            [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: ENTITY_FIELDS,
          pageSize: PAGE_SIZE,
        },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      for await (const page of pages) entities.push(...page);
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn(
        `okteto-dev: could not read the annotated entities from the catalog, so claims of dev targets are not known yet: ${
          (error as Error).message
        }`,
      );
      return this.synced;
    }
    const resolved = await Promise.all(
      entities.map(e => this.options.resolve(e).catch(() => undefined)),
    );
    const requests = resolved.filter((r): r is DevTargetRequest => Boolean(r));
    this.index.replace(
      requests.map(r => ({ entityRef: r.entityRef, keys: targetKeys(r) })),
      takenAt,
    );
    this.synced = true;
    this.failures = 0;
    for (const listener of this.listeners) {
      try {
        listener(requests);
      } catch (error) {
        this.options.logger.error(
          'okteto-dev: a claims listener failed',
          error as Error,
        );
      }
    }
    return true;
  }
}
