import { Config } from '@backstage/config';
import {
  OktetoDevAuthProvider,
  OktetoDevCluster,
  OktetoDevClusterSupplier,
} from '@okteto-dev/plugin-okteto-dev-node';

const AUTH_PROVIDERS: OktetoDevAuthProvider[] = [
  'serviceAccount',
  'kubeconfig',
  'inCluster',
];

function readCluster(config: Config, where: string): OktetoDevCluster {
  const name = config.getString('name');
  const url = config.getOptionalString('url');
  const authProvider = (config.getOptionalString('authProvider') ??
    (url ? 'serviceAccount' : 'kubeconfig')) as OktetoDevAuthProvider;
  if (!AUTH_PROVIDERS.includes(authProvider)) {
    throw new Error(
      `${where}: cluster '${name}' has authProvider '${authProvider}'; okteto-dev supports ${AUTH_PROVIDERS.join(
        ', ',
      )}`,
    );
  }
  if (authProvider === 'serviceAccount' && !url) {
    throw new Error(`${where}: cluster '${name}' needs a url`);
  }
  return {
    name,
    url,
    authProvider,
    serviceAccountToken: config.getOptionalString('serviceAccountToken'),
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify'),
    kubeconfigPath: config.getOptionalString('kubeconfigPath'),
    context: config.getOptionalString('context'),
    argocdBaseUrl: config.getOptionalString('argocdBaseUrl'),
  };
}

/**
 * The clusters from config: `oktetoDev.clusters`, else the Kubernetes plugin's config-located
 * clusters, else the default kubeconfig as `default`.
 */
export function readClusterConfig(config: Config): OktetoDevCluster[] {
  const own = config.getOptionalConfigArray('oktetoDev.clusters');
  if (own && own.length > 0) {
    return own.map(c => readCluster(c, 'oktetoDev.clusters'));
  }
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const reused = methods
    .filter(m => m.getOptionalString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? [])
    // Clusters with other auth (google, aws, oidc...) need the Kubernetes plugin's own strategies.
    .filter(c =>
      AUTH_PROVIDERS.includes(
        (c.getOptionalString('authProvider') ??
          'serviceAccount') as OktetoDevAuthProvider,
      ),
    )
    .map(c => readCluster(c, 'kubernetes.clusterLocatorMethods'));
  if (reused.length > 0) return reused;
  return [{ name: 'default', authProvider: 'kubeconfig' }];
}

/** The default supplier: clusters from config, read once. */
export function configClusterSupplier(
  config: Config,
): OktetoDevClusterSupplier {
  const clusters = readClusterConfig(config);
  return { getClusters: async () => clusters };
}
