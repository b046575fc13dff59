import {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  OktetoDevClusterSupplier,
  readDevConventions,
} from '@okteto-dev/plugin-okteto-dev-node';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { configClusterSupplier } from './clusters/readClusterConfig';
import { readChecklistSettings } from './checklistConfig';
import type { DevStatusServiceOptions } from './DevStatusService';
import { CachedRepoFileReader } from './live/CachedRepoFileReader';
import { readLiveConfig } from './live/config';
import { RepoFileReader } from './repo/RepoFileReader';
import { readArgoSettings } from './resolveRequest';

/**
 * The options of `DevStatusService` that `oktetoDev.*` config gives. With live mode on
 * (`oktetoDev.live.enabled`, the default), repository files are read through a TTL cache by URL
 * (`oktetoDev.live.repositoryTtlSeconds`).
 */
export function devStatusOptionsFromConfig(
  config: Config,
  deps: {
    logger: LoggerService;
    cache: CacheService;
    urlReader: UrlReaderService;
    clusterSupplier?: OktetoDevClusterSupplier;
  },
): DevStatusServiceOptions & { repo: RepoFileReader; timeoutMs: number } {
  const timeoutMs = config.getOptionalNumber('oktetoDev.timeoutMs') ?? 5000;
  const integrations = ScmIntegrations.fromConfig(config);
  const live = readLiveConfig(config);
  return {
    logger: deps.logger,
    cache: deps.cache,
    clusters: new ClusterRegistry(
      deps.clusterSupplier ?? configClusterSupplier(config),
      timeoutMs,
    ),
    repo: live.enabled
      ? new CachedRepoFileReader(
          deps.urlReader,
          integrations,
          live.repositoryTtlMs,
        )
      : new RepoFileReader(deps.urlReader, integrations),
    conventions: readDevConventions(config),
    argo: readArgoSettings(config),
    ttlSeconds: config.getOptionalNumber('oktetoDev.cache.ttlSeconds') ?? 15,
    staleOnErrorSeconds:
      config.getOptionalNumber('oktetoDev.cache.staleOnErrorSeconds') ?? 300,
    nearEntries: config.getOptionalNumber('oktetoDev.cache.nearEntries'),
    timeoutMs,
    clusterWide:
      config.getOptionalBoolean('oktetoDev.rbac.clusterWide') ?? false,
    derive: {
      checklist: readChecklistSettings(config),
      abandonedAfterSeconds:
        (config.getOptionalNumber('oktetoDev.abandonedAfterHours') ?? 8) * 3600,
      reconcileStaleSeconds:
        (config.getOptionalNumber('oktetoDev.argocd.reconcileStaleMinutes') ??
          10) * 60,
    },
  };
}
