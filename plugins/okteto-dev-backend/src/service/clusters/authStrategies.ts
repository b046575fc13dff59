import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import * as backstageKubernetes from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  AuthMetadata,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';

/**
 * The auth strategies okteto-dev uses: Backstage's own, from `@backstage/plugin-kubernetes-backend`,
 * under the keys the Kubernetes plugin gives them (plugins/kubernetes-backend/src/auth/
 * buildDefaultAuthStrategyMap.ts; `serviceAccount` see {@link ConfiguredTokenStrategy}), then
 * whatever modules added through `oktetoDevAuthStrategyExtensionPoint`. Each strategy is built
 * when a cluster first needs it.
 */
export interface AuthStrategies {
  /** The strategy of an `authProvider`, if any. */
  get(authProvider: string): Promise<AuthenticationStrategy | undefined>;
  /**
   * Why okteto-dev cannot use a provider whose strategy needs each viewer's own token (when the
   * strategy is still Backstage's: a module may replace it with one that needs none).
   */
  viewerTokenReason(authProvider: string): string | undefined;
  /** The providers okteto-dev can use, for messages. */
  keys(): string[];
}

/**
 * Providers of Backstage's whose strategy reads a token the browser sends with each request
 * (`KubernetesRequestAuth`): `OidcStrategy` (`auth.oidc[provider]`), `GoogleStrategy`
 * (`auth.google`), `AksStrategy` (`auth.aks`, else anonymous).
 */
const VIEWER_TOKEN_PROVIDERS: Record<string, string> = {
  oidc: "authProvider 'oidc' signs in with each viewer's own OIDC token, which the browser sends to the Kubernetes plugin",
  google:
    "authProvider 'google' signs in with each viewer's own Google token, which the browser sends to the Kubernetes plugin (googleServiceAccount is the server-side one)",
  aks: "authProvider 'aks' signs in with each viewer's own Azure token, which the browser sends to the Kubernetes plugin (azure is the server-side one)",
};

const WHY_NOT_VIEWER_TOKENS =
  'okteto-dev reads clusters in the background (live mode, notifications, search) and shares one answer between viewers, so it never holds a viewer’s token';

type StrategyModule = Pick<
  typeof backstageKubernetes,
  | 'AksStrategy'
  | 'AwsIamStrategy'
  | 'AzureIdentityStrategy'
  | 'GoogleStrategy'
  | 'GoogleServiceAccountStrategy'
  | 'AnonymousStrategy'
  | 'OidcStrategy'
>;

/**
 * `serviceAccount` with its configured token. Backstage's `ServiceAccountStrategy` answers exactly
 * this bearer token when the cluster has one, and otherwise reads the token of the pod Backstage
 * runs in, which okteto-dev never does implicitly (`assessCluster` refuses such a cluster). Its
 * only path okteto-dev may take is this one, which also spares a dynamic `import()` of
 * client-node on every credential.
 */
export class ConfiguredTokenStrategy implements AuthenticationStrategy {
  async getCredential(cluster: ClusterDetails): Promise<KubernetesCredential> {
    const token = cluster.authMetadata.serviceAccountToken;
    if (!token) {
      throw new Error('the cluster has no serviceAccountToken');
    }
    return { type: 'bearer token', token };
  }

  validateCluster(authMetadata: AuthMetadata): Error[] {
    return authMetadata.serviceAccountToken
      ? []
      : [new Error('serviceAccountToken is missing')];
  }

  presentAuthMetadata(): AuthMetadata {
    return {};
  }
}

/** Backstage's strategies by key, as factories (built on first use). */
function backstageStrategies(
  k8s: StrategyModule,
  deps: { config: Config; logger: LoggerService },
): Map<string, () => AuthenticationStrategy> {
  return new Map<string, () => AuthenticationStrategy>([
    ['aks', () => new k8s.AksStrategy()],
    ['aws', () => new k8s.AwsIamStrategy({ config: deps.config })],
    ['azure', () => new k8s.AzureIdentityStrategy(deps.logger)],
    ['google', () => new k8s.GoogleStrategy()],
    [
      'googleServiceAccount',
      () => new k8s.GoogleServiceAccountStrategy({ config: deps.config }),
    ],
    ['localKubectlProxy', () => new k8s.AnonymousStrategy()],
    ['oidc', () => new k8s.OidcStrategy()],
    ['serviceAccount', () => new ConfiguredTokenStrategy()],
  ]);
}

/** Backstage's strategies plus the `added` ones (which win on the same key). */
export function authStrategies(deps: {
  config: Config;
  logger: LoggerService;
  added?: ReadonlyMap<string, AuthenticationStrategy>;
  /** For tests: where Backstage's strategies come from. */
  backstage?: StrategyModule;
}): AuthStrategies {
  const added = deps.added ?? new Map();
  const built = new Map<string, AuthenticationStrategy>();
  const factories = backstageStrategies(
    deps.backstage ?? backstageKubernetes,
    deps,
  );
  return {
    async get(authProvider) {
      const own = added.get(authProvider);
      if (own) return own;
      let strategy = built.get(authProvider);
      if (!strategy) {
        const factory = factories.get(authProvider);
        if (!factory) return undefined;
        strategy = factory();
        built.set(authProvider, strategy);
      }
      return strategy;
    },
    viewerTokenReason(authProvider) {
      if (added.has(authProvider)) return undefined;
      const what = VIEWER_TOKEN_PROVIDERS[authProvider];
      return what ? `${what}; ${WHY_NOT_VIEWER_TOKENS}` : undefined;
    },
    keys() {
      return [
        'serviceAccount',
        'aws',
        'azure',
        'googleServiceAccount',
        'localKubectlProxy',
        'kubeconfig',
        'inCluster',
        ...[...added.keys()].filter(k => !(k in VIEWER_TOKEN_PROVIDERS)),
      ];
    },
  };
}
