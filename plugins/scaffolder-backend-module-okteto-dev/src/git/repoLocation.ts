import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/**
 * The Git hosts the okteto-dev actions read from: the integration types whose Backstage
 * `UrlReader` reads single files. Gerrit and the object stores (S3, GCS, Azure Blob) are not
 * repositories a pull request could go to.
 *
 * @public
 */
export type GitHostType =
  | 'github'
  | 'gitlab'
  | 'bitbucketCloud'
  | 'bitbucketServer'
  | 'azure'
  | 'gitea';

const HOST_TYPES: ReadonlySet<string> = new Set<GitHostType>([
  'github',
  'gitlab',
  'bitbucketCloud',
  'bitbucketServer',
  'azure',
  'gitea',
]);

/** One repository on a configured integration, as {@link locateRepository} found it. */
export interface RepoLocation {
  type: GitHostType;
  /** `host[:port]` as in the integration config and the RepoUrlPicker value. */
  host: string;
  /** The path that names the repository on its host: `owner/repo`, `group/sub/repo`, `PROJECT/repo`, `org/project/repo`. */
  path: string;
  /** `host/path`: what `oktetoDev.scaffolder.allowedRepositories` patterns match. */
  repository: string;
  /** The repository's web URL (what the host's `UrlReader` accepts file URLs under). */
  webUrl: string;
  owner?: string;
  repo: string;
  /** Bitbucket Server and Azure DevOps project, Bitbucket Cloud workspace's project. */
  project?: string;
  /** Bitbucket Cloud workspace. */
  workspace?: string;
  /** Azure DevOps organization. */
  organization?: string;
}

/** A name that can be one segment of a repository path: no `/`, `..`, spaces or URL syntax. */
const SEGMENT = /^[A-Za-z0-9_.~-]+$/;

function requireSegments(repoUrl: string, what: string, value: string) {
  const segments = value.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || /^\.+$/.test(segment)) {
      throw new InputError(
        `repoUrl '${repoUrl}' has an invalid ${what} '${value}'`,
      );
    }
  }
  return value;
}

function required(repoUrl: string, what: string, value: string | undefined) {
  if (!value) throw new InputError(`repoUrl '${repoUrl}' names no ${what}`);
  return value;
}

/** The web origin of the integration (a GitLab, Gitea or Bitbucket Server may live under a path). */
function webBase(
  integrations: ScmIntegrationRegistry,
  type: GitHostType,
  host: string,
): string {
  let baseUrl: string | undefined;
  if (type === 'gitlab') {
    baseUrl = integrations.gitlab.byHost(host)?.config.baseUrl;
  } else if (type === 'gitea') {
    baseUrl = integrations.gitea.byHost(host)?.config.baseUrl;
  }
  return (baseUrl ?? `https://${host}`).replace(/\/+$/, '');
}

/**
 * Resolves a repository in RepoUrlPicker form (`github.com?owner=o&repo=r`,
 * `gitlab.com?owner=group/sub&repo=r`, `bitbucket.org?workspace=w&project=P&repo=r`,
 * `bitbucket.example.com?project=P&repo=r`, `dev.azure.com?organization=o&project=p&repo=r`) to a
 * {@link RepoLocation}, through the scaffolder's own `parseRepoUrl` and the integration config.
 * Every name is checked to be a plain path segment, so none can change the URLs built from it. A
 * host without an integration, of an unsupported type, or a GitLab project given by id (its path is
 * what allow-lists match) is an InputError.
 */
export function locateRepository(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): RepoLocation {
  const parsed = parseRepoUrl(repoUrl, integrations);
  const { host } = parsed;
  const type = integrations.byHost(host)?.type;
  if (!type || !HOST_TYPES.has(type)) {
    throw new InputError(
      `Host '${host}' is a ${
        type ?? 'unknown'
      } integration: okteto-dev reads repositories of GitHub, GitLab, Bitbucket Cloud, Bitbucket Server, Azure DevOps and Gitea integrations`,
    );
  }
  const hostType = type as GitHostType;
  const repo = requireSegments(
    repoUrl,
    'repository name',
    required(repoUrl, 'repository', parsed.repo),
  );
  if (repo.includes('/')) {
    throw new InputError(
      `repoUrl '${repoUrl}' has an invalid repository name '${repo}'`,
    );
  }
  const base = webBase(integrations, hostType, host);
  const make = (
    path: string,
    webUrl: string,
    extra: Partial<RepoLocation> = {},
  ): RepoLocation => ({
    type: hostType,
    host,
    path,
    repository: `${host}/${path}`,
    webUrl,
    repo,
    ...extra,
  });
  switch (hostType) {
    case 'bitbucketCloud': {
      const workspace = requireSegments(
        repoUrl,
        'workspace',
        required(repoUrl, 'workspace', parsed.workspace),
      );
      return make(`${workspace}/${repo}`, `${base}/${workspace}/${repo}`, {
        workspace,
        project: parsed.project,
      });
    }
    case 'bitbucketServer': {
      const project = requireSegments(
        repoUrl,
        'project',
        required(repoUrl, 'project', parsed.project),
      );
      return make(
        `${project}/${repo}`,
        `${base}/projects/${project}/repos/${repo}`,
        { project },
      );
    }
    case 'azure': {
      const organization = requireSegments(
        repoUrl,
        'organization',
        required(repoUrl, 'organization', parsed.organization),
      );
      const project = requireSegments(
        repoUrl,
        'project',
        required(repoUrl, 'project', parsed.project),
      );
      return make(
        `${organization}/${project}/${repo}`,
        `${base}/${organization}/${project}/_git/${repo}`,
        { organization, project },
      );
    }
    default: {
      // github, gitlab (owner may be group/subgroup), gitea
      if (hostType === 'gitlab' && !parsed.owner && parsed.project) {
        throw new InputError(
          `repoUrl '${repoUrl}' names a GitLab project by id; give owner (the group path) and repo instead`,
        );
      }
      const owner = requireSegments(
        repoUrl,
        'owner',
        required(repoUrl, 'owner', parsed.owner),
      );
      if (hostType !== 'gitlab' && owner.includes('/')) {
        throw new InputError(
          `repoUrl '${repoUrl}' has an invalid owner '${owner}'`,
        );
      }
      return make(`${owner}/${repo}`, `${base}/${owner}/${repo}`, { owner });
    }
  }
}

/**
 * The URL Git clones the repository from, as the host's web UI shows it: `<web>.git` on GitHub,
 * GitLab and Gitea, `https://bitbucket.org/<workspace>/<repo>.git`,
 * `https://<host>/scm/<PROJECT>/<repo>.git` on Bitbucket Server, and the `_git` URL itself on
 * Azure DevOps. What an Argo CD Application's `repoURL` holds.
 */
export function cloneUrl(location: RepoLocation): string {
  switch (location.type) {
    case 'bitbucketServer':
      return `https://${location.host}/scm/${location.project}/${location.repo}.git`;
    case 'azure':
      return location.webUrl;
    default:
      return `${location.webUrl}.git`;
  }
}

function encodePath(filePath: string): string {
  return filePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * The URL the host's `UrlReader` reads `filePath` from at `ref` (a branch or commit), in the form
 * each reader of `@backstage/backend-defaults` parses: GitHub `…/blob/<ref>/<path>`, GitLab
 * `…/-/blob/<ref>/<path>`, Bitbucket Cloud `…/src/<ref>/<path>`, Bitbucket Server
 * `…/browse/<path>?at=<ref>`, Azure DevOps `…/_git/<repo>?path=/<path>&version=GB<ref>`, Gitea
 * `…/src/branch/<ref>/<path>`. `ref` may hold a `/` only where the reader keeps it apart from the
 * path (GitLab, Bitbucket Server, Azure DevOps; see {@link refNeedsCommit}).
 */
export function fileUrl(
  location: RepoLocation,
  ref: string,
  filePath: string,
): string {
  const { webUrl } = location;
  const file = encodePath(filePath);
  switch (location.type) {
    case 'github':
      return `${webUrl}/blob/${ref}/${file}`;
    case 'gitlab':
      return `${webUrl}/-/blob/${encodeURIComponent(ref)}/${file}`;
    case 'bitbucketCloud':
      return `${webUrl}/src/${ref}/${file}`;
    case 'bitbucketServer':
      return `${webUrl}/browse/${file}?at=${encodeURIComponent(ref)}`;
    case 'azure':
      return `${webUrl}?path=${encodeURIComponent(
        `/${filePath}`,
      )}&version=GB${encodeURIComponent(ref)}`;
    case 'gitea':
      return `${webUrl}/src/branch/${ref}/${file}`;
    default:
      throw new Error(`unsupported host type ${location.type}`);
  }
}

/**
 * Whether a branch name cannot go into {@link fileUrl} as it is: the GitHub, Bitbucket Cloud and
 * Gitea readers split the URL path at every `/` and would take the branch's rest for the file path.
 */
export function refNeedsCommit(location: RepoLocation, ref: string): boolean {
  return (
    ref.includes('/') &&
    (location.type === 'github' ||
      location.type === 'bitbucketCloud' ||
      location.type === 'gitea')
  );
}
