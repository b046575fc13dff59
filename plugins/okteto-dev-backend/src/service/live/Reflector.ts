import { LoggerService } from '@backstage/backend-plugin-api';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { toDevError } from '../kube/errors';
import { backoffMs, sleep } from './backoff';
import { KubeHttp, KubeHttpError, WatchEvent } from './kubeHttp';
import { KindSpec } from './resources';

/** Where a reflector stands; only `ready` serves reads. */
export type ReflectorState =
  | 'starting'
  | 'ready'
  | 'failing'
  | 'forbidden'
  | 'stopped';

/** Which objects to keep: the namespaces (and, for Applications, names) entities need. */
export type KeepFilter = (namespace: string, name: string) => boolean;

/** A change of one kept object (added, modified, deleted, or found different by a relist). */
export interface ObjectChange {
  kind: KindSpec['kind'];
  namespace: string;
  name: string;
}

export interface ReflectorOptions {
  cluster: string;
  spec: KindSpec;
  /** undefined: across all namespaces. */
  namespace?: string;
  http: KubeHttp;
  keep: KeepFilter;
  onChange(change: ObjectChange): void;
  onState(): void;
  logger: LoggerService;
  watchTimeoutSeconds: number;
  /** Consecutive failures after which reads fall back to polling. Default 3. */
  failuresBeforeFailing?: number;
  /** How long to wait after a 403 before asking again. Default 5 minutes. */
  forbiddenRetryMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

interface Entry {
  rv: string;
  object: unknown;
}

const IDLE_MS = 150_000;

/**
 * List-then-watch of one kind in one namespace (or all): a LIST (paginated) gives the objects and a
 * resourceVersion, a WATCH from there (with bookmarks) keeps them current; a watch that ends is
 * resumed from the last resourceVersion seen; 410 Gone (the server no longer has it) relists; any
 * other failure is retried with exponential backoff and jitter. Only the fields the derivation
 * reads are kept (`slim.ts`), and only objects that `keep` admits.
 */
export class Reflector {
  private readonly items = new Map<string, Map<string, Entry>>();
  private readonly abort = new AbortController();
  private rv: string | undefined;
  private listed = false;
  private failures = 0;
  private current: { abort(): void } | undefined;
  private keep: KeepFilter;
  private stateValue: ReflectorState = 'starting';
  /** The last error, while the state is `failing` or `forbidden`. */
  error: DevError | undefined;
  /** Counters, for tests and the bench. */
  readonly stats = { lists: 0, watches: 0, gone: 0, events: 0 };

  constructor(private readonly options: ReflectorOptions) {
    this.keep = options.keep;
  }

  get state(): ReflectorState {
    return this.stateValue;
  }

  get label(): string {
    const where = this.options.namespace
      ? `in ${this.options.namespace}`
      : 'in all namespaces';
    return `${this.options.spec.label} ${where}`;
  }

  /** Starts the loop; it runs until {@link Reflector.stop}. */
  start(): void {
    this.run().catch(error =>
      this.options.logger.error(
        `okteto-dev live: ${this.label} stopped`,
        error,
      ),
    );
  }

  stop(): void {
    this.abort.abort();
    this.current?.abort();
    this.items.clear();
    this.setState('stopped');
  }

  /** A new filter: relists, so that newly admitted objects are read. */
  setKeep(keep: KeepFilter): void {
    this.keep = keep;
    this.rv = undefined;
    this.current?.abort();
  }

  /** The kept objects of one namespace (undefined: all of them). */
  list<T>(namespace?: string): T[] {
    const groups =
      namespace === undefined
        ? [...this.items.values()]
        : [this.items.get(namespace)];
    return groups.flatMap(g =>
      g ? [...g.values()].map(e => e.object as T) : [],
    );
  }

  /** How many objects are kept. */
  get size(): number {
    let n = 0;
    for (const group of this.items.values()) n += group.size;
    return n;
  }

  private setState(state: ReflectorState, error?: DevError) {
    const changed = state !== this.stateValue;
    this.stateValue = state;
    this.error = error;
    if (changed) this.options.onState();
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    const { failuresBeforeFailing = 3, forbiddenRetryMs = 300_000 } =
      this.options;
    while (!signal.aborted) {
      try {
        if (this.rv === undefined) await this.relist();
        if (signal.aborted) break;
        const gone = await this.watch();
        if (gone) {
          this.stats.gone++;
          this.rv = undefined;
        }
      } catch (error) {
        if (signal.aborted) break;
        const { spec, namespace, cluster } = this.options;
        const verb = (error as KubeHttpError).verb;
        const devError = toDevError(
          error,
          this.label,
          cluster,
          verb
            ? { verb, ...spec.rbac, ...(namespace ? { namespace } : {}) }
            : undefined,
        );
        this.failures++;
        if (devError.type === 'forbidden') {
          this.items.clear();
          this.listed = false;
          this.rv = undefined;
          this.setState('forbidden', devError);
          this.options.logger.warn(
            `okteto-dev live: watching ${this.label} is forbidden; its entities are read on each view (${devError.message})`,
          );
          await sleep(forbiddenRetryMs, signal);
          continue;
        }
        if (
          this.failures >= failuresBeforeFailing &&
          this.stateValue !== 'failing'
        ) {
          this.setState('failing', devError);
          this.options.logger.warn(
            `okteto-dev live: ${this.label} keeps failing; its entities are read on each view until it recovers (${devError.message})`,
          );
        } else {
          this.options.logger.debug(
            `okteto-dev live: ${this.label} failed, retrying (${devError.message})`,
          );
        }
        await sleep(backoffMs(this.failures, this.options.backoff), signal);
      }
    }
  }

  private entry(raw: Record<string, any>): Entry {
    return {
      rv: String(raw.metadata?.resourceVersion ?? ''),
      object: this.options.spec.slim(raw),
    };
  }

  private async relist(): Promise<void> {
    const { spec, namespace, http } = this.options;
    const next = new Map<string, Map<string, Entry>>();
    let continueToken: string | undefined;
    let rv = '';
    do {
      this.stats.lists++;
      const page = await http.list(
        {
          path: spec.path(namespace),
          query: {
            limit: '500',
            ...(continueToken ? { continue: continueToken } : {}),
          },
          accept: spec.listAccept,
        },
        this.abort.signal,
      );
      for (const raw of (page.items ?? []) as Array<Record<string, any>>) {
        const ns = String(raw.metadata?.namespace ?? namespace ?? '');
        const name = String(raw.metadata?.name ?? '');
        if (!this.keep(ns, name)) continue;
        let group = next.get(ns);
        if (!group) next.set(ns, (group = new Map()));
        group.set(name, this.entry(raw));
      }
      continueToken = page.metadata?.continue || undefined;
      rv = String(page.metadata?.resourceVersion ?? '');
    } while (continueToken);
    if (this.abort.signal.aborted) return;
    const previous = this.items;
    const changes: ObjectChange[] = [];
    for (const [ns, group] of next) {
      for (const [name, e] of group) {
        if (previous.get(ns)?.get(name)?.rv !== e.rv)
          changes.push(this.change(ns, name));
      }
    }
    for (const [ns, group] of previous) {
      for (const name of group.keys()) {
        if (!next.get(ns)?.has(name)) changes.push(this.change(ns, name));
      }
    }
    this.items.clear();
    for (const [ns, group] of next) this.items.set(ns, group);
    this.rv = rv;
    this.listed = true;
    this.failures = 0;
    this.setState('ready');
    changes.forEach(c => this.options.onChange(c));
  }

  private change(namespace: string, name: string): ObjectChange {
    return { kind: this.options.spec.kind, namespace, name };
  }

  /** One watch from the current resourceVersion; true when it ended with 410 Gone. */
  private async watch(): Promise<boolean> {
    const { spec, namespace, http, watchTimeoutSeconds } = this.options;
    let gone = false;
    let failure: Error | undefined;
    // an error event in an accepted stream still counts as one more failure in a row
    const failuresBefore = this.failures;
    this.stats.watches++;
    // spread the reconnects of many watches over time
    const timeout = Math.round(
      watchTimeoutSeconds * (0.8 + 0.4 * Math.random()),
    );
    const open = http.watch(
      {
        path: spec.path(namespace),
        query: {
          watch: 'true',
          resourceVersion: this.rv ?? '',
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(Math.max(1, timeout)),
        },
        accept: spec.watchAccept,
      },
      event => {
        if (event.type === 'ERROR') {
          const code = Number(event.object?.code);
          if (code === 410) {
            gone = true;
          } else {
            failure = new KubeHttpError(
              code || 500,
              JSON.stringify(event.object),
              'watch',
            );
            this.failures = failuresBefore;
          }
          open.abort();
          return;
        }
        this.apply(event);
      },
      Math.min(IDLE_MS, (watchTimeoutSeconds + 30) * 1000),
      () => {
        // the server took the watch: the cluster is back, whatever failed before
        this.failures = 0;
        if (this.stateValue !== 'ready' && this.listed) this.setState('ready');
      },
    );
    this.current = open;
    try {
      await open.done;
    } catch (error) {
      if ((error as KubeHttpError).code === 410) return true;
      throw error;
    } finally {
      this.current = undefined;
    }
    if (failure) throw failure;
    return gone;
  }

  private apply(event: WatchEvent): void {
    this.stats.events++;
    const raw = event.object ?? {};
    const rv = raw.metadata?.resourceVersion;
    if (rv) this.rv = String(rv);
    if (event.type === 'BOOKMARK') return;
    const ns = String(raw.metadata?.namespace ?? this.options.namespace ?? '');
    const name = String(raw.metadata?.name ?? '');
    const group = this.items.get(ns);
    if (event.type === 'DELETED' || !this.keep(ns, name)) {
      if (group?.delete(name)) {
        if (group.size === 0) this.items.delete(ns);
        this.options.onChange(this.change(ns, name));
      }
      return;
    }
    const e = this.entry(raw);
    if (group?.get(name)?.rv === e.rv) return;
    if (group) group.set(name, e);
    else this.items.set(ns, new Map([[name, e]]));
    this.options.onChange(this.change(ns, name));
  }
}
