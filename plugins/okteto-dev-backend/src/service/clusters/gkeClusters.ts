import { Config } from '@backstage/config';
import { ConfiguredCluster } from './sources';

/** What okteto-dev reads of a GKE cluster (google.container.v1.ICluster). */
export interface GkeCluster {
  name?: string | null;
  endpoint?: string | null;
  resourceLabels?: Record<string, string> | null;
  masterAuth?: { clusterCaCertificate?: string | null } | null;
  controlPlaneEndpointsConfig?: {
    dnsEndpointConfig?: { endpoint?: string | null } | null;
  } | null;
}

/** The one call okteto-dev makes of GKE's ClusterManagerClient. */
export interface GkeClusterLister {
  listClusters(request: {
    parent: string;
  }): Promise<[{ clusters?: GkeCluster[] | null }, ...unknown[]]>;
}

/**
 * The `gke` cluster locator's options, as plugins/kubernetes-backend/src/cluster-locator/
 * GkeClusterLocator.ts reads them.
 */
export interface GkeLocatorOptions {
  projectId: string;
  region: string;
  authProvider: 'google' | 'googleServiceAccount';
  skipTLSVerify: boolean;
  matchingResourceLabels: Array<{ key: string; value: string }>;
  endpointType: 'public' | 'dns';
}

export function readGkeLocatorOptions(config: Config): GkeLocatorOptions {
  const endpointType = config.getOptionalString('endpointType') ?? 'public';
  if (endpointType !== 'public' && endpointType !== 'dns') {
    throw new Error(
      `Invalid endpointType '${endpointType}', must be one of: public, dns`,
    );
  }
  return {
    projectId: config.getString('projectId'),
    region: config.getOptionalString('region') ?? '-',
    authProvider:
      config.getOptionalString('authProvider') === 'googleServiceAccount'
        ? 'googleServiceAccount'
        : 'google',
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
    matchingResourceLabels: (
      config.getOptionalConfigArray('matchingResourceLabels') ?? []
    ).map(l => ({ key: l.getString('key'), value: l.getString('value') })),
    endpointType,
  };
}

/**
 * GKE's clusters of a project and region (every region with `-`), filtered by resource labels, as
 * the Kubernetes plugin's GKE locator lists them: `https://` + the public endpoint (or the DNS
 * endpoint with `endpointType: dns`), the locator's `authProvider` (`google`, which okteto-dev
 * refuses as a viewer's token, unless `googleServiceAccount`). Unlike that locator, the cluster's
 * own CA (`masterAuth.clusterCaCertificate`) is kept, so TLS is verified without `skipTLSVerify`.
 */
export function readGkeClusters(
  options: GkeLocatorOptions,
  label: string,
  client: () => Promise<GkeClusterLister>,
): () => Promise<ConfiguredCluster[]> {
  return async () => {
    const parent = `projects/${options.projectId}/locations/${options.region}`;
    let clusters: GkeCluster[];
    try {
      const [response] = await (await client()).listClusters({ parent });
      clusters = response.clusters ?? [];
    } catch (error) {
      throw new Error(
        `GKE's clusters of ${parent} could not be listed: ${
          (error as Error).message
        }`,
      );
    }
    return clusters
      .filter(c =>
        options.matchingResourceLabels.every(
          l => c.resourceLabels?.[l.key] === l.value,
        ),
      )
      .map(c => {
        const dns =
          options.endpointType === 'dns'
            ? c.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint
            : undefined;
        const host = dns || c.endpoint;
        const cluster: ConfiguredCluster = {
          cluster: {
            name: c.name ?? 'unknown',
            url: host ? `https://${host}` : undefined,
            authProvider: options.authProvider,
            authMetadata: {
              'kubernetes.io/auth-provider': options.authProvider,
            },
            skipTLSVerify: options.skipTLSVerify,
            ...(c.masterAuth?.clusterCaCertificate
              ? { caData: c.masterAuth.clusterCaCertificate }
              : {}),
          },
          source: `${label} ${parent}`,
        };
        return host
          ? cluster
          : { ...cluster, problem: 'GKE reports no endpoint for it' };
      });
  };
}

/**
 * GKE's client, with the Application Default Credentials of the backend host; its library is only
 * loaded when a `gke` locator is configured.
 */
export async function defaultGkeClient(): Promise<GkeClusterLister> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const container =
    require('@google-cloud/container') as typeof import('@google-cloud/container');
  return new container.v1.ClusterManagerClient({
    libName: 'okteto-dev/plugin-okteto-dev-backend',
  }) as unknown as GkeClusterLister;
}
