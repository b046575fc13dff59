import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  replaceGithubUrlType,
  replaceGitLabUrlType,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { Read, RepoFile } from '../derive/types';

/** The URL targets of the entity's source location and of the location it was read from. */
function locationUrls(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const urls: string[] = [];
  for (const key of [ANNOTATION_SOURCE_LOCATION, ANNOTATION_LOCATION]) {
    const ref = annotations[key];
    if (!ref) continue;
    try {
      const { type, target } = parseLocationRef(ref);
      if (type === 'url') urls.push(target);
    } catch {
      // an unparsable location ref means no repository to read from
    }
  }
  return urls;
}

/** Options of {@link RepoFileReader.read}. */
export interface RepoReadOptions {
  /** Keep only whether the file exists (its content comes back empty). */
  presenceOnly?: boolean;
}

/**
 * Reads files of an entity's repository (the Okteto manifest, the `.stignore`) through
 * Backstage's UrlReader, so the same integrations and credentials apply as for the catalog.
 * Concurrent reads of one URL share one request.
 */
export class RepoFileReader {
  private readonly inflight = new Map<string, Promise<Read<RepoFile>>>();

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
  ) {}

  /** The repository URL files are resolved against, or undefined when there is none. */
  repositoryBase(entity: Entity): string | undefined {
    return locationUrls(entity)[0];
  }

  /**
   * The root of the repository (at its ref) that `base` is in: the same for every entity of a
   * monorepo, whatever folder its source location names. `base` itself when it cannot be told.
   */
  repositoryRoot(base: string): string {
    try {
      return this.integrations.resolveUrl({ url: '/', base });
    } catch {
      return base;
    }
  }

  /**
   * The entity's own folder in its repository, relative to the root: its source location, else
   * the folder of its catalog-info.yaml (the usual monorepo layout keeps one inside each app
   * folder). Undefined when that is the repository root or cannot be told.
   */
  entityFolder(entity: Entity): string | undefined {
    for (const url of locationUrls(entity)) {
      let target: URL;
      let root: URL;
      try {
        target = new URL(url);
        root = new URL(this.integrations.resolveUrl({ url: '/', base: url }));
      } catch {
        continue;
      }
      if (target.origin !== root.origin) continue;
      // the root's path ends with the ref (`/owner/repo/tree/main/`); what follows is the folder
      const depth = root.pathname.split('/').filter(Boolean).length;
      const rest = target.pathname.split('/').filter(Boolean).slice(depth);
      if (rest.length > 0 && /\.ya?ml$/.test(rest[rest.length - 1])) rest.pop();
      const folder = rest.map(decodeURIComponent).join('/');
      if (folder && !folder.split('/').includes('..')) return folder;
    }
    return undefined;
  }

  /**
   * A URL to view a file in the repository's web UI (GitHub and GitLab file pages rather than the
   * folder form the integration resolves to); undefined when it cannot be built.
   */
  viewUrl(base: string, path: string): string | undefined {
    let url: string;
    try {
      url = this.integrations.resolveUrl({ url: `/${path}`, base });
    } catch {
      return undefined;
    }
    const type = this.integrations.byUrl(url)?.type;
    if (type === 'github') return replaceGithubUrlType(url, 'blob');
    if (type === 'gitlab') return replaceGitLabUrlType(url, 'blob');
    return url;
  }

  /**
   * A file of the repository; `content` is undefined when it does not exist. With `presenceOnly`
   * (lockfiles, which can be megabytes) a file that exists comes back with empty content.
   */
  read(
    base: string,
    path: string,
    options: RepoReadOptions = {},
  ): Promise<Read<RepoFile>> {
    let url: string;
    try {
      url = this.integrations.resolveUrl({ url: `/${path}`, base });
    } catch {
      return Promise.resolve({
        ok: false,
        error: {
          type: 'unknown',
          message: `Cannot resolve ${path} against ${base}`,
          resource: path,
        },
      });
    }
    const key = options.presenceOnly ? `${url}\npresence` : url;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.readUrl(url, path, options).finally(() =>
      this.inflight.delete(key),
    );
    this.inflight.set(key, promise);
    return promise;
  }

  /**
   * The URL to hand the UrlReader: a file URL resolved against a `tree` source location is a `tree`
   * URL, which the GitHub reader takes (`getGithubFileFetchUrl`: "GitHub is automatically
   * redirecting tree urls to blob urls") but the GitLab reader refuses ("Url path must include
   * /blob/", `getGitLabFileFetchUrl` of `@backstage/integration`): GitLab reads the `blob` form.
   */
  private readableUrl(url: string): string {
    return this.integrations.byUrl(url)?.type === 'gitlab'
      ? replaceGitLabUrlType(url, 'blob')
      : url;
  }

  private async readUrl(
    url: string,
    path: string,
    options: RepoReadOptions,
  ): Promise<Read<RepoFile>> {
    try {
      const response = await this.urlReader.readUrl(this.readableUrl(url));
      const buffer = await response.buffer();
      const content = options.presenceOnly ? '' : buffer.toString('utf8');
      return { ok: true, value: { path, url, content } };
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'NotFoundError') {
        return { ok: true, value: { path, url } };
      }
      const devError: DevError = {
        type: name === 'NotAllowedError' ? 'forbidden' : 'unknown',
        message: `${path}: ${(error as Error)?.message ?? 'read failed'}`.slice(
          0,
          300,
        ),
        resource: url,
      };
      return { ok: false, error: devError };
    }
  }
}
