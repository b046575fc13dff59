import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { lookup } from 'node:dns/promises';
import {
  readCatalogClusters,
  readCatalogLocatorOptions,
} from './catalogClusters';
import {
  defaultGkeClient,
  GkeClusterLister,
  readGkeClusters,
  readGkeLocatorOptions,
} from './gkeClusters';
import { readClusterEntry } from './readClusterConfig';
import {
  ClusterSource,
  failedSource,
  RefreshingSource,
  staticSource,
} from './sources';

/** How often the catalog and GKE are asked again for their clusters. */
export const LOCATOR_REFRESH_MS = 60_000;

export interface LocatorDeps {
  catalog?: CatalogService;
  auth?: AuthService;
  /** For tests: GKE's client. */
  gkeClient?: () => Promise<GkeClusterLister>;
  /** For tests: how `localhost` resolves (the Kubernetes plugin asks DNS for IPv4 first). */
  resolveLocalhost?: () => Promise<string>;
}

/**
 * The clusters of Backstage's Kubernetes plugin, one source per entry of
 * `kubernetes.clusterLocatorMethods`, read as that plugin reads them
 * (plugins/kubernetes-backend/src/cluster-locator/index.ts `getCombinedClusterSupplier`):
 *
 * - `config`: its `clusters`, entry by entry;
 * - `catalog`: `Resource` entities of `spec.type: kubernetes-cluster` (read with okteto-dev's own
 *   credentials, every minute);
 * - `localKubectlProxy`: cluster `local` at `http://<localhost>:8001`, no credentials (plain http,
 *   so only with `dangerouslyAllowPlainHttp: true` on the locator entry);
 * - `gke`: GKE's clusters of a project (every minute).
 *
 * A type okteto-dev does not know is a source that fails with the reason, so it shows in
 * `/v1/clusters` and in the startup log instead of vanishing.
 */
export function kubernetesLocatorSources(
  config: Config,
  deps: LocatorDeps,
): ClusterSource[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.map((method, i) => {
    const type = method.getOptionalString('type') ?? '';
    const label = `kubernetes.clusterLocatorMethods[${i}] (${
      type || 'no type'
    })`;
    switch (type) {
      case 'config':
        return staticSource(
          label,
          (method.getOptionalConfigArray('clusters') ?? []).map((c, j) =>
            readClusterEntry(
              c,
              `kubernetes.clusterLocatorMethods[${i}].clusters[${j}]`,
            ),
          ),
        );
      case 'localKubectlProxy': {
        const resolve =
          deps.resolveLocalhost ??
          (async () =>
            (await lookup('localhost', { verbatim: false })).address);
        const allowHttp = method.getOptionalBoolean(
          'dangerouslyAllowPlainHttp',
        );
        return new RefreshingSource(
          label,
          async () => {
            const address = await resolve();
            const host = address.includes(':') ? `[${address}]` : address;
            return [
              {
                cluster: {
                  name: 'local',
                  url: `http://${host}:8001`,
                  authProvider: 'localKubectlProxy',
                  authMetadata: {
                    [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
                  },
                  ...(allowHttp ? { dangerouslyAllowPlainHttp: true } : {}),
                },
                source: label,
              },
            ];
          },
          { refreshMs: Number.POSITIVE_INFINITY },
        );
      }
      case 'catalog': {
        const { catalog, auth } = deps;
        if (!catalog || !auth) {
          return failedSource(
            label,
            'the catalog cluster locator needs the catalog service',
          );
        }
        return new RefreshingSource(
          label,
          readCatalogClusters({
            catalog,
            auth,
            label,
            options: readCatalogLocatorOptions(method),
          }),
          { refreshMs: LOCATOR_REFRESH_MS },
        );
      }
      case 'gke':
        return new RefreshingSource(
          label,
          readGkeClusters(
            readGkeLocatorOptions(method),
            label,
            deps.gkeClient ?? defaultGkeClient,
          ),
          { refreshMs: LOCATOR_REFRESH_MS },
        );
      default:
        return failedSource(
          label,
          `okteto-dev cannot read clusters of locator type '${type}' (it reads config, catalog, localKubectlProxy and gke); add them with oktetoDevClusterSupplierExtensionPoint`,
        );
    }
  });
}
