import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import {
  OktetoDevCluster,
  OktetoDevClusterSupplier,
} from '@okteto-dev/plugin-okteto-dev-node';
import { authStrategies, AuthStrategies } from './authStrategies';
import { ClusterRegistry } from './ClusterRegistry';
import {
  kubernetesLocatorSources,
  LOCATOR_REFRESH_MS,
  LocatorDeps,
} from './kubernetesLocators';
import { readOwnClusters, withoutUndefined } from './readClusterConfig';
import { ClusterSource, RefreshingSource, staticSource } from './sources';

/** What modules gave through okteto-dev's extension points. */
export interface ClusterExtensions {
  /** `setClusterSupplier`: replaces the configured clusters. */
  supplier?: OktetoDevClusterSupplier;
  /** `addClusterSupplier`: Kubernetes plugin suppliers, added to the configured clusters. */
  kubernetesSuppliers?: KubernetesClustersSupplier[];
  /** `addAuthStrategy`. */
  authStrategies?: ReadonlyMap<string, AuthenticationStrategy>;
}

/** A cluster of a Kubernetes plugin supplier (`ClusterDetails`) as okteto-dev's. */
export function fromClusterDetails(details: ClusterDetails): OktetoDevCluster {
  const { authMetadata = {} } = details;
  return withoutUndefined({
    name: details.name,
    title: details.title,
    url: details.url,
    authProvider: authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ?? '',
    authMetadata,
    serviceAccountToken: authMetadata.serviceAccountToken,
    skipTLSVerify: details.skipTLSVerify,
    caData: details.caData,
    caFile: details.caFile,
  });
}

/**
 * Where okteto-dev's clusters come from, in order (of two with one name, the first is used):
 *
 * 1. a module's `setClusterSupplier`, else `oktetoDev.clusters`, else the clusters of Backstage's
 *    Kubernetes plugin (`kubernetes.clusterLocatorMethods`: config, catalog, localKubectlProxy,
 *    gke);
 * 2. the Kubernetes plugin suppliers modules added (`addClusterSupplier`), asked with okteto-dev's
 *    own credentials every minute.
 *
 * Nothing else: with none of these there is no cluster, never Backstage's own kubeconfig.
 */
export function clusterSources(
  config: Config,
  deps: LocatorDeps & { extensions?: ClusterExtensions },
): ClusterSource[] {
  const { extensions = {} } = deps;
  const sources: ClusterSource[] = [];
  if (extensions.supplier) {
    const { supplier } = extensions;
    const label = 'oktetoDevClusterSupplierExtensionPoint';
    sources.push({
      label,
      clusters: async () =>
        (await supplier.getClusters()).map(cluster => ({
          cluster,
          source: label,
        })),
    });
  } else {
    const own = readOwnClusters(config);
    sources.push(
      ...(own
        ? [staticSource('oktetoDev.clusters', own)]
        : kubernetesLocatorSources(config, deps)),
    );
  }
  (extensions.kubernetesSuppliers ?? []).forEach((supplier, i) => {
    const label = `addClusterSupplier #${i + 1}`;
    const { auth } = deps;
    sources.push(
      new RefreshingSource(
        label,
        async () => {
          if (!auth) throw new Error('needs the auth service');
          const details = await supplier.getClusters({
            credentials: await auth.getOwnServiceCredentials(),
          });
          return details.map(d => ({
            cluster: fromClusterDetails(d),
            source: label,
          }));
        },
        { refreshMs: LOCATOR_REFRESH_MS },
      ),
    );
  });
  return sources;
}

/** The cluster registry of the okteto-dev backend, from config and the modules' extensions. */
export function clusterRegistryFromConfig(
  config: Config,
  deps: LocatorDeps & {
    logger: LoggerService;
    auth?: AuthService;
    timeoutMs: number;
    extensions?: ClusterExtensions;
    /** For tests: the strategies (default: Backstage's and the modules'). */
    strategies?: AuthStrategies;
  },
): ClusterRegistry {
  return new ClusterRegistry({
    sources: clusterSources(config, deps),
    strategies:
      deps.strategies ??
      authStrategies({
        config,
        logger: deps.logger,
        added: deps.extensions?.authStrategies,
      }),
    timeoutMs: deps.timeoutMs,
    logger: deps.logger,
  });
}
