import {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DevClusterInfo,
  DevConventions,
  DevEventsResponse,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { deriveEvents } from './derive/deriveEvents';
import { needsPods } from './derive/workloads';
import { OktetoDevClusterSupplier } from '@okteto-dev/plugin-okteto-dev-node';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ManifestCache } from './repo/ManifestCache';
import { ArgoSettings, resolveRequest } from './resolveRequest';
import { RepoFileReader } from './repo/RepoFileReader';
import { DEFAULT_DERIVE_OPTIONS, deriveDevStatus } from './derive/deriveStatus';
import { DevTargetRequest, fetchDevObjects } from './fetch/fetchDevObjects';
import { DeriveOptions, FetchedDevObjects } from './derive/types';
import { devStatusOptionsFromConfig } from './serviceOptions';
import { DevLiveInfo, LiveStatusSource, StatusObserver } from './live/types';

/** How long whether an entity needed Pods is remembered. */
const PODS_HINT_TTL_MS = 24 * 3600 * 1000;

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
  /** Argo CD's UI and instances. */
  argo?: ArgoSettings;
  ttlSeconds: number;
  staleOnErrorSeconds: number;
  /** Ages that make a session abandoned or Argo CD's status stale. */
  derive?: DeriveOptions;
  now?: () => Date;
  /** Timeout of each cluster read, in milliseconds. */
  timeoutMs?: number;
  /** Live mode: entities whose watches are ready are derived from memory (see `live/`). */
  live?: LiveStatusSource;
  /** Shown every answer freshly read in polling mode (notifications). */
  observer?: StatusObserver;
}

/**
 * One entity's outcome in a batch: a status, or why there is none.
 *
 * @public
 */
export type DevStatusOutcome =
  | { ok: true; status: DevStatus }
  | { ok: false; entityRef: string; error: Error };

/**
 * The dev status of entities: resolves targets, reads clusters through one fetch per cluster,
 * derives, and caches. Concurrent requests for the same entity share one fetch; answers are
 * reused for `ttlSeconds` through the cache service (shared by every Backstage replica), and the
 * last good answer is served, marked stale, while a cluster fails.
 *
 * @public
 */
export class DevStatusService {
  private readonly inflight = new Map<string, Promise<DevStatus>>();
  private readonly inflightEvents = new Map<
    string,
    Promise<DevEventsResponse>
  >();
  private readonly manifests = new ManifestCache();
  private readonly now: () => Date;

  /** Builds the service from `oktetoDev.*` config; `clusterSupplier` replaces the configured clusters. */
  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      cache: CacheService;
      urlReader: UrlReaderService;
      clusterSupplier?: OktetoDevClusterSupplier;
    },
  ): DevStatusService {
    return new DevStatusService(devStatusOptionsFromConfig(config, deps));
  }

  constructor(private readonly options: DevStatusServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The target of an entity with its clusters resolved (see {@link resolveRequest}). */
  request(entity: Entity): Promise<DevTargetRequest> {
    return resolveRequest(entity, {
      ...this.options,
      argo: this.options.argo ?? { instances: [] },
    });
  }

  async getStatus(entity: Entity): Promise<DevStatus> {
    const [outcome] = await this.getStatuses([entity]);
    if (!outcome.ok) throw outcome.error;
    return outcome.status;
  }

  /**
   * Statuses of many entities. With live mode, an entity whose watches are ready is derived from
   * memory (no cluster read, no cache); the others go through the cache, coalesced, as before.
   * Every answer says which (`live`).
   */
  async getStatuses(entities: Entity[]): Promise<DevStatusOutcome[]> {
    const { live } = this.options;
    const outcomes: Array<DevStatusOutcome | Promise<DevStatus>> = [];
    const modes: Array<DevLiveInfo | undefined> = [];
    const misses: DevTargetRequest[] = [];
    const missIndex: number[] = [];
    const watched: DevTargetRequest[] = [];
    const watchedIndex: number[] = [];
    const [cached, requests] = await Promise.all([
      Promise.all(
        entities.map(e =>
          this.options.cache.get(this.key('status', stringifyEntityRef(e))),
        ),
      ),
      Promise.all(
        entities.map(e =>
          this.request(e).then(
            request => ({ ok: true as const, request }),
            error => ({ ok: false as const, error: error as Error }),
          ),
        ),
      ),
    ]);
    live?.register(requests.flatMap(r => (r.ok ? [r.request] : [])));
    entities.forEach((entity, i) => {
      const resolved = requests[i];
      if (!resolved.ok) {
        outcomes[i] = {
          ok: false,
          entityRef: stringifyEntityRef(entity),
          error: resolved.error,
        };
        return;
      }
      const { request } = resolved;
      modes[i] = live?.modeOf(request);
      if (modes[i]?.mode === 'watch') {
        watched.push(request);
        watchedIndex.push(i);
        return;
      }
      const hit = cached[i] as DevStatus | undefined;
      if (hit) {
        outcomes[i] = this.withStale(hit);
        return;
      }
      const running = this.inflight.get(request.entityRef);
      if (running) {
        outcomes[i] = running.then(s => this.withStale(s));
        return;
      }
      misses.push(request);
      missIndex.push(i);
    });

    if (misses.length > 0) {
      const fetched = this.fetchAndStore(misses);
      misses.forEach((request, j) => {
        const promise = fetched.then(all => all[j]);
        this.inflight.set(request.entityRef, promise);
        outcomes[missIndex[j]] = promise.then(s => this.withStale(s));
      });
      fetched
        .catch(() => undefined)
        .finally(() => misses.forEach(r => this.inflight.delete(r.entityRef)));
    }
    if (watched.length > 0) {
      const derived = live!.derive(watched).then(all => {
        all.forEach(status => this.observe(status));
        return all;
      });
      watchedIndex.forEach((index, j) => {
        outcomes[index] = derived.then(all => all[j]);
      });
    }

    return Promise.all(
      outcomes.map(async (outcome, i) => {
        if (!(outcome instanceof Promise)) return outcome;
        const status = await outcome;
        return {
          ok: true as const,
          status: modes[i] ? { ...status, live: modes[i] } : status,
        };
      }),
    );
  }

  /**
   * The recent Warning events of an entity's workload and dev clone: read only when asked for (the
   * card's Events section), cached and coalesced like the status.
   */
  async getEvents(entity: Entity): Promise<DevEventsResponse> {
    const request = await this.request(entity);
    const key = this.key('events', request.entityRef);
    const hit = (await this.options.cache.get(key)) as
      | DevEventsResponse
      | undefined;
    if (hit) return hit;
    const running = this.inflightEvents.get(key);
    if (running) return running;
    const promise = (async () => {
      const { target } = request;
      const fetchedAt = this.now().toISOString();
      let response: DevEventsResponse;
      try {
        const client = await this.options.clusters.client(target.cluster);
        const read = await client.listWarningEvents(target.namespace);
        response = read.ok
          ? {
              entityRef: request.entityRef,
              fetchedAt,
              items: deriveEvents(read.value, target),
            }
          : {
              entityRef: request.entityRef,
              fetchedAt,
              items: [],
              error: read.error,
            };
      } catch (error) {
        response = {
          entityRef: request.entityRef,
          fetchedAt,
          items: [],
          error: {
            type: 'unknown',
            message: (error as Error).message,
            cluster: target.cluster,
          },
        };
      }
      await this.options.cache.set(
        key,
        response as unknown as Record<string, never>,
        {
          ttl: this.options.ttlSeconds * 1000,
        },
      );
      return response;
    })().finally(() => this.inflightEvents.delete(key));
    this.inflightEvents.set(key, promise);
    return promise;
  }

  async getClusters(): Promise<DevClusterInfo[]> {
    const clusters = await this.options.clusters.list();
    return Promise.all(
      clusters.map(async cluster => {
        const info: DevClusterInfo = {
          name: cluster.name,
          url: cluster.url,
          authProvider: cluster.authProvider,
          reachable: false,
        };
        try {
          const client = await this.options.clusters.client(cluster.name);
          const version = await client.version();
          return version.ok
            ? { ...info, reachable: true, version: version.value }
            : { ...info, error: version.error };
        } catch (error) {
          return {
            ...info,
            error: {
              type: 'unknown' as const,
              message: `Cluster ${cluster.name} cannot be used: ${
                (error as Error).message
              }`,
              cluster: cluster.name,
            },
          };
        }
      }),
    );
  }

  private key(
    kind: 'status' | 'good' | 'events' | 'pods',
    entityRef: string,
  ): string {
    return `okteto-dev:v2:${kind}:${entityRef}`;
  }

  private async fetchAndStore(
    misses: DevTargetRequest[],
  ): Promise<DevStatus[]> {
    const { cache, ttlSeconds, staleOnErrorSeconds, clusters } = this.options;
    const hints = await Promise.all(
      misses.map(r => cache.get(this.key('pods', r.entityRef))),
    );
    const requests = misses.map((r, i) =>
      typeof hints[i] === 'boolean'
        ? { ...r, podsHint: hints[i] as boolean }
        : r,
    );
    let fetched: FetchedDevObjects[];
    try {
      fetched = await fetchDevObjects(
        {
          client: name => clusters.client(name),
          repo: this.options.repo,
          manifests: this.manifests,
          now: this.now,
        },
        requests,
      );
    } catch (error) {
      this.options.logger.error(
        'okteto-dev: fetching dev status failed',
        error as Error,
      );
      throw error;
    }
    return Promise.all(
      fetched.map(async objects => {
        const status = deriveDevStatus(
          objects,
          this.options.derive ?? DEFAULT_DERIVE_OPTIONS,
        );
        this.observe(status);
        const json = status as unknown as Record<string, never>;
        const podsNeeded =
          objects.deployments.ok &&
          needsPods(objects.deployments.value, objects.target);
        await Promise.all([
          cache.set(this.key('status', objects.entityRef), json, {
            ttl: ttlSeconds * 1000,
          }),
          // remembered long after the answer: it only decides what the next fetch reads at once
          cache.set(this.key('pods', objects.entityRef), podsNeeded, {
            ttl: PODS_HINT_TTL_MS,
          }),
          status.errors.length === 0
            ? cache.set(this.key('good', objects.entityRef), json, {
                ttl: staleOnErrorSeconds * 1000,
              })
            : undefined,
        ]);
        return status;
      }),
    );
  }

  /** Shows a fresh answer to the observer (notifications); never awaited, never slowing an answer. */
  private observe(status: DevStatus): void {
    this.options.observer?.observe(status).catch(() => undefined);
  }

  /** A fresh answer with errors becomes the last good answer, marked stale, when there is one. */
  private async withStale(status: DevStatus): Promise<DevStatus> {
    if (status.errors.length === 0) return status;
    const good = (await this.options.cache.get(
      this.key('good', status.entityRef),
    )) as DevStatus | undefined;
    if (!good) return status;
    const ageSeconds = Math.max(
      0,
      Math.round((this.now().getTime() - Date.parse(good.fetchedAt)) / 1000),
    );
    return {
      ...good,
      stale: { since: good.fetchedAt, ageSeconds },
      errors: status.errors,
    };
  }
}
