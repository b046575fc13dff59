import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetClaims } from '../claims/DevTargetClaims';
import { ArgoApiClients } from '../argocd/ArgoApiClients';
import { ArgoApiLive, withoutApiApplications } from '../argocd/ArgoApiLive';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { deriveDevStatus } from '../derive/deriveStatus';
import { DeriveOptions } from '../derive/types';
import { DevTargetRequest, fetchDevObjects } from '../fetch/fetchDevObjects';
import { ManifestCache } from '../repo/ManifestCache';
import {
  CachedRepoFileReader,
  RepositoryRevisions,
} from './CachedRepoFileReader';
import { ClusterStore, ClusterStoreOptions, Coverage } from './ClusterStore';
import { LiveConfig } from './config';
import { applicationCluster, EntityIndex } from './EntityIndex';
import { LiveReader } from './LiveReader';
import { DevNotifier } from './notify/DevNotifier';
import { LiveKind, liveKindOf } from './resources';
import { SecretPresence } from './SecretPresence';
import { StatusChannels } from './StatusChannels';
import { StatusTracker } from './StatusTracker';
import { DevLiveInfo, LiveStatusSource } from './types';
import { ViewMemo } from './ViewMemo';

export interface LiveModeOptions {
  config: LiveConfig;
  clusters: ClusterRegistry;
  /** The Argo CD instances read through their API: their Applications are streamed (`argocd/`). */
  argoApi?: ArgoApiClients;
  /** Timeout of each LIST (and idle limit of the connection). */
  timeoutMs: number;
  /** The repository reader views use (TTL cache); background derivations reuse its cache. */
  repo: CachedRepoFileReader;
  derive: DeriveOptions;
  /** `oktetoDev.rbac.clusterWide`: watches across all namespaces allowed (the ClusterRole mode). */
  clusterWide?: boolean;
  logger: LoggerService;
  signals?: SignalsService;
  /** The opaque signal channel of each entity. */
  channels: StatusChannels;
  notifier?: DevNotifier;
  /**
   * The catalog's annotated entities, resolved (each read of the claims is watched), and who
   * claims which target: an entity whose target is contested is neither derived nor signalled.
   */
  claims?: Pick<DevTargetClaims, 'onSync' | 'claimOf'>;
  now?: () => Date;
  /** Faster retries, for tests. */
  reflector?: ClusterStoreOptions['reflector'];
}

/**
 * Live mode: watches (one per kind and dev namespace, or cluster-wide beyond
 * `maxNamespacesPerCluster`) keep an in-memory copy of what the status reads, for every entity
 * known (asked for, or annotated in the catalog). Views of an entity whose watches are ready
 * derive from memory, 0 cluster reads; changes are pushed as signals and notifications by the
 * {@link StatusTracker}. An entity whose watch is forbidden or failing is answered as before
 * (cached LISTs), and the answer says why.
 */
export class LiveMode implements LiveStatusSource {
  private readonly index = new EntityIndex();
  private readonly stores = new Map<string, ClusterStore>();
  private readonly storeErrors = new Map<string, string>();
  private readonly secrets = new Map<string, SecretPresence>();
  private readonly manifests = new ManifestCache();
  private readonly background: CachedRepoFileReader;
  private readonly revisions = new RepositoryRevisions();
  private readonly tracker: StatusTracker;
  private readonly memo = new ViewMemo();
  private readonly argoLive: ArgoApiLive;
  private readonly now: () => Date;
  private planning: Promise<void> | undefined;
  private replan = false;
  private stopped = false;

  constructor(private readonly options: LiveModeOptions) {
    this.now = options.now ?? (() => new Date());
    this.background = options.repo.anyAge();
    this.tracker = new StatusTracker({
      live: refs => this.liveRequests(refs),
      derive: requests => this.deriveWith(requests, this.background),
      signals: options.signals,
      channelsOf: ref => options.channels.publishedOn(ref),
      notifier: options.notifier,
      logger: options.logger,
      debounceMs: options.config.debounceMs,
      resyncMs: options.config.resyncMs,
      now: this.now,
    });
    // every read of the catalog's claims: its entities are watched, the ones gone forgotten
    options.claims?.onSync(requests => this.syncCatalog(requests));
    this.argoLive = new ArgoApiLive({
      clients: options.argoApi ?? new ArgoApiClients([], { timeoutMs: 0 }),
      known: () => this.index.all(),
      logger: options.logger,
      relistMs: options.config.watchTimeoutSeconds * 1000,
      backoff: options.reflector?.backoff,
      onChange: refs => {
        this.memo.invalidate(refs);
        this.tracker.mark(refs);
      },
    });
  }

  /** Starts the tracker (the catalog's entities arrive with each read of the claims). */
  async start(): Promise<void> {
    this.tracker.start();
  }

  /** Stops every watch and timer. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const store of this.stores.values()) store.stop();
    this.stores.clear();
    await this.argoLive.stop();
    await this.planning;
    await this.tracker.stop();
    await this.options.notifier?.close();
  }

  register(requests: DevTargetRequest[]): void {
    let changed = false;
    const added: DevTargetRequest[] = [];
    for (const request of requests) {
      const known = this.index.has(request.entityRef);
      if (this.index.add(request)) changed = true;
      if (!known && this.index.has(request.entityRef)) added.push(request);
    }
    // a baseline for the new ones, so that their next change is noticed
    if (added.length > 0) this.tracker.mark(added);
    if (changed) this.schedulePlan();
  }

  modeOf(request: DevTargetRequest): DevLiveInfo {
    if (!this.index.has(request.entityRef)) {
      return { mode: 'polling', reason: 'too many entities to watch' };
    }
    const { target } = request;
    const coverages: Coverage[] = [
      request.argocdApi
        ? this.argoLive.coverage(request)
        : this.coverage(applicationCluster(request), c =>
            c.coverage('applications', target.application.namespace),
          ),
      ...([liveKindOf(target.workloadKind), 'pods'] as LiveKind[]).map(kind =>
        this.coverage(target.cluster, c => c.coverage(kind, target.namespace)),
      ),
    ];
    const missing = coverages.find(c => !c.ok);
    return missing && !missing.ok
      ? { mode: 'polling', reason: missing.reason }
      : {
          mode: 'watch',
          channel: this.options.channels.of(request.entityRef),
          renewAt: this.options.channels.renewAt(),
        };
  }

  /** Views' statuses: kept ones while nothing they read changed ({@link ViewMemo}), else derived. */
  async derive(requests: DevTargetRequest[]): Promise<DevStatus[]> {
    const { kept, generation } = this.memo.take(requests);
    const missing = requests.filter((_, i) => !kept[i]);
    if (missing.length === 0) return kept as DevStatus[];
    const fresh = await this.deriveWith(missing, this.options.repo);
    this.memo.put(fresh, generation);
    this.tracker.seen(fresh);
    let next = 0;
    return kept.map(status => status ?? fresh[next++]);
  }

  /** Watches, kept objects and counters per cluster; entities known; tracker counters. */
  stats() {
    return {
      entities: this.index.size,
      clusters: Object.fromEntries(
        [...this.stores.entries()].map(([name, store]) => [
          name,
          store.stats(),
        ]),
      ),
      tracker: { ...this.tracker.stats },
      argocdApi: this.argoLive.stats(),
    };
  }

  private coverage(
    cluster: string,
    of: (store: ClusterStore) => Coverage,
  ): Coverage {
    const error = this.storeErrors.get(cluster);
    if (error) return { ok: false, reason: error };
    const store = this.stores.get(cluster);
    return store
      ? of(store)
      : { ok: false, reason: 'the watches are starting' };
  }

  /** The watched entities among `refs` (or all), but none whose dev target is contested. */
  private liveRequests(refs?: string[]): DevTargetRequest[] {
    const requests = refs
      ? refs.flatMap(ref => this.index.get(ref) ?? [])
      : this.index.all();
    const { claims } = this.options;
    return requests.filter(
      r =>
        this.modeOf(r).mode === 'watch' &&
        !claims?.claimOf(r.entityRef).contested,
    );
  }

  /**
   * Derives `requests` from the stores and the repository files. Repository files are cached (no
   * watch can tell they changed), but Argo CD's Application can: when a derivation sees a revision
   * Argo CD compared its repository at that no derivation saw before (a new commit, e.g. a merged
   * "Enable Okteto" pull request adding the dev entry), the repository's cached files are dropped
   * and those entities derived again from the files as they are now.
   */
  private async deriveWith(
    requests: DevTargetRequest[],
    repo: CachedRepoFileReader,
  ): Promise<DevStatus[]> {
    if (requests.length === 0) return [];
    const statuses = await this.fetchAndDerive(requests, repo);
    const bases = requests.map(r => this.options.repo.repositoryBase(r.entity));
    const newCommits = new Set<string>();
    statuses.forEach((status, i) => {
      const base = bases[i];
      const revision =
        status.argo.state === 'ok'
          ? status.argo.comparedRevision ?? status.argo.revision
          : undefined;
      if (base && revision && this.revisions.observe(base, revision)) {
        newCommits.add(base);
      }
    });
    const again = requests.flatMap((_, i) => {
      const base = bases[i];
      return base && newCommits.has(base) ? [i] : [];
    });
    if (again.length === 0) return statuses;
    for (const base of newCommits) repo.invalidate(base);
    const fresh = await this.fetchAndDerive(
      again.map(i => requests[i]),
      repo,
    );
    again.forEach((i, n) => {
      statuses[i] = fresh[n];
    });
    return statuses;
  }

  private async fetchAndDerive(
    requests: DevTargetRequest[],
    repo: CachedRepoFileReader,
  ): Promise<DevStatus[]> {
    const { clusters } = this.options;
    const fetched = await fetchDevObjects(
      {
        client: async name =>
          new LiveReader(
            this.stores.get(name),
            () => clusters.client(name),
            this.secretPresence(name),
          ),
        repo,
        manifests: this.manifests,
        now: this.now,
        argocdApi: instance => this.argoLive.source(instance),
        clusterWide: this.options.clusterWide,
        checklist: this.options.derive.checklist,
      },
      requests,
    );
    return fetched.map(objects =>
      deriveDevStatus(objects, this.options.derive),
    );
  }

  /** The opt-in Secret reads of a cluster, reused until the next resync. */
  private secretPresence(cluster: string): SecretPresence {
    let presence = this.secrets.get(cluster);
    if (!presence) {
      presence = new SecretPresence(this.options.config.resyncMs, () =>
        this.now().getTime(),
      );
      this.secrets.set(cluster, presence);
    }
    return presence;
  }

  private schedulePlan(): void {
    if (this.stopped) return;
    if (this.planning) {
      this.replan = true;
      return;
    }
    this.planning = new Promise<void>(resolve => setImmediate(resolve))
      .then(() => this.applyPlans())
      .catch(error =>
        this.options.logger.error(
          'okteto-dev live: planning watches failed',
          error,
        ),
      )
      .finally(() => {
        this.planning = undefined;
        if (this.replan) {
          this.replan = false;
          this.schedulePlan();
        }
      });
  }

  private async applyPlans(): Promise<void> {
    // Applications read through Argo CD's API are streamed from it, not watched in a cluster
    const plans = withoutApiApplications(this.index.plans(), this.index.all());
    if (this.stopped) return;
    this.argoLive.apply(this.index.all());
    for (const [cluster, plan] of plans) {
      let store = this.stores.get(cluster);
      if (!store) {
        try {
          // only what the cluster's configuration names; an unusable cluster is refused here
          const kubeConfig = await this.options.clusters.kubeConfig(cluster);
          if (this.stopped) return;
          store = new ClusterStore({
            cluster,
            kubeConfig,
            timeoutMs: this.options.timeoutMs,
            maxNamespaces: this.options.config.maxNamespacesPerCluster,
            clusterWide: this.options.clusterWide === true,
            watchTimeoutSeconds: this.options.config.watchTimeoutSeconds,
            logger: this.options.logger,
            reflector: this.options.reflector,
            onChange: (name, change) => {
              const refs = this.index.affected(name, change);
              this.memo.invalidate(refs);
              this.tracker.mark(refs);
            },
            onState: name => {
              this.memo.invalidate();
              this.tracker.mark(this.index.onCluster(name));
            },
          });
        } catch (error) {
          this.storeErrors.set(
            cluster,
            `cluster ${cluster} cannot be watched: ${(error as Error).message}`,
          );
          continue;
        }
        this.storeErrors.delete(cluster);
        this.stores.set(cluster, store);
      }
      store.apply(plan);
    }
    for (const [cluster, store] of this.stores) {
      if (!plans.has(cluster)) {
        store.stop();
        this.stores.delete(cluster);
      }
    }
  }

  /** Registers the catalog's annotated entities and forgets the ones that are gone. */
  private syncCatalog(requests: DevTargetRequest[]): void {
    if (this.stopped) return;
    const present = new Set(requests.map(r => r.entityRef));
    let changed = false;
    for (const known of this.index.all()) {
      if (!present.has(known.entityRef) && this.index.remove(known.entityRef))
        changed = true;
      if (!present.has(known.entityRef)) {
        this.tracker.forget(known.entityRef);
        this.memo.invalidate([known.entityRef]);
      }
    }
    this.register(requests);
    if (changed) this.schedulePlan();
  }
}
