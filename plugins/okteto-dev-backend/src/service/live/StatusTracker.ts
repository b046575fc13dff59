import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  DevStatus,
  DevStatusSignal,
} from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetRequest } from '../fetch/fetchDevObjects';
import { cardFingerprint } from './fingerprint';
import { DevNotifier } from './notify/DevNotifier';

/** The message of a status signal: no entity, no status data, only when it changed. */
export type StatusChangedMessage = DevStatusSignal;

/** Entities derived per slice of a flush, between which the event loop gets its turn. */
const SLICE = 200;

export interface StatusTrackerOptions {
  /** The live requests among these, or all live requests (others are polled, and skipped). */
  live(refs?: string[]): DevTargetRequest[];
  /** Derives live requests from memory (no cluster read). */
  derive(requests: DevTargetRequest[]): Promise<DevStatus[]>;
  signals?: SignalsService;
  /** The opaque channels a change of an entity is published on (see `StatusChannels`). */
  channelsOf(entityRef: string): string[];
  notifier?: DevNotifier;
  logger: LoggerService;
  debounceMs: number;
  resyncMs: number;
  now?: () => Date;
}

/**
 * Turns cluster changes into pushed updates. A change marks the entities that read the changed
 * object; after `debounceMs` without further changes (an `okteto up` writes several objects) they
 * are derived again from memory, and those whose card would look different get one signal (a
 * broadcast `{ changedAt }` on the entity's opaque channel, which only callers allowed to read its
 * status were given: the browser refetches through the permission-checked endpoint) and are
 * shown to the notifier. Every `resyncMs` all
 * live entities are derived again, so time-based states (an abandoned session) are noticed
 * without a cluster change. Flushes run one at a time.
 */
export class StatusTracker {
  private readonly fingerprints = new Map<string, string>();
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstMarkAt = 0;
  private flushing: Promise<void> | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Counters, for tests and the bench. */
  readonly stats = { flushes: 0, derived: 0, signals: 0 };

  constructor(private readonly options: StatusTrackerOptions) {}

  start(): void {
    this.resyncTimer = setInterval(() => this.markAll(), this.options.resyncMs);
    this.resyncTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    await this.flushing;
  }

  /** Every known entity (resync). */
  markAll(): void {
    this.mark([], true);
  }

  /** Marks entities as possibly changed; they are derived after the debounce. */
  mark(refs: Array<string | DevTargetRequest>, all = false): void {
    if (this.stopped) return;
    if (all) this.dirty.add('*');
    for (const r of refs)
      this.dirty.add(typeof r === 'string' ? r : r.entityRef);
    if (this.dirty.size === 0) return;
    const now = Date.now();
    if (!this.timer) this.firstMarkAt = now;
    if (this.timer) clearTimeout(this.timer);
    // wait for quiet, but never more than 4 debounce periods after the first change
    const wait = Math.max(
      0,
      Math.min(
        this.options.debounceMs,
        this.firstMarkAt + 4 * this.options.debounceMs - now,
      ),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  /**
   * Takes statuses a view derived as the baseline of entities that have none yet, so that the
   * next change of an entity just viewed is pushed even if no flush has run for it.
   */
  seen(statuses: DevStatus[]): void {
    for (const status of statuses) {
      if (!this.fingerprints.has(status.entityRef)) {
        this.fingerprints.set(status.entityRef, cardFingerprint(status));
      }
    }
  }

  /** Forgets an entity (no longer in the catalog). */
  forget(entityRef: string): void {
    this.fingerprints.delete(entityRef);
  }

  private flush(): void {
    if (this.flushing) {
      // run again once the current flush is done
      this.flushing.then(() => this.mark([]));
      return;
    }
    const refs = this.dirty;
    this.dirty = new Set();
    this.flushing = this.process(refs)
      .catch(error =>
        this.options.logger.error('okteto-dev live: update failed', error),
      )
      .finally(() => {
        this.flushing = undefined;
      });
  }

  private async process(refs: Set<string>): Promise<void> {
    const requests = this.options.live(refs.has('*') ? undefined : [...refs]);
    this.stats.flushes++;
    for (let i = 0; i < requests.length && !this.stopped; i += SLICE) {
      const statuses = await this.options.derive(requests.slice(i, i + SLICE));
      this.stats.derived += statuses.length;
      await Promise.all(statuses.map(s => this.compare(s)));
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  private async compare(status: DevStatus): Promise<void> {
    const ref = status.entityRef;
    const fingerprint = cardFingerprint(status);
    const before = this.fingerprints.get(ref);
    this.fingerprints.set(ref, fingerprint);
    // the notifier first: once the signal is out, the notification has been handled
    await this.options.notifier?.observe(status);
    if (before === undefined || before === fingerprint || !this.options.signals)
      return;
    const message: StatusChangedMessage = {
      changedAt: (this.options.now ?? (() => new Date()))().toISOString(),
    };
    this.stats.signals++;
    try {
      // broadcasts: to everyone subscribed to a channel, and only holders of a channel subscribe
      // (the current period's, and the previous one's until its holders have renewed)
      await Promise.all(
        this.options.channelsOf(ref).map(channel =>
          this.options.signals!.publish({
            recipients: { type: 'broadcast' },
            channel,
            message,
          }),
        ),
      );
    } catch (error) {
      this.options.logger.warn(
        `okteto-dev live: could not publish the change of ${ref}: ${
          (error as Error).message
        }`,
      );
    }
  }
}
