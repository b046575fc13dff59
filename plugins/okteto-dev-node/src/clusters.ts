import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  AuthenticationStrategy,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';

/**
 * How the backend authenticates to a cluster: the `authProvider` of Backstage's Kubernetes plugin.
 *
 * - `serviceAccount`: the bearer token `serviceAccountToken` (Backstage's `ServiceAccountStrategy`).
 *   Unlike the Kubernetes plugin, a cluster without a token is refused: Backstage's own service
 *   account takes an explicit `inCluster` cluster.
 * - `aws`, `azure`, `googleServiceAccount`: Backstage's `AwsIamStrategy`,
 *   `AzureIdentityStrategy` and `GoogleServiceAccountStrategy`, with the credentials they find on
 *   the backend host (and the `aws` integration, `kubernetes.googleServiceAccountCredentials`).
 * - `localKubectlProxy`: no credentials, to a `kubectl proxy` (which carries its own).
 * - `kubeconfig`: a kubeconfig file (`kubeconfigPath`, else `KUBECONFIG`, else `~/.kube/config`),
 *   optionally one `context` of it.
 * - `inCluster`: the service account Backstage itself runs as.
 * - any key a module added through {@link oktetoDevAuthStrategyExtensionPoint}.
 *
 * `oidc`, `google` and `aks` sign in with each viewer's own token; okteto-dev reads clusters in the
 * background and shares one answer between viewers, so it refuses such clusters and says so.
 *
 * @public
 */
export type OktetoDevAuthProvider = string;

/**
 * One cluster okteto-dev reads from, shaped like a cluster entry of the Kubernetes plugin
 * (`kubernetes.clusterLocatorMethods[].clusters[]`, `ClusterDetails`) plus okteto-dev's own keys.
 * Tokens stay inside the backend: they are never returned by any endpoint.
 *
 * @public
 */
export interface OktetoDevCluster {
  /** The name entities use in `okteto-dev/cluster`. */
  name: string;
  /** A human-readable name. */
  title?: string;
  /** API server URL; optional for `kubeconfig` and `inCluster`, which bring their own. */
  url?: string;
  /** How the backend authenticates to it (see {@link OktetoDevAuthProvider}). */
  authProvider: OktetoDevAuthProvider;
  /**
   * What the auth strategy reads, as the Kubernetes plugin's `ClusterDetails.authMetadata`: for
   * example `kubernetes.io/aws-assume-role`, `kubernetes.io/x-k8s-aws-id`,
   * `kubernetes.io/oidc-token-provider`.
   */
  authMetadata?: Record<string, string>;
  /** The bearer token, for `serviceAccount`. */
  serviceAccountToken?: string;
  /** The API server's CA certificate, base64-encoded PEM. */
  caData?: string;
  /** A file holding the API server's CA certificate (PEM). */
  caFile?: string;
  /** Skip verifying the API server's certificate; for test clusters only. */
  skipTLSVerify?: boolean;
  /**
   * Allow a plain `http://` URL: credentials and answers then travel unencrypted. Off by default:
   * an `http://` cluster without it is refused, and no request is sent to it.
   */
  dangerouslyAllowPlainHttp?: boolean;
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
  /** The clusters to read from. The backend asks whenever it looks a cluster up, and builds one client per cluster. */
  getClusters(): Promise<OktetoDevCluster[]>;
}

/**
 * Extension point of the okteto-dev backend: where its clusters come from.
 *
 * @public
 */
export interface OktetoDevClusterSupplierExtensionPoint {
  /**
   * Replaces the configured clusters (`oktetoDev.clusters`, else the Kubernetes plugin's
   * `kubernetes.clusterLocatorMethods`) with this supplier's.
   */
  setClusterSupplier(supplier: OktetoDevClusterSupplier): void;
  /**
   * Adds the clusters of a Kubernetes plugin cluster supplier (`KubernetesClustersSupplier` of
   * `@backstage/plugin-kubernetes-node`, the type `kubernetesClusterSupplierExtensionPoint` takes)
   * to the configured ones. It is asked with okteto-dev's own service credentials, so every
   * viewer sees the same clusters.
   */
  addClusterSupplier(supplier: KubernetesClustersSupplier): void;
}

/**
 * Lets a backend module change where okteto-dev finds its clusters.
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

/**
 * Extension point of the okteto-dev backend: auth strategies besides Backstage's own.
 *
 * @public
 */
export interface OktetoDevAuthStrategyExtensionPoint {
  /**
   * Adds (or replaces) the strategy of an `authProvider`, as the Kubernetes plugin's
   * `kubernetesAuthStrategyExtensionPoint` does: the same `AuthenticationStrategy` object can be
   * given to both. okteto-dev calls `getCredential(cluster, {})` without any viewer's token, so a
   * strategy that needs one fails, and the cluster's status says why.
   */
  addAuthStrategy(key: string, strategy: AuthenticationStrategy): void;
}

/**
 * Lets a backend module add an auth strategy (`AuthenticationStrategy` of
 * `@backstage/plugin-kubernetes-node`) under an `authProvider` key.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'okteto-dev',
 *   moduleId: 'vault-tokens',
 *   register(env) {
 *     env.registerInit({
 *       deps: { auth: oktetoDevAuthStrategyExtensionPoint },
 *       async init({ auth }) {
 *         auth.addAuthStrategy('vault', new VaultTokenStrategy());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const oktetoDevAuthStrategyExtensionPoint =
  createExtensionPoint<OktetoDevAuthStrategyExtensionPoint>({
    id: 'okteto-dev.auth-strategy',
  });
