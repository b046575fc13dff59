import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from './kubeHttp';
import { ObjectChange, Reflector, ReflectorState } from './Reflector';
import { KINDS, LiveKind } from './resources';

/** What one cluster must watch: its dev namespaces and, per Argo CD namespace, Application names. */
export interface ClusterPlan {
  /**
   * The dev namespaces with the kinds to watch in each (the workload kinds its entities target,
   * and Pods), in registration order: beyond `maxNamespaces`, without the cluster-wide mode, the
   * first ones are watched and the rest polled.
   */
  workloads: Map<string, LiveKind[]>;
  applications: Map<string, Set<string>>;
}

/** Whether one kind in one namespace is served from memory, and why not. */
export type Coverage = { ok: true } | { ok: false; reason: string };

export interface ClusterStoreOptions {
  cluster: string;
  kubeConfig: KubeConfig;
  timeoutMs: number;
  maxNamespaces: number;
  /**
   * `oktetoDev.rbac.clusterWide`: beyond `maxNamespaces`, watch each kind once across all
   * namespaces (the ClusterRole mode). Off: never a request across all namespaces.
   */
  clusterWide: boolean;
  watchTimeoutSeconds: number;
  logger: LoggerService;
  onChange(cluster: string, change: ObjectChange): void;
  onState(cluster: string): void;
  /** Test hooks: faster retries. */
  reflector?: {
    backoff?: { initialMs?: number; maxMs?: number };
    forbiddenRetryMs?: number;
  };
}

const ALL = '*';

function sameSet(a: Set<string> | undefined, b: Set<string>): boolean {
  return a !== undefined && a.size === b.size && [...b].every(x => a.has(x));
}
/** How long a refused cluster-wide watch keeps the cluster on per-namespace watches. */
const CLUSTER_WIDE_RETRY_MS = 30 * 60_000;

const stateReason: Record<ReflectorState, string> = {
  starting: 'the watch is starting',
  ready: '',
  failing: 'the watch keeps failing',
  forbidden: 'the watch is forbidden',
  stopped: 'the watch was stopped',
};

/**
 * The live objects of one cluster: a reflector per kind and namespace (or per kind across all
 * namespaces beyond `maxNamespaces`, when RBAC allows it), answering from memory what
 * `fetchDevObjects` reads. Plans are applied incrementally: watches start and stop as entities
 * come and go.
 */
export class ClusterStore {
  private readonly reflectors = new Map<string, Reflector>();
  private readonly http: KubeHttp;
  private plan: ClusterPlan = {
    workloads: new Map(),
    applications: new Map(),
  };
  private clusterWideRefusedUntil = 0;
  private uncovered = new Set<string>();
  private readonly wideSets = new Map<LiveKind, Set<string>>();
  private readonly applicationNames = new Map<string, Set<string>>();

  constructor(private readonly options: ClusterStoreOptions) {
    this.http = new KubeHttp(options.kubeConfig, options.timeoutMs);
  }

  /** Starts and stops reflectors to match the plan. */
  apply(plan: ClusterPlan): void {
    this.plan = plan;
    const wanted = new Map<string, () => Reflector>();
    for (const [namespace, names] of plan.applications) {
      const key = `applications|${namespace}`;
      const keep = (_ns: string, name: string) => names.has(name);
      const before = this.applicationNames.get(namespace);
      const existing = this.reflectors.get(key);
      // a relist only when the Applications to keep changed
      if (existing && !sameSet(before, names)) existing.setKeep(keep);
      this.applicationNames.set(namespace, new Set(names));
      wanted.set(key, () => this.reflector('applications', namespace, keep));
    }
    for (const namespace of this.applicationNames.keys()) {
      if (!plan.applications.has(namespace))
        this.applicationNames.delete(namespace);
    }
    const namespaces = [...plan.workloads.keys()];
    const { maxNamespaces } = this.options;
    const clusterWide =
      this.options.clusterWide &&
      namespaces.length > maxNamespaces &&
      Date.now() >= this.clusterWideRefusedUntil;
    if (clusterWide) {
      const byKind = new Map<LiveKind, Set<string>>();
      for (const [ns, kinds] of plan.workloads) {
        for (const kind of kinds) {
          const set = byKind.get(kind) ?? new Set<string>();
          byKind.set(kind, set.add(ns));
        }
      }
      for (const [kind, set] of byKind) {
        const keep = (ns: string) => set.has(ns);
        const key = `${kind}|${ALL}`;
        const existing = this.reflectors.get(key);
        // a relist only when a namespace was added (objects of a removed one are just not read)
        const grown = [...set].some(ns => !this.wideSets.get(kind)?.has(ns));
        if (existing && grown) existing.setKeep(keep);
        this.wideSets.set(kind, set);
        wanted.set(key, () => this.reflector(kind, undefined, keep));
      }
      this.uncovered = new Set();
    } else {
      const watched = namespaces.slice(0, maxNamespaces);
      for (const ns of watched) {
        for (const kind of plan.workloads.get(ns)!) {
          wanted.set(`${kind}|${ns}`, () =>
            this.reflector(kind, ns, () => true),
          );
        }
      }
      this.uncovered = new Set(namespaces.slice(maxNamespaces));
      this.wideSets.clear();
    }
    for (const [key, reflector] of this.reflectors) {
      if (!wanted.has(key)) {
        reflector.stop();
        this.reflectors.delete(key);
      }
    }
    for (const [key, create] of wanted) {
      if (!this.reflectors.has(key)) {
        const reflector = create();
        this.reflectors.set(key, reflector);
        reflector.start();
      }
    }
  }

  private reflector(
    kind: LiveKind,
    namespace: string | undefined,
    keep: (ns: string, name: string) => boolean,
  ): Reflector {
    const { cluster, logger, watchTimeoutSeconds } = this.options;
    const reflector: Reflector = new Reflector({
      cluster,
      spec: KINDS[kind],
      namespace,
      http: this.http,
      keep,
      logger,
      watchTimeoutSeconds,
      ...this.options.reflector,
      onChange: change => this.options.onChange(cluster, change),
      onState: () => {
        if (namespace === undefined && reflector.state === 'forbidden') {
          // namespaced Roles only: watch namespace by namespace, up to the limit
          this.clusterWideRefusedUntil = Date.now() + CLUSTER_WIDE_RETRY_MS;
          setImmediate(() => this.apply(this.plan));
        }
        this.options.onState(cluster);
      },
    });
    return reflector;
  }

  private find(kind: LiveKind, namespace: string): Reflector | undefined {
    return (
      this.reflectors.get(`${kind}|${namespace}`) ??
      (kind === 'applications'
        ? undefined
        : this.reflectors.get(`${kind}|${ALL}`))
    );
  }

  /** Whether reads of `kind` in `namespace` are answered from memory, and why not. */
  coverage(kind: LiveKind, namespace: string): Coverage {
    const reflector = this.find(kind, namespace);
    if (reflector?.state === 'ready') return { ok: true };
    if (!reflector) {
      const reason = this.uncovered.has(namespace)
        ? `more than ${this.options.maxNamespaces} dev namespaces on cluster ${
            this.options.cluster
          } and ${
            this.options.clusterWide
              ? 'no right to watch across all namespaces'
              : 'the cluster-wide mode (oktetoDev.rbac.clusterWide) is off'
          }`
        : `${KINDS[kind].label} in ${namespace} are not watched yet`;
      return { ok: false, reason };
    }
    const detail = reflector.error ? ` (${reflector.error.message})` : '';
    return {
      ok: false,
      reason: `${stateReason[reflector.state]}: ${reflector.label}${detail}`,
    };
  }

  /** The kept objects of `kind` in `namespace`; only meaningful when {@link coverage} is ok. */
  objects<T>(kind: LiveKind, namespace: string): T[] {
    return this.find(kind, namespace)?.list<T>(namespace) ?? [];
  }

  /** Open watches, kept objects and list/watch counters of this cluster. */
  stats() {
    const totals = {
      watches: 0,
      objects: 0,
      lists: 0,
      watchRequests: 0,
      gone: 0,
    };
    for (const r of this.reflectors.values()) {
      if (r.state !== 'stopped' && r.state !== 'forbidden') totals.watches++;
      totals.objects += r.size;
      totals.lists += r.stats.lists;
      totals.watchRequests += r.stats.watches;
      totals.gone += r.stats.gone;
    }
    return totals;
  }

  stop(): void {
    for (const r of this.reflectors.values()) r.stop();
    this.reflectors.clear();
  }
}
