import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { Read, RepoFile } from '../derive/types';

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
    const annotations = entity.metadata.annotations ?? {};
    for (const key of [ANNOTATION_SOURCE_LOCATION, ANNOTATION_LOCATION]) {
      const ref = annotations[key];
      if (!ref) continue;
      try {
        const { type, target } = parseLocationRef(ref);
        if (type === 'url') return target;
      } catch {
        // an unparsable location ref means no repository to read from
      }
    }
    return undefined;
  }

  read(base: string, path: string): Promise<Read<RepoFile>> {
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
    const running = this.inflight.get(url);
    if (running) return running;
    const promise = this.readUrl(url, path).finally(() =>
      this.inflight.delete(url),
    );
    this.inflight.set(url, promise);
    return promise;
  }

  private async readUrl(url: string, path: string): Promise<Read<RepoFile>> {
    try {
      const response = await this.urlReader.readUrl(url);
      const content = (await response.buffer()).toString('utf8');
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
