import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotifiedStates } from './NotifiedStates';

/** A state worth telling the owner about; `none` once it is over. */
export type ProblemState = 'conflict' | 'broken' | 'abandoned' | 'none';

/**
 * The problem a status shows, most urgent first: Argo CD and dev mode both serving the app
 * (conflict), a session that never started or broke, a session older than the abandoned age.
 * undefined when the status cannot tell (a read failed, or it is a stale answer): no change then.
 */
export function problemOf(status: DevStatus): ProblemState | undefined {
  if (status.stale) return undefined;
  if (status.drift.kind === 'conflict') return 'conflict';
  if (status.okteto.state === 'broken') return 'broken';
  if (status.okteto.state === 'on' && status.okteto.abandoned)
    return 'abandoned';
  return status.errors.length > 0 ? undefined : 'none';
}

/** The entity page of Backstage's catalog, relative to the app. */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}

/** The notification for a problem: what happened, and the command that ends it. */
export function notificationFor(
  status: DevStatus,
  state: Exclude<ProblemState, 'none'>,
): NotificationPayload {
  const { name } = parseEntityRef(status.entityRef);
  // withheld by the target guard or a bad value: the notification says why instead of a command
  const down = status.commands?.oktetoDown;
  const guard = (status.guard ?? []).map(g => g.message).join(' ');
  const stop = down ? `Stop dev mode: ${down}` : guard;
  const where = `${status.target.namespace} on cluster ${status.target.cluster}`;
  const common = { link: entityPath(status.entityRef), topic: 'okteto-dev' };
  if (state === 'conflict') {
    return {
      ...common,
      title: `${name}: Okteto dev mode and Argo CD both run the app`,
      description: `${status.drift.message} (${where}). ${stop}`,
      severity: 'high',
    };
  }
  if (state === 'broken') {
    const problem =
      status.okteto.state === 'broken'
        ? status.okteto.problems[0]?.message
        : undefined;
    return {
      ...common,
      title: `${name}: Okteto dev mode is broken`,
      description: `${
        problem ?? 'The dev container does not run'
      } (${where}). ${stop}`,
      severity: 'normal',
    };
  }
  const session = status.okteto.state === 'on' ? status.okteto : undefined;
  const hours = Math.floor((session?.ageSeconds ?? 0) / 3600);
  const by = session?.user ? ` by ${session.user}` : '';
  return {
    ...common,
    title: `${name}: Okteto dev mode is probably abandoned`,
    description: `Dev mode has been on${by} for ${hours} hours (${where}). ${
      down ? `If nobody uses it: ${down}` : guard
    }`,
    severity: 'low',
  };
}

/**
 * Tells an entity's owner, once, when its dev session becomes conflicting, broken or abandoned
 * (`{ type: 'entity', entityRef }` recipients: the notifications backend resolves the owner).
 * One notification per state change, not per observation: the last notified state is kept in
 * the database ({@link NotifiedStates}), so restarts and other replicas do not repeat it, and in
 * memory, so an unchanged state costs no database round trip.
 */
export class DevNotifier {
  private readonly known = new Map<string, ProblemState>();
  private readonly queue = new Map<string, Promise<void>>();
  private readonly pending = new Map<
    string,
    {
      state: ProblemState;
      status: DevStatus;
      timer: ReturnType<typeof setTimeout>;
    }
  >();

  constructor(
    private readonly options: {
      states: NotifiedStates;
      notifications: NotificationService;
      logger: LoggerService;
      /**
       * How long a new state must hold before it counts (0: at once). `okteto up` writes the
       * clone before scaling the original down, so for a moment it looks like an interrupted
       * session (a conflict); a pod waits for its volume for a moment: neither is worth a
       * notification, and neither is a dip back to normal in the middle of a real problem.
       */
      confirmMs?: number;
      now?: () => Date;
      /**
       * Whose owner may be told (see `claims/`): an entity whose dev target another entity claims
       * too, or any entity before the catalog's claims are known, is never notified about: its
       * "owner" could be whoever registered a second entity for someone else's target.
       */
      claims?: { mayNotify(entityRef: string): boolean };
    },
  ) {}

  private mayNotify(entityRef: string): boolean {
    return this.options.claims?.mayNotify(entityRef) ?? true;
  }

  /**
   * Observes a derived status. A state that differs from the recorded one is handled once it has
   * held for `confirmMs` (the latest status observed in the meantime is the one notified about);
   * resolves once what can be handled now has been.
   */
  observe(status: DevStatus): Promise<void> {
    const state = problemOf(status);
    const ref = status.entityRef;
    if (!state) return Promise.resolve();
    const waiting = this.pending.get(ref);
    if (!this.mayNotify(ref)) {
      // a contested target: nothing is recorded or sent until it has one claimant again
      if (waiting) {
        clearTimeout(waiting.timer);
        this.pending.delete(ref);
      }
      return Promise.resolve();
    }
    if (this.known.get(ref) === state && !this.queue.has(ref)) {
      if (waiting) {
        clearTimeout(waiting.timer);
        this.pending.delete(ref);
      }
      return Promise.resolve();
    }
    const confirmMs = this.options.confirmMs ?? 0;
    if (confirmMs <= 0) return this.enqueue(status, state);
    if (waiting?.state === state) {
      waiting.status = status;
      return Promise.resolve();
    }
    if (waiting) clearTimeout(waiting.timer);
    const timer = setTimeout(() => {
      const held = this.pending.get(ref);
      this.pending.delete(ref);
      if (held) this.enqueue(held.status, held.state);
    }, confirmMs);
    timer.unref?.();
    this.pending.set(ref, { state, status, timer });
    return Promise.resolve();
  }

  /** Drops the states still to be confirmed and waits for every notification under way. */
  async close(): Promise<void> {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.idle();
  }

  /** Waits for every notification under way (tests). */
  async idle(): Promise<void> {
    while (this.queue.size > 0) await Promise.all([...this.queue.values()]);
  }

  private enqueue(status: DevStatus, state: ProblemState): Promise<void> {
    const ref = status.entityRef;
    const previous = this.queue.get(ref) ?? Promise.resolve();
    const next = previous
      .then(() => this.handle(status, state))
      .catch(error =>
        this.options.logger.warn(
          `okteto-dev: could not notify about ${ref}: ${
            (error as Error).message
          }`,
        ),
      )
      .finally(() => {
        if (this.queue.get(ref) === next) this.queue.delete(ref);
      });
    this.queue.set(ref, next);
    return next;
  }

  private async handle(status: DevStatus, state: ProblemState): Promise<void> {
    const ref = status.entityRef;
    if (this.known.get(ref) === state) return;
    // checked again: a second claimant may have appeared while the state was being confirmed
    if (!this.mayNotify(ref)) return;
    const { states, notifications, logger } = this.options;
    const before = this.known.get(ref);
    const moved = await states.transition(
      ref,
      state,
      (this.options.now ?? (() => new Date()))(),
    );
    if (!moved) {
      const recorded = (await states.get(ref)) as ProblemState | undefined;
      this.known.set(ref, recorded ?? 'none');
      if (state !== 'none') {
        logger.debug(
          `okteto-dev: ${ref} is ${state}, its owner was already notified`,
        );
      }
      return;
    }
    if (state === 'none') {
      logger.debug(`okteto-dev: ${ref} is back to normal`);
    } else {
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: ref },
          payload: notificationFor(status, state),
        });
      } catch (error) {
        await states.revert(ref, state, before);
        throw error;
      }
      logger.info(`okteto-dev: notified the owner of ${ref}: ${state}`);
    }
    this.known.set(ref, state);
  }
}
