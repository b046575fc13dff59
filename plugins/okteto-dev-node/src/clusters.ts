import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * How the backend authenticates to a cluster.
 *
 * - `serviceAccount`: a bearer token (`serviceAccountToken`).
 * - `kubeconfig`: the default kubeconfig (`KUBECONFIG`, else `~/.kube/config`), or `kubeconfigPath`,
 *   optionally one `context` of it.
 * - `inCluster`: the service account Backstage itself runs as.
 *
 * @public
 */
export type OktetoDevAuthProvider =
  | 'serviceAccount'
  | 'kubeconfig'
  | 'inCluster';

/**
 * One cluster okteto-dev reads from. Tokens stay inside the backend: they are never returned by any
 * endpoint.
 *
 * @public
 */
export interface OktetoDevCluster {
  name: string;
  /** API server URL; optional for `kubeconfig` and `inCluster`, which bring their own. */
  url?: string;
  authProvider: OktetoDevAuthProvider;
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
  kubeconfigPath?: string;
  context?: string;
  /** The Argo CD UI whose Applications live in this cluster, for links (`https://argocd.example.com`). */
  argocdBaseUrl?: string;
}

/**
 * Supplies the clusters. Replace it to plug in a company's own cluster discovery.
 *
 * @public
 */
export interface OktetoDevClusterSupplier {
  getClusters(): Promise<OktetoDevCluster[]>;
}

/**
 * Extension point of the okteto-dev backend.
 *
 * @public
 */
export interface OktetoDevClusterSupplierExtensionPoint {
  setClusterSupplier(supplier: OktetoDevClusterSupplier): void;
}

/**
 * Lets a backend module replace where okteto-dev finds its clusters.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'okteto-dev',
 *   moduleId: 'my-clusters',
 *   register(env) {
 *     env.registerInit({
 *       deps: { clusters: oktetoDevClusterSupplierExtensionPoint },
 *       async init({ clusters }) {
 *         clusters.setClusterSupplier({ getClusters: async () => [...] });
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const oktetoDevClusterSupplierExtensionPoint =
  createExtensionPoint<OktetoDevClusterSupplierExtensionPoint>({
    id: 'okteto-dev.cluster-supplier',
  });
