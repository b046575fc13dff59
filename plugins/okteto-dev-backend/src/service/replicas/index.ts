import {
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CrossReplicaFetch } from './CrossReplicaFetch';
import { FetchLeases } from './FetchLeases';

export { CrossReplicaFetch } from './CrossReplicaFetch';
export { FetchLeases, LEASES_TABLE } from './FetchLeases';

/** Whether the cache service is one every replica shares (anything but the in-memory store). */
export function cacheIsShared(config: RootConfigService): boolean {
  const store = config.getOptionalString('backend.cache.store') ?? 'memory';
  return store !== 'memory';
}

/**
 * The cross-replica single flight, when `oktetoDev.cache.crossReplicaLock` (default: a shared
 * cache store) asks for it. A lease lasts as long as a fetch may: two rounds of cluster reads,
 * each bounded by `timeoutMs`, and a margin for the repository files.
 */
export async function setUpCrossReplica(deps: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  timeoutMs: number;
}): Promise<CrossReplicaFetch | undefined> {
  const { config, logger } = deps;
  const enabled =
    config.getOptionalBoolean('oktetoDev.cache.crossReplicaLock') ??
    cacheIsShared(config);
  if (!enabled) return undefined;
  const leases = await FetchLeases.create(deps.database);
  const fetch = new CrossReplicaFetch({
    leases,
    leaseMs: 2 * deps.timeoutMs + 2000,
    logger,
  });
  // a replica that stops gives its leases back, so the others need not wait them out
  deps.lifecycle.addShutdownHook(() => fetch.releaseAll());
  return fetch;
}
