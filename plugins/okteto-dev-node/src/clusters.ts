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
  /** The name entities use in `okteto-dev/cluster`. */
  name: string;
  /** API server URL; optional for `kubeconfig` and `inCluster`, which bring their own. */
  url?: string;
  /** How the backend authenticates to it. */
  authProvider: OktetoDevAuthProvider;
  /** The bearer token, for `serviceAccount`. */
  serviceAccountToken?: string;
  /** The API server's CA certificate, base64-encoded PEM. */
  caData?: string;
  /** A file holding the API server's CA certificate (PEM). */
  caFile?: string;
  /** Skip verifying the API server's certificate; for test clusters only. */
  skipTLSVerify?: boolean;
  /** The kubeconfig file, for `kubeconfig`; default `KUBECONFIG`, else `~/.kube/config`. */
  kubeconfigPath?: string;
  /** The kubeconfig context to use, for `kubeconfig`; default its current context. */
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
  /** The clusters to read from. The backend asks whenever it looks a cluster up, and builds one client per cluster name. */
  getClusters(): Promise<OktetoDevCluster[]>;
}

/**
 * Extension point of the okteto-dev backend.
 *
 * @public
 */
export interface OktetoDevClusterSupplierExtensionPoint {
  /** Replaces the supplier that reads `oktetoDev.clusters` from the configuration. */
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
