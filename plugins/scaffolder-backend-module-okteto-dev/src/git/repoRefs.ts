import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  DefaultAzureDevOpsCredentialsProvider,
  DefaultGithubCredentialsProvider,
  getBitbucketCloudDefaultBranch,
  getBitbucketServerDefaultBranch,
  getGiteaRequestOptions,
  getGitLabRequestOptions,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { hostName, ReadIdentity } from './gitIdentity';
import { RepoLocation } from './repoLocation';

/**
 * The two things about a repository's refs that its `UrlReader` cannot tell: the default branch's
 * name, and the commit of a branch whose name the reader's URL form cannot hold (see
 * `refNeedsCommit`). One request to the host's own API each, with the same identity as the reads
 * (the user's token, or the integration's credentials), so a repository the user cannot read
 * fails here, before any file is read.
 */
export class RepoRefs {
  private readonly github: DefaultGithubCredentialsProvider;
  private readonly azure: DefaultAzureDevOpsCredentialsProvider;

  constructor(private readonly integrations: ScmIntegrationRegistry) {
    this.github =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    this.azure =
      DefaultAzureDevOpsCredentialsProvider.fromIntegrations(integrations);
  }

  /** The repository's default branch. */
  async defaultBranch(
    location: RepoLocation,
    identity: ReadIdentity,
  ): Promise<string> {
    const { host, owner, repo, path } = location;
    const token = identity.kind === 'user' ? identity.token : undefined;
    switch (location.type) {
      case 'github': {
        const config = this.integrations.github.byHost(host)!.config;
        const info = await this.getJson<{ default_branch?: string }>(
          location,
          identity,
          `${this.githubApi(config.apiBaseUrl, host)}/repos/${owner}/${repo}`,
          await this.githubHeaders(location, token),
        );
        return requireBranch(location, info.default_branch);
      }
      case 'gitlab': {
        const config = this.integrations.gitlab.byHost(host)!.config;
        const info = await this.getJson<{ default_branch?: string }>(
          location,
          identity,
          `${config.apiBaseUrl}/projects/${encodeURIComponent(path)}`,
          getGitLabRequestOptions(config, token).headers,
        );
        return requireBranch(location, info.default_branch);
      }
      case 'gitea': {
        const config = this.integrations.gitea.byHost(host)!.config;
        const base = (config.baseUrl ?? `https://${host}`).replace(/\/+$/, '');
        const options = getGiteaRequestOptions(config) as {
          headers?: Record<string, string>;
        };
        const info = await this.getJson<{ default_branch?: string }>(
          location,
          identity,
          `${base}/api/v1/repos/${owner}/${repo}`,
          options.headers ?? {},
        );
        return requireBranch(location, info.default_branch);
      }
      case 'azure': {
        const { organization, project } = location;
        const credentials = await this.azure.getCredentials({
          url: location.webUrl,
        });
        const info = await this.getJson<{ defaultBranch?: string }>(
          location,
          identity,
          `https://${host}/${organization}/${project}/_apis/git/repositories/${repo}?api-version=6.0`,
          credentials?.headers ?? {},
        );
        return requireBranch(
          location,
          info.defaultBranch?.replace(/^refs\/heads\//, ''),
        );
      }
      case 'bitbucketCloud':
        return requireBranch(
          location,
          await getBitbucketCloudDefaultBranch(
            location.webUrl,
            this.integrations.bitbucketCloud.byHost(host)!.config,
          ),
        );
      case 'bitbucketServer':
        return requireBranch(
          location,
          await getBitbucketServerDefaultBranch(
            location.webUrl,
            this.integrations.bitbucketServer.byHost(host)!.config,
          ),
        );
      default:
        throw new Error(`unsupported host type ${location.type}`);
    }
  }

  /**
   * The commit a branch points at, for hosts whose file URLs cannot hold a `/` in the ref. Only
   * GitHub is asked; on Bitbucket Cloud and Gitea such a branch is an error.
   */
  async branchCommit(
    location: RepoLocation,
    identity: ReadIdentity,
    branch: string,
  ): Promise<string> {
    if (location.type !== 'github') {
      throw new NotAllowedError(
        `Branch '${branch}': ${hostName(
          location.type,
        )} file URLs cannot name a branch with '/'; read the default branch or another branch`,
      );
    }
    const { host, owner, repo } = location;
    const config = this.integrations.github.byHost(host)!.config;
    const token = identity.kind === 'user' ? identity.token : undefined;
    const found = await this.getJson<{ object?: { sha?: string } }>(
      location,
      identity,
      `${this.githubApi(
        config.apiBaseUrl,
        host,
      )}/repos/${owner}/${repo}/git/ref/heads/${branch
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`,
      await this.githubHeaders(location, token),
    );
    const sha = found.object?.sha;
    if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) {
      throw new NotFoundError(
        `Branch '${branch}' of ${location.repository} has no commit`,
      );
    }
    return sha;
  }

  private githubApi(apiBaseUrl: string | undefined, host: string): string {
    if (!apiBaseUrl) {
      throw new Error(
        `The GitHub integration for ${host} has no apiBaseUrl: okteto-dev needs the API to read the default branch`,
      );
    }
    return apiBaseUrl.replace(/\/+$/, '');
  }

  private async githubHeaders(
    location: RepoLocation,
    token: string | undefined,
  ): Promise<Record<string, string>> {
    if (token) return { Authorization: `Bearer ${token}` };
    const { headers } = await this.github.getCredentials({
      url: location.webUrl,
    });
    return headers ?? {};
  }

  private async getJson<T>(
    location: RepoLocation,
    identity: ReadIdentity,
    url: string,
    headers: Record<string, string>,
  ): Promise<T> {
    const response = await fetch(url, {
      headers: { ...headers, Accept: 'application/json' },
    });
    if (response.ok) return (await response.json()) as T;
    const who =
      identity.kind === 'user'
        ? `your ${hostName(location.type)} account`
        : `the ${hostName(location.type)} integration`;
    if (response.status === 404) {
      throw new NotFoundError(
        `${location.repository} does not exist, or ${who} cannot read it`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new NotAllowedError(
        `${hostName(location.type)} refused ${who} access to ${
          location.repository
        } (${response.status})`,
      );
    }
    throw new Error(
      `${hostName(location.type)} answered ${response.status} for ${
        location.repository
      }`,
    );
  }
}

const BRANCH = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]+$/;

function requireBranch(location: RepoLocation, branch: string | undefined) {
  if (!branch || !BRANCH.test(branch)) {
    throw new Error(
      `${location.repository} has no default branch that is a plain branch name (got '${branch}')`,
    );
  }
  return branch;
}
