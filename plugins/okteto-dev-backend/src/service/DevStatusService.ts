import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DevClustersResponse,
  DevConventions,
  DevEventsResponse,
  DevStatus,
  DevTargetPolicy,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { DevAnswer } from './answers/DevAnswer';
import { ArgoApiClients } from './argocd/ArgoApiClients';
import { StatusCache } from './answers/StatusCache';
import { ContestedTargetError } from './claims/ContestedTargetError';
import { DevTargetClaims } from './claims/DevTargetClaims';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { DEFAULT_DERIVE_OPTIONS, deriveDevStatus } from './derive/deriveStatus';
import { DeriveOptions, FetchedDevObjects } from './derive/types';
import { needsPods } from './derive/workloads';
import { EventsAndClusters } from './EventsAndClusters';
import { DevTargetRequest, fetchDevObjects } from './fetch/fetchDevObjects';
import { RecentLists } from './fetch/RecentLists';
import { DevLiveInfo, LiveStatusSource, StatusObserver } from './live/types';
import { CrossReplicaFetch } from './replicas/CrossReplicaFetch';
import { ManifestCache } from './repo/ManifestCache';
import { RepoFileReader } from './repo/RepoFileReader';
import { ArgoSettings, resolveRequest } from './resolveRequest';
import { devStatusOptionsFromConfig } from './serviceOptions';

/** Answers kept in the process by default (see `oktetoDev.cache.nearEntries`). */
export const DEFAULT_NEAR_ENTRIES = 2000;

/**
 * Options of {@link DevStatusService}.
 *
 * @public
 */
export interface DevStatusServiceOptions {
  logger: LoggerService;
  cache: CacheService;
  clusters: ClusterRegistry;
  repo: RepoFileReader;
  conventions: DevConventions;
  /** What entities may aim at (`oktetoDev.targets`); default: the naming templates only. */
  targets?: DevTargetPolicy;
  /** Argo CD's UI and instances. */
  argo?: ArgoSettings;
  /** The clients of the Argo CD instances read through their API (`argocd/`). */
  argoApi?: ArgoApiClients;
  ttlSeconds: number;
  staleOnErrorSeconds: number;
  /** Answers kept in this process besides the cache service (0: none). */
  nearEntries?: number;
  /** Ages that make a session abandoned or Argo CD's status stale. */
  derive?: DeriveOptions;
  now?: () => Date;
  /** Timeout of each cluster read, in milliseconds. */
  timeoutMs?: number;
  /**
   * `oktetoDev.rbac.clusterWide`: batches may LIST a kind across all namespaces, and live mode
   * watch across them beyond `maxNamespacesPerCluster` (a ClusterRoleBinding grants that).
   * Default false: every request names its namespace.
   */
  clusterWide?: boolean;
  /** Live mode: entities whose watches are ready are derived from memory (see `live/`). */
  live?: LiveStatusSource;
  /** Shown every answer freshly read in polling mode (notifications). */
  observer?: StatusObserver;
  /** Single flight across replicas sharing the cache (see `replicas/`). */
  crossReplica?: CrossReplicaFetch;
  /**
   * Who claims which dev target (see `claims/`): an entity whose target another entity claims too
   * gets a {@link ContestedTargetError} instead of a status, without a cluster read.
   */
  claims?: Pick<DevTargetClaims, 'ready' | 'register' | 'claimOf'>;
}

/**
 * One entity's outcome in a batch: a status, or why there is none.
 *
 * @public
 */
export type DevStatusOutcome =
  | { ok: true; status: DevStatus }
  | { ok: false; entityRef: string; error: Error };

/** One entity's answer as sent: its bytes with their ETag, and how it was read. */
export type DevAnswerOutcome =
  | { ok: true; entityRef: string; answer: DevAnswer; live?: DevLiveInfo }
  | { ok: false; entityRef: string; error: Error };

/**
 * The dev status of entities: resolves targets, reads clusters through one fetch per cluster,
 * derives, and caches. Concurrent requests for the same entity share one fetch (and, with a
 * shared cache, one fetch across replicas); answers are reused for `ttlSeconds` through the cache
 * service (shared by every Backstage replica) and kept serialised in the process until then; the
 * last good answer is served, marked stale, while a cluster fails.
 *
 * @public
 */
export class DevStatusService {
  private readonly inflight = new Map<string, Promise<DevAnswer>>();
  private readonly resolved = new WeakMap<Entity, Promise<DevTargetRequest>>();
  private readonly liveAnswers = new WeakMap<DevStatus, DevAnswer>();
  private readonly manifests = new ManifestCache();
  private readonly recentLists: RecentLists;
  private readonly answers: StatusCache;
  private readonly other: EventsAndClusters;
  private readonly now: () => Date;

  /** Builds the service from `oktetoDev.*` config; `clusterSupplier` replaces the configured clusters. */
  static fromConfig(
    config: Config,
    deps: Parameters<typeof devStatusOptionsFromConfig>[1],
  ): DevStatusService {
    return new DevStatusService(devStatusOptionsFromConfig(config, deps));
  }

  constructor(private readonly options: DevStatusServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.recentLists = new RecentLists(undefined, () => this.now().getTime());
    this.answers = new StatusCache({
      cache: options.cache,
      ttlMs: options.ttlSeconds * 1000,
      staleOnErrorMs: options.staleOnErrorSeconds * 1000,
      nearEntries: options.nearEntries ?? DEFAULT_NEAR_ENTRIES,
      now: () => this.now().getTime(),
    });
    this.other = new EventsAndClusters({
      cache: options.cache,
      clusters: options.clusters,
      ttlSeconds: options.ttlSeconds,
      now: this.now,
    });
  }

  /**
   * The target of an entity with its clusters resolved (see {@link resolveRequest}); remembered
   * per entity object, so the same object asked again is not resolved again.
   */
  request(entity: Entity): Promise<DevTargetRequest> {
    let request = this.resolved.get(entity);
    if (!request) {
      request = resolveRequest(entity, {
        ...this.options,
        argo: this.options.argo ?? { instances: [] },
      });
      this.resolved.set(entity, request);
    }
    return request;
  }

  async getStatus(entity: Entity): Promise<DevStatus> {
    const [outcome] = await this.getStatuses([entity]);
    if (!outcome.ok) throw outcome.error;
    return outcome.status;
  }

  /** Statuses of many entities, as objects (see {@link DevStatusService.getAnswers}). */
  async getStatuses(entities: Entity[]): Promise<DevStatusOutcome[]> {
    const outcomes = await this.getAnswers(entities);
    return outcomes.map(o =>
      o.ok ? { ok: true as const, status: o.answer.statusWith(o.live) } : o,
    );
  }

  /**
   * Answers of many entities, serialised. With live mode, an entity whose watches are ready is
   * derived from memory (no cluster read, no cache); the others come from this process's copy,
   * else the cache service, else one coalesced fetch. Every answer says which (`live`).
   */
  async getAnswers(entities: Entity[]): Promise<DevAnswerOutcome[]> {
    const { live } = this.options;
    const requests = await this.claimed(
      await Promise.all(
        entities.map(e =>
          this.request(e).then(
            request => ({ ok: true as const, request }),
            error => ({ ok: false as const, error: error as Error }),
          ),
        ),
      ),
    );
    live?.register(requests.flatMap(r => (r.ok ? [r.request] : [])));
    const outcomes: Array<DevAnswerOutcome | Promise<DevAnswerOutcome>> = [];
    const polled: Array<{ index: number; request: DevTargetRequest }> = [];
    const watched: Array<{ index: number; request: DevTargetRequest }> = [];
    const modes: Array<DevLiveInfo | undefined> = [];
    const ok = (index: number, answer: DevAnswer): DevAnswerOutcome => {
      const mode = modes[index];
      return {
        ok: true,
        entityRef: answer.entityRef,
        answer,
        ...(mode ? { live: mode } : {}),
      };
    };
    requests.forEach((resolved, index) => {
      if (!resolved.ok) {
        outcomes[index] = {
          ok: false,
          entityRef: stringifyEntityRef(entities[index]),
          error: resolved.error,
        };
        return;
      }
      const { request } = resolved;
      modes[index] = live?.modeOf(request);
      if (modes[index]?.mode === 'watch') {
        watched.push({ index, request });
        return;
      }
      const near = this.answers.nearAnswer(request.entityRef);
      if (near && near.errorCount === 0) {
        outcomes[index] = ok(index, near);
        return;
      }
      polled.push({ index, request });
    });
    if (watched.length > 0) {
      const derived = this.deriveWatched(watched.map(w => w.request));
      // handled below by Promise.all, after the awaits of the polled ones: not "unhandled" before
      derived.catch(() => undefined);
      watched.forEach(({ index }, j) => {
        const outcome = derived.then(all => ok(index, all[j]));
        outcome.catch(() => undefined);
        outcomes[index] = outcome;
      });
    }
    if (polled.length > 0) {
      const refs = polled.map(p => p.request.entityRef);
      const hits = await this.answers
        .get(refs)
        .catch(() => refs.map(() => undefined));
      // after the await, checked and registered without another: one fetch per entity
      const misses: typeof polled = [];
      polled.forEach(({ index, request }, j) => {
        const answer = hits[j] ?? this.inflight.get(request.entityRef);
        if (answer) {
          outcomes[index] = Promise.resolve(answer)
            .then(a => this.answers.withStale(a))
            .then(a => ok(index, a));
        } else {
          misses.push({ index, request });
        }
      });
      if (misses.length > 0) {
        const fetched = this.fetchMisses(misses.map(m => m.request));
        for (const { index, request } of misses) {
          const ref = request.entityRef;
          const promise = fetched.then(all => all.get(ref)!);
          this.inflight.set(ref, promise);
          outcomes[index] = promise
            .then(a => this.answers.withStale(a))
            .then(a => ok(index, a));
        }
        fetched
          .catch(() => undefined)
          .finally(() =>
            misses.forEach(m => this.inflight.delete(m.request.entityRef)),
          );
      }
    }
    return Promise.all(outcomes);
  }

  /**
   * Resolved requests with their claims checked: each is registered as its entity's claim (so a
   * new claimant counts the moment it is viewed), and one whose target another entity claims too
   * becomes a {@link ContestedTargetError}. Until the catalog's claims are known (its first read,
   * bounded by `timeoutMs`) nothing is answered.
   */
  private async claimed<T extends { ok: true; request: DevTargetRequest }>(
    requests: Array<T | { ok: false; error: Error }>,
  ): Promise<Array<T | { ok: false; error: Error }>> {
    const { claims } = this.options;
    if (!claims) return requests;
    const resolved = requests.flatMap(r => (r.ok ? [r.request] : []));
    if (resolved.length === 0) return requests;
    if (!(await claims.ready(this.options.timeoutMs ?? 5000))) {
      const error = new ServiceUnavailableError(
        'okteto-dev has not read the catalog yet, so it cannot tell whether another entity claims the same dev target; try again in a moment',
      );
      return requests.map(r => (r.ok ? { ok: false as const, error } : r));
    }
    claims.register(resolved);
    return requests.map(r => {
      if (!r.ok) return r;
      const claim = claims.claimOf(r.request.entityRef);
      return claim.contested
        ? {
            ok: false as const,
            error: new ContestedTargetError(r.request.target, claim.others),
          }
        : r;
    });
  }

  private async fetchMisses(
    misses: DevTargetRequest[],
  ): Promise<Map<string, DevAnswer>> {
    const byRef = new Map(misses.map(r => [r.entityRef, r]));
    const refs = [...byRef.keys()];
    const fetch = (keys: string[]) =>
      this.fetchAndStore(keys.map(k => byRef.get(k)!));
    const { crossReplica } = this.options;
    const answers = crossReplica
      ? await crossReplica.run(refs, fetch, keys =>
          Promise.all(keys.map(k => this.answers.shared(k))),
        )
      : await fetch(refs);
    return new Map(refs.map((ref, i) => [ref, answers[i]]));
  }

  private async deriveWatched(
    requests: DevTargetRequest[],
  ): Promise<DevAnswer[]> {
    const statuses = await this.options.live!.derive(requests);
    return statuses.map(status => {
      let answer = this.liveAnswers.get(status);
      if (!answer) {
        this.observe(status);
        answer = DevAnswer.fromStatus(status);
        this.liveAnswers.set(status, answer);
      }
      return answer;
    });
  }

  /**
   * The recent Warning events of an entity's workload and dev clone: read only when asked for (the
   * card's Events section), cached and coalesced like the status.
   */
  async getEvents(entity: Entity): Promise<DevEventsResponse> {
    const [checked] = await this.claimed([
      { ok: true as const, request: await this.request(entity) },
    ]);
    if (!checked.ok) throw checked.error;
    return this.other.events(checked.request);
  }

  /** The configured clusters, whether okteto-dev can use each and whether it answers. */
  async getClusters(): Promise<DevClustersResponse> {
    return this.other.clusters();
  }

  /**
   * Every configured cluster and Argo CD instance name: what callers without
   * `okteto-dev.clusters.read` must not learn from an error.
   */
  clusterAndInstanceNames(): string[] {
    return [
      ...this.options.clusters.names(),
      ...(this.options.argo?.instances ?? []).flatMap(i => [
        i.name,
        i.cluster ?? '',
      ]),
    ];
  }

  private async fetchAndStore(
    misses: DevTargetRequest[],
  ): Promise<DevAnswer[]> {
    const { clusters, logger } = this.options;
    const hints = await this.answers
      .podsHints(misses.map(r => r.entityRef))
      .catch(() => misses.map(() => undefined));
    const requests = misses.map((r, i) =>
      hints[i] === undefined ? r : { ...r, podsHint: hints[i] },
    );
    let fetched: FetchedDevObjects[];
    // batches reuse the wide LISTs of the batch before (a collation's pages); the answers are as
    // old as the oldest LIST they used
    const used: { oldest?: number } = {};
    try {
      fetched = await fetchDevObjects(
        {
          client: async name =>
            this.recentLists.reader(name, await clusters.client(name), used),
          repo: this.options.repo,
          manifests: this.manifests,
          argocdApi: name => this.argoApiSource(name),
          clusterWide: this.options.clusterWide,
          checklist: this.options.derive?.checklist,
          now: () =>
            used.oldest === undefined
              ? this.now()
              : new Date(Math.min(used.oldest, this.now().getTime())),
        },
        requests,
      );
    } catch (error) {
      logger.error('okteto-dev: fetching dev status failed', error as Error);
      throw error;
    }
    return Promise.all(
      fetched.map(async objects => {
        const status = deriveDevStatus(
          objects,
          this.options.derive ?? DEFAULT_DERIVE_OPTIONS,
        );
        this.observe(status);
        const answer = DevAnswer.fromStatus(status);
        const podsNeeded =
          objects.deployments.ok &&
          needsPods(objects.deployments.value, objects.target);
        try {
          await this.answers.store(answer, podsNeeded);
        } catch (error) {
          // an unreachable cache costs cluster reads, never an answer
          logger.warn(
            `okteto-dev: could not cache the status of ${status.entityRef}: ${
              (error as Error).message
            }`,
          );
        }
        return answer;
      }),
    );
  }

  /** The Applications of an Argo CD instance read through its API. */
  private argoApiSource(name: string) {
    const clients = this.options.argoApi ?? new ArgoApiClients([], { timeoutMs: 0 });
    return clients.source(name);
  }

  /** Shows a fresh answer to the observer (notifications); never awaited, never slowing an answer. */
  private observe(status: DevStatus): void {
    this.options.observer?.observe(status).catch(() => undefined);
  }
}
