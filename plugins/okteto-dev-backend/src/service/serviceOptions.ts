import {
  AuthService,
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  OktetoDevClusterSupplier,
  readDevConventions,
  readDevTargetPolicy,
} from '@okteto-dev/plugin-okteto-dev-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterExtensions,
  clusterRegistryFromConfig,
} from './clusters/clusterRegistryFromConfig';
import { readChecklistSettings } from './checklistConfig';
import type { DevStatusServiceOptions } from './DevStatusService';
import { CachedRepoFileReader } from './live/CachedRepoFileReader';
import { readLiveConfig } from './live/config';
import { RepoFileReader } from './repo/RepoFileReader';
import { ArgoApiClients } from './argocd/ArgoApiClients';
import { readArgoConfig } from './argocd/settings';

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
    /** Replaces the configured clusters (a module's `setClusterSupplier`). */
    clusterSupplier?: OktetoDevClusterSupplier;
    /** What modules added: Kubernetes plugin cluster suppliers, auth strategies. */
    clusterExtensions?: ClusterExtensions;
    /** For the Kubernetes plugin's `catalog` cluster locator. */
    catalog?: CatalogService;
    auth?: AuthService;
  },
): DevStatusServiceOptions & { repo: RepoFileReader; timeoutMs: number } {
  const timeoutMs = config.getOptionalNumber('oktetoDev.timeoutMs') ?? 5000;
  const integrations = ScmIntegrations.fromConfig(config);
  const live = readLiveConfig(config);
  const argo = readArgoConfig(config);
  const conventions = readDevConventions(config);
  return {
    logger: deps.logger,
    cache: deps.cache,
    clusters: clusterRegistryFromConfig(config, {
      logger: deps.logger,
      catalog: deps.catalog,
      auth: deps.auth,
      timeoutMs,
      extensions: {
        ...deps.clusterExtensions,
        supplier: deps.clusterSupplier ?? deps.clusterExtensions?.supplier,
      },
    }),
    repo: live.enabled
      ? new CachedRepoFileReader(
          deps.urlReader,
          integrations,
          live.repositoryTtlMs,
        )
      : new RepoFileReader(deps.urlReader, integrations),
    conventions,
    targets: readDevTargetPolicy(config),
    argo: argo.settings,
    argoApi: new ArgoApiClients(argo.api, {
      timeoutMs,
      project: conventions.project,
    }),
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
