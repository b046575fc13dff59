import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, isError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  ALLOWED_REPOSITORIES_KEY,
  RepositoryAllowList,
} from './allowedRepositories';
import { GitIdentityOptions, ReadIdentity, readIdentity } from './gitIdentity';
import {
  fileUrl,
  locateRepository,
  refNeedsCommit,
  RepoLocation,
} from './repoLocation';
import { RepoRefs } from './repoRefs';

/** Files larger than this are refused. */
export const MAX_REPO_FILE_BYTES = 1024 * 1024;

const GIT_REF = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]+$/;

/** A repository the caller may read, at one ref, as {@link RepoFiles.open} found it. */
export interface OpenRepository {
  location: RepoLocation;
  identity: ReadIdentity;
  /** The branch asked for, or the repository's default branch. */
  branch: string;
  /** What file URLs use: the branch, or its commit where the URL cannot hold its name. */
  ref: string;
}

/** How the okteto-dev actions may reach repositories: `oktetoDev.scaffolder` and Backstage's own setting. */
export interface RepoAccessOptions extends GitIdentityOptions {
  /** `oktetoDev.scaffolder.allowedRepositories`. */
  allowedRepositories: string[];
}

/** Reads {@link RepoAccessOptions} from the backend config. */
export function readRepoAccessOptions(config?: Config): RepoAccessOptions {
  return {
    allowedRepositories:
      config?.getOptionalStringArray(ALLOWED_REPOSITORIES_KEY) ?? [],
    allowIntegrationCredentials:
      config?.getOptionalBoolean(
        'oktetoDev.scaffolder.allowIntegrationCredentials',
      ) ?? false,
    requireScmUserCredentials:
      config?.getOptionalBoolean('scaffolder.requireScmUserCredentials') ??
      false,
  };
}

/**
 * The repository of a RepoUrlPicker value, if the caller may use it: one of
 * `oktetoDev.scaffolder.allowedRepositories`, and an allowed identity (see `readIdentity`). No
 * request is made; bad input is an InputError, a refusal a NotAllowedError.
 */
export function authorizeRepository(
  repoUrl: string,
  token: string | undefined,
  integrations: ScmIntegrationRegistry,
  access: RepoAccessOptions,
): { location: RepoLocation; identity: ReadIdentity } {
  const location = locateRepository(repoUrl, integrations);
  new RepositoryAllowList(access.allowedRepositories).check(location);
  return { location, identity: readIdentity(location, token, access) };
}

/**
 * Read access to files of repositories on any Git host Backstage integrates (GitHub, GitLab,
 * Bitbucket Cloud and Server, Azure DevOps, Gitea), shared by the okteto-dev actions and the
 * autocomplete provider. Every file goes through the backend's `UrlReader` (the integration's own
 * reader), with the user's token where the reader takes one. Before anything is read, the
 * repository must be in `oktetoDev.scaffolder.allowedRepositories` and the identity must be
 * allowed (see `readIdentity`).
 */
export class RepoFiles {
  private readonly refs: RepoRefs;

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      access: RepoAccessOptions;
    },
  ) {
    this.refs = new RepoRefs(options.integrations);
  }

  /**
   * {@link authorizeRepository}, then the branch (default: the repository's default branch, read
   * with the same identity, so an unreadable repository fails here) and the ref file URLs use.
   */
  async open(
    repoUrl: string,
    options: { branch?: string; token?: string },
  ): Promise<OpenRepository> {
    const { location, identity } = authorizeRepository(
      repoUrl,
      options.token,
      this.options.integrations,
      this.options.access,
    );
    const { branch } = options;
    if (branch !== undefined && !GIT_REF.test(branch)) {
      throw new InputError(`branch '${branch}' is not a valid branch name`);
    }
    const resolved =
      branch ?? (await this.refs.defaultBranch(location, identity));
    const ref = refNeedsCommit(location, resolved)
      ? await this.refs.branchCommit(location, identity, resolved)
      : resolved;
    return { location, identity, branch: resolved, ref };
  }

  /**
   * One file's content, or undefined when it does not exist at that ref. A file over
   * {@link MAX_REPO_FILE_BYTES} is an InputError.
   */
  async read(
    repository: OpenRepository,
    filePath: string,
    signal?: AbortSignal,
  ): Promise<Buffer | undefined> {
    const { location, identity, ref } = repository;
    let content: Buffer;
    try {
      const response = await this.options.urlReader.readUrl(
        fileUrl(location, ref, filePath),
        {
          signal,
          ...(identity.kind === 'user' ? { token: identity.token } : {}),
        },
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
}
