import { LoggerService } from '@backstage/backend-plugin-api';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { ArgoApplicationObject, Read } from '../derive/types';
import { backoffMs, sleep } from '../live/backoff';
import { slimApplication } from '../live/slim';
import { ArgoCdApi, ArgoWatchEvent } from './ArgoCdApi';
import { toArgoApiError } from './errors';
import { ApplicationRead } from './readApplications';

/** Where a watch of one instance stands; only `ready` serves reads. */
export type ArgoWatchState = 'starting' | 'ready' | 'failing' | 'stopped';

/** What one instance must watch: per Application namespace, the names. */
export type ArgoWatchPlan = Map<string, Set<string>>;

export interface ArgoApiWatchOptions {
  api: ArgoCdApi;
  logger: LoggerService;
  /** The stream is ended and the Applications listed again this often (a bound on a missed event). */
  relistMs: number;
  /** A stream silent this long (Argo CD writes a keep-alive every 15 s) is cut and resumed. */
  idleMs: number;
  onChange(namespace: string, name: string): void;
  onState(): void;
  backoff?: { initialMs?: number; maxMs?: number };
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

function samePlan(a: ArgoWatchPlan, b: ArgoWatchPlan): boolean {
  return (
    a.size === b.size &&
    [...b].every(
      ([ns, names]) =>
        a.get(ns)?.size === names.size &&
        [...names].every(n => a.get(ns)!.has(n)),
    )
  );
}

/**
 * Live mode's copy of one Argo CD instance's Applications, through its API: one list per
 * namespace (and a GET for each name the list left out: missing, or denied by the token's RBAC),
 * then one server-sent event stream of the planned Applications (`GET
 * /api/v1/stream/applications`), kept open and resumed after a backoff when it fails; every
 * `relistMs` the stream is ended and the round starts again, since Argo CD's stream has no
 * resourceVersion to resume from and may miss a change between its list and its subscription
 * (server/application/application.go, Watch). Why a stream and not polling: a change reaches the
 * card within the debounce, and a view costs no request to Argo CD, as for Kubernetes watches.
 */
export class ArgoApiWatch {
  private plan: ArgoWatchPlan = new Map();
  private readonly objects = new Map<string, ArgoApplicationObject>();
  /** Names the list left out, with what Argo CD said when asked about them alone. */
  private readonly absent = new Map<string, Read<undefined>>();
  private stateValue: ArgoWatchState = 'starting';
  private errorValue: DevError | undefined;
  private round: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  readonly stats = { lists: 0, streams: 0, events: 0 };

  constructor(private readonly options: ArgoApiWatchOptions) {}

  get state(): ArgoWatchState {
    return this.stateValue;
  }

  /** Why it is not ready, as data. */
  get error(): DevError | undefined {
    return this.errorValue;
  }

  get name(): string {
    return this.options.api.name;
  }

  /** Watches the plan's Applications: a changed plan starts a new round (list, then stream). */
  apply(plan: ArgoWatchPlan): void {
    if (this.stopped) return;
    if (this.loop && samePlan(this.plan, plan)) return;
    this.plan = new Map([...plan].map(([ns, names]) => [ns, new Set(names)]));
    for (const k of [...this.objects.keys(), ...this.absent.keys()]) {
      const [ns, name] = k.split('/');
      if (!this.plan.get(ns)?.has(name)) {
        this.objects.delete(k);
        this.absent.delete(k);
      }
    }
    this.setState('starting');
    this.round?.abort();
    this.loop ??= this.run();
  }

  /** Whether reads of `namespace` are answered from memory. */
  covers(namespace: string): boolean {
    return this.stateValue === 'ready' && this.plan.has(namespace);
  }

  /** The kept Applications of `namespace` (only meaningful when {@link covers}). */
  read(namespace: string): ApplicationRead {
    return name => {
      const k = key(namespace, name);
      const app = this.objects.get(k);
      if (app) return { ok: true, value: app };
      return this.absent.get(k) ?? { ok: true, value: undefined };
    };
  }

  get size(): number {
    return this.objects.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.round?.abort();
    await this.loop;
    this.setState('stopped');
  }

  private setState(state: ArgoWatchState, error?: DevError): void {
    const changed =
      state !== this.stateValue || error?.message !== this.errorValue?.message;
    this.stateValue = state;
    this.errorValue = error;
    if (changed) this.options.onState();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const round = new AbortController();
      this.round = round;
      const plan = this.plan;
      const timer = setTimeout(() => round.abort(), this.options.relistMs);
      timer.unref?.();
      try {
        await this.listAll(plan, round.signal);
        if (round.signal.aborted) continue;
        failures = 0;
        this.setState('ready');
        await this.streamUntil(plan, round.signal);
      } catch (error) {
        if (this.stopped) break;
        // a new plan, or the time to list again: not a failure
        if (round.signal.aborted) continue;
        failures++;
        const devError =
          (error as { devError?: DevError }).devError ??
          toArgoApiError(error, 'applications.argoproj.io (stream)', this.name);
        this.setState('failing', devError);
        this.options.logger.warn(
          `okteto-dev live: Argo CD API watch failing (${failures}): ${devError.message}`,
        );
        await sleep(backoffMs(failures, this.options.backoff), round.signal);
      } finally {
        clearTimeout(timer);
      }
    }
    this.loop = undefined;
  }

  /** One list per planned namespace, and a GET per name it left out; changes are told. */
  private async listAll(plan: ArgoWatchPlan, signal: AbortSignal) {
    const seen = new Set<string>();
    for (const [namespace, set] of plan) {
      const names = [...set];
      this.stats.lists++;
      const listed = await this.options.api.list(namespace, names, signal);
      if (!listed.ok)
        throw Object.assign(new Error(listed.error.message), {
          devError: listed.error,
        });
      for (const app of listed.value) {
        const k = key(namespace, app.metadata.name);
        seen.add(k);
        this.absent.delete(k);
        this.keep(namespace, slimApplication(app as Record<string, any>));
      }
      for (const name of names.filter(n => !seen.has(key(namespace, n)))) {
        const asked = await this.options.api.get(namespace, name, signal);
        if (signal.aborted) return;
        const k = key(namespace, name);
        const before = this.absent.get(k);
        if (asked.ok && asked.value) {
          // there after all (created between the two requests)
          this.absent.delete(k);
          this.keep(
            namespace,
            slimApplication(asked.value as Record<string, any>),
          );
          seen.add(k);
          continue;
        }
        const had = this.objects.delete(k);
        const now: Read<undefined> = asked.ok
          ? { ok: true, value: undefined }
          : asked;
        this.absent.set(k, now);
        if (had || JSON.stringify(before) !== JSON.stringify(now)) {
          this.options.onChange(namespace, name);
        }
      }
    }
  }

  private keep(namespace: string, app: ArgoApplicationObject): void {
    const k = key(namespace, app.metadata.name);
    const kept = this.objects.get(k);
    this.objects.set(k, app);
    if (JSON.stringify(kept) !== JSON.stringify(app)) {
      this.options.onChange(namespace, app.metadata.name);
    }
  }

  private async streamUntil(plan: ArgoWatchPlan, signal: AbortSignal) {
    const targets = [...plan].flatMap(([namespace, names]) =>
      [...names].map(name => ({ namespace, name })),
    );
    if (targets.length === 0) {
      await sleep(this.options.relistMs, signal);
      return;
    }
    this.stats.streams++;
    const stream = this.options.api.stream(
      targets,
      event => this.onEvent(event),
      this.options.idleMs,
    );
    const abort = () => stream.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      await stream.done;
    } finally {
      signal.removeEventListener('abort', abort);
    }
    if (!signal.aborted) {
      throw Object.assign(new Error('the stream ended'), {
        devError: {
          type: 'unreachable',
          message: `applications.argoproj.io (stream) through the API of Argo CD instance '${this.name}': the stream ended`,
        } as DevError,
      });
    }
  }

  private onEvent(event: ArgoWatchEvent): void {
    const app = event.application;
    const namespace = app.metadata?.namespace;
    const name = app.metadata?.name;
    if (!namespace || !name || !this.plan.get(namespace)?.has(name)) return;
    this.stats.events++;
    const k = key(namespace, name);
    if (event.type === 'DELETED') {
      this.absent.set(k, { ok: true, value: undefined });
      if (this.objects.delete(k)) this.options.onChange(namespace, name);
      return;
    }
    this.absent.delete(k);
    this.keep(namespace, slimApplication(app as Record<string, any>));
  }
}
