import { CacheService } from '@backstage/backend-plugin-api';
import {
  DevClusterInfo,
  DevClustersResponse,
  DevError,
  DevEventsResponse,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { deriveEvents } from './derive/deriveEvents';
import { DevTargetRequest } from './fetch/fetchDevObjects';

/**
 * The reads besides the status: an entity's recent Warning events (read only when the card asks,
 * cached and coalesced like the status) and the configured clusters' reachability.
 */
export class EventsAndClusters {
  private readonly inflight = new Map<string, Promise<DevEventsResponse>>();

  constructor(
    private readonly options: {
      cache: CacheService;
      clusters: ClusterRegistry;
      ttlSeconds: number;
      now: () => Date;
    },
  ) {}

  async events(request: DevTargetRequest): Promise<DevEventsResponse> {
    const key = `okteto-dev:v2:events:${request.entityRef}`;
    const hit = (await this.options.cache.get(key)) as
      | DevEventsResponse
      | undefined;
    if (hit) return hit;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.read(request)
      .then(async response => {
        await this.options.cache.set(
          key,
          response as unknown as Record<string, never>,
          { ttl: this.options.ttlSeconds * 1000 },
        );
        return response;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async read(request: DevTargetRequest): Promise<DevEventsResponse> {
    const { target, entityRef } = request;
    const fetchedAt = this.options.now().toISOString();
    try {
      const client = await this.options.clusters.client(target.cluster);
      const read = await client.listWarningEvents(target.namespace);
      return read.ok
        ? { entityRef, fetchedAt, items: deriveEvents(read.value, target) }
        : { entityRef, fetchedAt, items: [], error: read.error };
    } catch (error) {
      return {
        entityRef,
        fetchedAt,
        items: [],
        error: (error as { devError?: DevError }).devError ?? {
          type: 'unknown',
          message: (error as Error).message,
          cluster: target.cluster,
        },
      };
    }
  }

  /**
   * Every configured cluster (usable or not, with why not), each usable one asked for its version,
   * and the cluster sources that could not be read.
   */
  async clusters(): Promise<DevClustersResponse> {
    const { clusters, failures } = await this.options.clusters.snapshot();
    const items = await Promise.all(
      clusters.map(async ({ cluster, source, problem }) => {
        const info: DevClusterInfo = {
          name: cluster.name,
          ...(cluster.url ? { url: cluster.url } : {}),
          authProvider: cluster.authProvider,
          source,
          usable: !problem,
          reachable: false,
        };
        if (problem) {
          return {
            ...info,
            error: {
              type: 'unusable' as const,
              message: `Cluster '${cluster.name}' cannot be used: ${problem}`,
              cluster: cluster.name,
            },
          };
        }
        try {
          const client = await this.options.clusters.client(cluster.name);
          const version = await client.version();
          return version.ok
            ? { ...info, reachable: true, version: version.value }
            : { ...info, error: version.error };
        } catch (error) {
          return {
            ...info,
            error: (error as { devError?: DevError }).devError ?? {
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
    return { items, ...(failures.length ? { failures } : {}) };
  }
}
