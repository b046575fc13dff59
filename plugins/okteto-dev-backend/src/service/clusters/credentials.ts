import type { User } from '@kubernetes/client-node';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import type https from 'node:https';
import { redactIdentities } from '../answers/redact';

/** The `authProvider.name` of the kubeconfig user whose credential comes from a strategy. */
export const STRATEGY_USER_AUTH = 'okteto-dev-strategy';

/** How long a credential is reused before the strategy is asked again. */
const CREDENTIAL_TTL_MS = 60_000;
/** How long a failure is remembered, so a batch of reads asks the strategy once. */
const FAILURE_TTL_MS = 5_000;

/**
 * A strategy could not give a credential: the reads of that cluster fail with this (as
 * `unauthorized`), and nothing is sent.
 */
export class ClusterCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterCredentialError';
  }
}

/**
 * The credential of one cluster from its auth strategy: asked without any viewer's token
 * (`KubernetesRequestAuth` `{}`), reused for a minute, one request at a time.
 */
export class StrategyCredential {
  private kept:
    | { value: Promise<KubernetesCredential>; until: number }
    | undefined;

  constructor(
    private readonly details: ClusterDetails,
    private readonly strategy: AuthenticationStrategy,
    private readonly now: () => number = Date.now,
    /** Told the whole failure (the log): what reads say is shortened and without identities. */
    private readonly onFailure?: (error: Error) => void,
  ) {}

  get(): Promise<KubernetesCredential> {
    const now = this.now();
    if (this.kept && this.kept.until > now) return this.kept.value;
    const provider =
      this.details.authMetadata['kubernetes.io/auth-provider'] ?? '';
    const value = Promise.resolve()
      .then(() => this.strategy.getCredential(this.details, {}))
      .then(credential => {
        if (this.kept?.value === value) {
          this.kept.until = this.now() + CREDENTIAL_TTL_MS;
        }
        return credential;
      })
      .catch(error => {
        if (this.kept?.value === value) {
          this.kept.until = this.now() + FAILURE_TTL_MS;
        }
        this.onFailure?.(error as Error);
        // answers are shared by everyone who may read the entity: no principal of the cloud
        // provider (ARNs, service-account e-mails) goes into them; the log has the whole error
        const first = redactIdentities(
          String((error as Error)?.message ?? error)
            .split('\n')[0]
            .slice(0, 300),
        ).replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[hidden]');
        throw new ClusterCredentialError(
          `okteto-dev could not get a credential from authProvider '${provider}': ${first}`,
        );
      });
    // until it settles, concurrent reads share this one request
    this.kept = { value, until: Number.POSITIVE_INFINITY };
    value.catch(() => undefined);
    return value;
  }
}

/**
 * client-node's extension for credentials (`KubeConfig.addAuthenticator`): for the kubeconfig user
 * `{ authProvider: { name: 'okteto-dev-strategy' } }`, each request (client-node's reads and the
 * live store's LISTs and WATCHes alike) carries the strategy's current credential: a bearer token
 * as the Authorization header, a client certificate as the TLS key pair, nothing for `anonymous`.
 * Nothing at all is sent to a plain-HTTP server unless the cluster allows it.
 */
export class StrategyAuthenticator {
  constructor(
    private readonly credential: StrategyCredential,
    private readonly server: string,
    private readonly plainHttpAllowed: boolean,
  ) {}

  isAuthProvider(user: User): boolean {
    return user?.authProvider?.name === STRATEGY_USER_AUTH;
  }

  async applyAuthentication(
    _user: User,
    opts: https.RequestOptions,
  ): Promise<void> {
    if (this.server.startsWith('http:') && !this.plainHttpAllowed) {
      throw new ClusterCredentialError(
        'okteto-dev sends no credential over plain http:// unless the cluster sets dangerouslyAllowPlainHttp',
      );
    }
    const credential = await this.credential.get();
    if (credential.type === 'bearer token') {
      opts.headers = {
        ...opts.headers,
        Authorization: `Bearer ${credential.token}`,
      };
    } else if (credential.type === 'x509 client certificate') {
      opts.cert = credential.cert;
      opts.key = credential.key;
    }
  }
}
