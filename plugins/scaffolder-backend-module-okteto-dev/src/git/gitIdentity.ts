import { NotAllowedError } from '@backstage/errors';
import { GitHostType, RepoLocation } from './repoLocation';

/**
 * The hosts whose Backstage `UrlReader` reads with a user's token (`readUrl(url, { token })`): only
 * `GithubUrlReader` and `GitlabUrlReader` of `@backstage/backend-defaults` use it; the Bitbucket,
 * Azure DevOps and Gitea readers always use the integration's credentials. The scaffolder's own
 * `fetch:*` actions draw the same line (`assertScmUserCredentials` of
 * `@backstage/plugin-scaffolder-backend`).
 */
export const USER_TOKEN_HOSTS: ReadonlySet<GitHostType> = new Set<GitHostType>([
  'github',
  'gitlab',
]);

const HOST_NAMES: Record<GitHostType, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucketCloud: 'Bitbucket Cloud',
  bitbucketServer: 'Bitbucket Server',
  azure: 'Azure DevOps',
  gitea: 'Gitea',
};

/** The product name of a host type, for messages. */
export function hostName(type: GitHostType): string {
  return HOST_NAMES[type];
}

/** Who repository reads act as. */
export type ReadIdentity =
  | { kind: 'user'; token: string }
  | { kind: 'integration' };

/** The settings that decide {@link readIdentity}. */
export interface GitIdentityOptions {
  /**
   * `oktetoDev.scaffolder.allowIntegrationCredentials`: read with the integration's credentials
   * when no user token can be used. Default false.
   */
  allowIntegrationCredentials: boolean;
  /**
   * Backstage's own `scaffolder.requireScmUserCredentials`: when true, GitHub and GitLab reads
   * never fall back to the integration, whatever the setting above says.
   */
  requireScmUserCredentials: boolean;
}

/**
 * What the frontend sends as the autocomplete `token` when the user holds no token for the host
 * (the scaffolder's autocomplete route refuses an empty one): the same as no token.
 */
export const NO_USER_TOKEN = 'none';

/** A token as given by a template or the autocomplete request; empty and {@link NO_USER_TOKEN} are none. */
export function userTokenOf(token: string | undefined): string | undefined {
  const trimmed = token?.trim();
  return trimmed && trimmed !== NO_USER_TOKEN ? trimmed : undefined;
}

/**
 * Who reads the repository for a user: the user's own token on GitHub and GitLab; the integration
 * only where `allowIntegrationCredentials` says so — when the user has no token, or on a host whose
 * reader cannot use one. Anything else is a NotAllowedError that says what to do.
 */
export function readIdentity(
  location: RepoLocation,
  token: string | undefined,
  options: GitIdentityOptions,
): ReadIdentity {
  const userToken = userTokenOf(token);
  const name = hostName(location.type);
  if (USER_TOKEN_HOSTS.has(location.type)) {
    if (userToken) return { kind: 'user', token: userToken };
    if (
      options.allowIntegrationCredentials &&
      !options.requireScmUserCredentials
    ) {
      return { kind: 'integration' };
    }
    const instead = options.requireScmUserCredentials
      ? ' (scaffolder.requireScmUserCredentials is on)'
      : '; oktetoDev.scaffolder.allowIntegrationCredentials: true would read with the integration instead';
    throw new NotAllowedError(
      `Reading ${location.repository} needs your own ${name} sign-in: the okteto-dev actions read ` +
        `repositories as the user who runs the template (RepoUrlPicker requestUserCredentials passes ` +
        `it as the token input), and no token came with this request${instead}`,
    );
  }
  if (options.allowIntegrationCredentials) return { kind: 'integration' };
  throw new NotAllowedError(
    `Reading ${location.repository} would use the ${name} integration's credentials (Backstage's ` +
      `${name} reader takes no user token), which oktetoDev.scaffolder.allowIntegrationCredentials ` +
      `does not allow`,
  );
}
