import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';
import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';

/** Providers okteto-dev handles itself with a kubeconfig (client-node), not through a strategy. */
export const KUBECONFIG_PROVIDERS = ['kubeconfig', 'inCluster'];

/** What the strategy of a cluster's `authProvider` is, as far as the assessment needs it. */
export interface StrategyLookup {
  strategy?: AuthenticationStrategy;
  /** Set when the provider needs each viewer's token (see `AuthStrategies.viewerTokenReason`). */
  viewerTokenReason?: string;
  /** The providers there are, for the message about an unknown one. */
  known: string[];
}

/** Why a URL cannot be used, or undefined. */
export function urlProblem(
  url: string,
  dangerouslyAllowPlainHttp: boolean | undefined,
  where = 'this cluster',
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `its url '${url.slice(0, 200)}' is not a valid URL`;
  }
  if (parsed.username || parsed.password) {
    return 'its url contains credentials';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol !== 'http:') {
    return `its url uses ${parsed.protocol.replace(
      /:$/,
      '',
    )}; only https (or http with dangerouslyAllowPlainHttp) is used`;
  }
  if (!dangerouslyAllowPlainHttp) {
    return `its url is plain http://, so credentials and answers would travel unencrypted; use https, or set dangerouslyAllowPlainHttp: true on ${where}`;
  }
  return undefined;
}

/** The token of a `serviceAccount` cluster, wherever the entry put it. */
export function serviceAccountToken(
  cluster: OktetoDevCluster,
): string | undefined {
  return (
    cluster.serviceAccountToken ?? cluster.authMetadata?.serviceAccountToken
  );
}

/** The cluster as Backstage's strategies take it (`ClusterDetails`). */
export function clusterDetails(cluster: OktetoDevCluster): ClusterDetails {
  const token = serviceAccountToken(cluster);
  return {
    name: cluster.name,
    ...(cluster.title ? { title: cluster.title } : {}),
    url: cluster.url ?? '',
    authMetadata: {
      ...cluster.authMetadata,
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: cluster.authProvider,
      ...(token ? { serviceAccountToken: token } : {}),
    },
    skipTLSVerify: cluster.skipTLSVerify ?? false,
    caData: cluster.caData,
    caFile: cluster.caFile,
  };
}

/**
 * Why okteto-dev cannot use a cluster, or undefined when it can (as far as the configuration
 * tells: `kubeconfig` and `inCluster` are checked when their kubeconfig is loaded, a strategy's
 * credential when it is asked for one). Never a silent skip: each refusal is a sentence for the
 * cluster's status, naming what to change.
 */
export function assessCluster(
  cluster: OktetoDevCluster,
  lookup: StrategyLookup,
): string | undefined {
  const { authProvider } = cluster;
  if (KUBECONFIG_PROVIDERS.includes(authProvider)) return undefined;
  if (!authProvider) {
    return 'it names no authProvider; okteto-dev uses no identity it was not given';
  }
  if (lookup.viewerTokenReason) {
    return `${lookup.viewerTokenReason}. Give okteto-dev its own identity for this cluster in oktetoDev.clusters (serviceAccount, aws, azure, googleServiceAccount, kubeconfig or inCluster)`;
  }
  if (!lookup.strategy) {
    return `authProvider '${authProvider}' has no auth strategy (known: ${lookup.known.join(
      ', ',
    )}); a backend module can add one with oktetoDevAuthStrategyExtensionPoint`;
  }
  if (!cluster.url) return 'it has no url';
  const url = urlProblem(cluster.url, cluster.dangerouslyAllowPlainHttp);
  if (url) return url;
  if (authProvider === 'serviceAccount' && !serviceAccountToken(cluster)) {
    // Backstage's ServiceAccountStrategy would fall back to the token of the pod Backstage runs in
    return "authProvider 'serviceAccount' without a serviceAccountToken: the Kubernetes plugin would then use the service account Backstage runs as, which okteto-dev only does when told to: set serviceAccountToken, or use authProvider: inCluster";
  }
  const details = clusterDetails(cluster);
  let errors: Error[];
  try {
    errors = lookup.strategy.validateCluster(details.authMetadata);
  } catch (error) {
    errors = [error as Error];
  }
  if (errors.length > 0) {
    return `authProvider '${authProvider}' refuses its configuration: ${errors
      .map(e => e.message)
      .join('; ')}`;
  }
  return undefined;
}
