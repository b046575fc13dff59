import { NotAllowedError } from '@backstage/errors';
import { minimatch } from 'minimatch';
import { RepoLocation } from './repoLocation';

/** The config key holding the patterns. */
export const ALLOWED_REPOSITORIES_KEY =
  'oktetoDev.scaffolder.allowedRepositories';

/**
 * Which repositories the okteto-dev actions may read and the templates may open pull requests in:
 * `oktetoDev.scaffolder.allowedRepositories`, globs over `host/path` (`github.com/NeoGrAIph/web-core`,
 * `github.com/acme/*`, `gitlab.example.com/platform/**`), matched by `minimatch` without regard to
 * case (GitHub, GitLab and Bitbucket treat owner and repository names so). `*` stays within one
 * path segment, `**` spans GitLab subgroups. Nothing configured allows nothing.
 */
export class RepositoryAllowList {
  private readonly patterns: string[];

  constructor(patterns: readonly string[] | undefined) {
    this.patterns = (patterns ?? [])
      .map(p =>
        p
          .trim()
          .replace(/^https?:\/\//, '')
          .replace(/\/+$/, ''),
      )
      .filter(Boolean);
  }

  /** Whether `repository` (`host/path`) matches one of the patterns. */
  allows(repository: string): boolean {
    return this.patterns.some(pattern =>
      minimatch(repository, pattern, { nocase: true, dot: true }),
    );
  }

  /** Throws a NotAllowedError unless the location's repository is allowed. */
  check(location: RepoLocation): void {
    if (this.allows(location.repository)) return;
    throw new NotAllowedError(
      this.patterns.length === 0
        ? `${location.repository} is not an allowed repository: ${ALLOWED_REPOSITORIES_KEY} lists none, so the okteto-dev actions read and change no repository`
        : `${
            location.repository
          } is not an allowed repository (${ALLOWED_REPOSITORIES_KEY}: ${this.patterns.join(
            ', ',
          )})`,
    );
  }
}
