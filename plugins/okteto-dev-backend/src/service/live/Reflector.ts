// Why our own list-then-watch and not @kubernetes/client-node's `ListWatch`/`makeInformer`
// (evaluated at 1.4.0, the installed version; src/cache.ts and src/watch.ts of
// kubernetes-client/javascript, compiled to dist/cache.js and dist/watch.js in node_modules):
//
// - Secrets as metadata only: `Watch.watch()` builds its request from `applyToFetchOptions({})`
//   (watch.ts:39) and takes no headers, so a watch cannot ask for `as=PartialObjectMetadata`:
//   Secret data (and `last-applied-configuration`) would cross the wire and sit in the cache.
// - Bookmarks: the watch query holds resourceVersion and the selectors only (cache.ts:176-188),
//   never `allowWatchBookmarks` or `timeoutSeconds`; BOOKMARK is handled (cache.ts:235) but never
//   asked for, so on a quiet namespace the resourceVersion falls behind compaction and a resume
//   after a dropped connection becomes 410 and a full relist.
// - Errors: any error but 410 calls the error callbacks and stops (cache.ts:147-157): no retry,
//   no backoff; a non-200 answer becomes `Error(statusText)` with the status code only
//   (watch.ts:84-92), dropping the Status message that names the missing permission, which our
//   polling fallback quotes; `connect` fires before the list and watch are tried (cache.ts:162),
//   so "the server took the watch" (when we reset the failure count) cannot be told.
// - Stalled streams: a 30 s timeout signal is built and then overwritten (watch.ts:42-44), so a
//   half-open connection is noticed only by TCP keep-alive; we cut a watch that stays silent
//   (150 s at most; bookmarks keep a healthy one talking). A line that is not JSON is skipped
//   silently (watch.ts:80-82); we count it as a failure and resume after a backoff.
// - Memory: the cache keeps every object of the path as received (addOrUpdateObject,
//   cache.ts:296-323), no transform and no filter; we keep the fields the derivation reads
//   (`slim.ts`) of the objects `keep` admits, and relist when the filter changes (`setKeep`).
// It does handle 410 by relisting (cache.ts:149-153, 218-220), per-namespace or cluster-wide
// paths, label/field selectors, and paging through the caller's list function. On upstream main
// (2.0.0, unreleased) ListWatch gained a 1-30 s reconnect backoff and watch.ts a 30 s timeout on
// the whole request (every watch reopened after 30 s); the points above still hold. The backend
// README ("Live mode") says the same for operators.
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
 * resumed from the last resourceVersion seen (after a backoff when it ended as soon as it was
 * accepted); 410 Gone (the server no longer has it) relists; any other failure is retried with
 * exponential backoff and jitter. Only the fields the derivation
 * reads are kept (`slim.ts`), and only objects that `keep` admits.
 */
export class Reflector {
  private readonly items = new Map<string, Map<string, Entry>>();
  private readonly abort = new AbortController();
  private rv: string | undefined;
  private listed = false;
  private failures = 0;
  /** Watches in a row that the server ended at once, without an error. */
  private quickEnds = 0;
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
        const started = Date.now();
        const gone = await this.watch();
        if (gone) {
          this.stats.gone++;
          this.rv = undefined;
        } else if (
          this.rv !== undefined &&
          !signal.aborted &&
          Date.now() - started < this.quickEndMs()
        ) {
          // a stream ended as soon as it was accepted (a proxy cutting it, say) is not reopened
          // in a tight loop: the next waits as after a failure, longer each time in a row
          this.quickEnds++;
          await sleep(backoffMs(this.quickEnds, this.options.backoff), signal);
        } else {
          this.quickEnds = 0;
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

  /** A watch shorter than this ended "at once": a quarter of its timeout, at most a second. */
  private quickEndMs(): number {
    return Math.min(1000, (this.options.watchTimeoutSeconds * 1000) / 4);
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
