import { LoggerService } from '@backstage/backend-plugin-api';
import type { DevTargetRequest } from '../fetch/fetchDevObjects';
import type { ClusterPlan, Coverage } from '../live/ClusterStore';
import { ArgoApiClients } from './ArgoApiClients';
import { ArgoApiWatch, ArgoWatchPlan } from './ArgoApiWatch';
import { ApplicationSource } from './readApplications';

export interface ArgoApiLiveOptions {
  clients: ArgoApiClients;
  /** The entities live mode knows now (a change is told to those that read it). */
  known(): DevTargetRequest[];
  logger: LoggerService;
  /** How often each stream is ended and its Applications listed again. */
  relistMs: number;
  /** The entities that read a changed Application (it changed, or its instance's watch did). */
  onChange(refs: string[]): void;
  /** Tests: faster retries. */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** Keep-alives come every 15 s: three missed ones end the stream. */
const STREAM_IDLE_MS = 45_000;

/**
 * Live mode for Applications read through Argo CD's API: one {@link ArgoApiWatch} per instance
 * that entities read, answering from memory what the fetch would ask the API, and telling live
 * mode which entities a change affects. Applications read through Kubernetes are the cluster
 * stores' (`live/ClusterStore`).
 */
export class ArgoApiLive {
  private readonly watches = new Map<string, ArgoApiWatch>();

  constructor(private readonly options: ArgoApiLiveOptions) {}

  /** Starts, changes and stops watches to match what the entities read through the API. */
  apply(requests: DevTargetRequest[]): void {
    const plans = new Map<string, ArgoWatchPlan>();
    for (const r of requests.filter(q => q.argocdApi)) {
      const plan = plans.get(r.argocdApi!) ?? new Map<string, Set<string>>();
      plans.set(r.argocdApi!, plan);
      const { namespace, name } = r.target.application;
      plan.set(namespace, (plan.get(namespace) ?? new Set()).add(name));
    }
    for (const [instance, plan] of plans) {
      let watch = this.watches.get(instance);
      const api = this.options.clients.client(instance);
      // an instance that cannot be used (plain http without the opt-in, no credential) is not
      // retried: its configuration does not change while the backend runs
      if (!api || api.problem) continue;
      if (!watch) {
        watch = new ArgoApiWatch({
          api,
          logger: this.options.logger,
          relistMs: this.options.relistMs,
          idleMs: STREAM_IDLE_MS,
          backoff: this.options.backoff,
          onChange: (namespace, name) =>
            this.options.onChange(
              this.refs(
                r =>
                  r.argocdApi === instance &&
                  r.target.application.namespace === namespace &&
                  r.target.application.name === name,
              ),
            ),
          onState: () =>
            this.options.onChange(this.refs(r => r.argocdApi === instance)),
        });
        this.watches.set(instance, watch);
      }
      watch.apply(plan);
    }
    for (const [instance, watch] of this.watches) {
      if (!plans.has(instance)) {
        watch.stop().catch(() => undefined);
        this.watches.delete(instance);
      }
    }
  }

  private refs(match: (r: DevTargetRequest) => boolean): string[] {
    return this.options
      .known()
      .filter(match)
      .map(r => r.entityRef);
  }

  /** Whether the request's Application is answered from memory, and why not. */
  coverage(request: DevTargetRequest): Coverage {
    const instance = request.argocdApi!;
    const watch = this.watches.get(instance);
    const { namespace } = request.target.application;
    if (watch?.covers(namespace)) return { ok: true };
    const api = this.options.clients.client(instance);
    if (!api) {
      return {
        ok: false,
        reason: `Argo CD instance '${instance}' is not configured for reads through its API`,
      };
    }
    if (api.problem) {
      return {
        ok: false,
        reason: `Argo CD instance '${instance}' cannot be used: ${api.problem}`,
      };
    }
    if (!watch || watch.state === 'starting') {
      return {
        ok: false,
        reason: `the Argo CD API stream of instance '${instance}' is starting`,
      };
    }
    return {
      ok: false,
      reason: `the Argo CD API stream of instance '${instance}' keeps failing${
        watch.error ? ` (${watch.error.message})` : ''
      }`,
    };
  }

  /** The instance's Applications: from memory where covered, else from its API, as in polling mode. */
  source(instance: string): ApplicationSource {
    const watch = this.watches.get(instance);
    return {
      read: async (namespace, names) =>
        watch?.covers(namespace)
          ? watch.read(namespace)
          : this.options.clients.source(instance).read(namespace, names),
    };
  }

  /** Per instance: state, kept Applications, lists, streams and events. */
  stats() {
    return Object.fromEntries(
      [...this.watches].map(([name, w]) => [
        name,
        { state: w.state, objects: w.size, ...w.stats },
      ]),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.watches.values()].map(w => w.stop()));
    this.watches.clear();
  }
}

/**
 * The cluster plans without the Applications only read through Argo CD's API (no Kubernetes watch
 * of them), and without the clusters left with nothing to watch (the cluster Argo CD runs in, which
 * Backstage may not read at all).
 */
export function withoutApiApplications(
  plans: Map<string, ClusterPlan>,
  requests: DevTargetRequest[],
): Map<string, ClusterPlan> {
  const kube = new Set(
    requests
      .filter(r => !r.argocdApi)
      .map(
        r =>
          `${r.target.application.cluster || r.target.cluster}|${
            r.target.application.namespace
          }|${r.target.application.name}`,
      ),
  );
  const out = new Map<string, ClusterPlan>();
  for (const [cluster, plan] of plans) {
    const applications = new Map<string, Set<string>>();
    for (const [namespace, names] of plan.applications) {
      const kept = new Set(
        [...names].filter(n => kube.has(`${cluster}|${namespace}|${n}`)),
      );
      if (kept.size > 0) applications.set(namespace, kept);
    }
    // whatever else the plan watches (the workload namespaces): kept as it is
    const { applications: _all, ...workloads } = plan;
    const watchesWorkloads = Object.values(workloads).some((v: unknown) =>
      Array.isArray(v) ? v.length > 0 : v instanceof Map && v.size > 0,
    );
    if (applications.size > 0 || watchesWorkloads) {
      out.set(cluster, { ...plan, applications });
    }
  }
  return out;
}
