import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegration,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

const GITHUB_NAME = /^[A-Za-z0-9_.-]+$/;
const GIT_REF = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]+$/;

/** Files larger than this are refused. */
export const MAX_REPO_FILE_BYTES = 1024 * 1024;

/** A GitHub repository at one ref, as {@link GithubRepoFiles.locate} found it. */
export interface GithubRepoLocation {
  host: string;
  owner: string;
  repo: string;
  /** The branch asked for, or the repository's default branch. */
  branch: string;
  /** What file URLs use: the branch, or its commit when the name holds a `/`. */
  ref: string;
}

/**
 * Read access to files of GitHub repositories, shared by `okteto:repo-files:fetch` and the
 * autocomplete provider: the branch is resolved through the REST API with the integration's
 * credentials, files are read through the backend's `UrlReader`
 * (`https://<host>/<owner>/<repo>/blob/<ref>/<path>`).
 */
export class GithubRepoFiles {
  private readonly credentials: DefaultGithubCredentialsProvider;

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
    },
  ) {
    this.credentials = DefaultGithubCredentialsProvider.fromIntegrations(
      options.integrations,
    );
  }

  /**
   * Resolves a repository in RepoUrlPicker form (`github.com?owner=o&repo=r`) and a branch (default:
   * the repository's default branch, `main` when it cannot be read) to a location. Bad input is an
   * InputError, raised before any request.
   */
  async locate(
    repoUrl: string,
    branch: string | undefined,
    logger: LoggerService,
  ): Promise<GithubRepoLocation> {
    const { host, owner, repo } = parseRepoUrl(
      repoUrl,
      this.options.integrations,
    );
    if (!owner) throw new InputError(`repoUrl '${repoUrl}' names no owner`);
    // Only names: the owner and repository become parts of API and file URLs.
    for (const [what, name] of [
      ['owner', owner],
      ['repository', repo],
    ]) {
      if (!GITHUB_NAME.test(name) || /^\.+$/.test(name)) {
        throw new InputError(
          `repoUrl '${repoUrl}' has an invalid ${what} name '${name}'`,
        );
      }
    }
    const integration = this.options.integrations.github.byHost(host);
    if (!integration) {
      throw new InputError(
        `No GitHub integration is configured for host '${host}'`,
      );
    }
    if (branch !== undefined && !GIT_REF.test(branch)) {
      throw new InputError(`branch '${branch}' is not a valid branch name`);
    }
    let resolved = branch;
    if (resolved === undefined) {
      try {
        const info = await this.api<{ default_branch?: string }>(
          integration,
          owner,
          repo,
          '',
        );
        resolved = info.default_branch ?? 'main';
      } catch (error) {
        logger.warn(
          `Could not read the default branch of ${owner}/${repo}, using 'main': ${error}`,
        );
        resolved = 'main';
      }
      if (!GIT_REF.test(resolved)) {
        throw new Error(`default branch '${resolved}' is not a branch name`);
      }
    }
    if (!resolved.includes('/')) {
      return { host, owner, repo, branch: resolved, ref: resolved };
    }
    // A blob URL cannot tell a branch with a '/' from the file path: read at its commit.
    const found = await this.api<{ object: { sha: string } }>(
      integration,
      owner,
      repo,
      `/git/ref/heads/${resolved}`,
    );
    return { host, owner, repo, branch: resolved, ref: found.object.sha };
  }

  /**
   * One file's content, or undefined when it does not exist at that ref. A file over
   * {@link MAX_REPO_FILE_BYTES} is an InputError.
   */
  async read(
    location: GithubRepoLocation,
    filePath: string,
    signal?: AbortSignal,
  ): Promise<Buffer | undefined> {
    const { host, owner, repo, ref } = location;
    const encoded = filePath.split('/').map(encodeURIComponent).join('/');
    let content: Buffer;
    try {
      const response = await this.options.urlReader.readUrl(
        `https://${host}/${owner}/${repo}/blob/${ref}/${encoded}`,
        { signal },
      );
      content = await response.buffer();
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') return undefined;
      throw error;
    }
    if (content.length > MAX_REPO_FILE_BYTES) {
      throw new InputError(
        `${filePath} is larger than ${MAX_REPO_FILE_BYTES} bytes`,
      );
    }
    return content;
  }

  private async api<T>(
    integration: GithubIntegration,
    owner: string,
    repo: string,
    apiPath: string,
  ): Promise<T> {
    const { headers } = await this.credentials.getCredentials({
      url: `https://${integration.config.host}/${owner}/${repo}`,
    });
    const response = await fetch(
      `${integration.config.apiBaseUrl}/repos/${owner}/${repo}${apiPath}`,
      { headers: { ...headers, Accept: 'application/vnd.github+json' } },
    );
    if (!response.ok) {
      throw new Error(
        `GitHub answered ${response.status} for ${apiPath || '/'}`,
      );
    }
    return (await response.json()) as T;
  }
}
