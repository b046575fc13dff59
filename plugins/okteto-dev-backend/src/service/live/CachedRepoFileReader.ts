import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { Read, RepoFile } from '../derive/types';
import { RepoFileReader, RepoReadOptions } from '../repo/RepoFileReader';

/** A failed read is tried again after at most this long. */
const ERROR_TTL_MS = 30_000;

interface Entry {
  at: number;
  read: Promise<Read<RepoFile>>;
  failed?: boolean;
}

/** Repository files by URL, least recently used first out. */
export class RepoFileCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 5000) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, entry);
  }

  /** Drops every entry whose key starts with `prefix`. */
  dropPrefix(prefix: string): number {
    let dropped = 0;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The Git revisions Argo CD compared each repository at, as the derivations see them: a revision
 * never seen for its repository means a new commit there, so the files cached from it may be old.
 * A bounded set per repository, so that an Application not yet refreshed (still at the commit
 * before) is not taken for another new commit.
 */
export class RepositoryRevisions {
  private readonly seen = new Map<string, string[]>();

  constructor(private readonly perRepository = 32) {}

  /** Records `revision` for `base`; true when it is new there and the base was seen before. */
  observe(base: string, revision: string): boolean {
    const known = this.seen.get(base);
    if (!known) {
      this.seen.set(base, [revision]);
      return false;
    }
    if (known.includes(revision)) return false;
    known.push(revision);
    if (known.length > this.perRepository) known.shift();
    return true;
  }
}

/**
 * The repository reader with a TTL cache by URL: the Okteto manifest, `.stignore` files and
 * `package.json` are not in the cluster, so watches cannot keep them current; within the TTL a
 * view costs no repository read. Views use the TTL; the live tracker's background derivations
 * take a cached file at any age ({@link CachedRepoFileReader.anyAge}) and read only what was never
 * read, so re-deriving thousands of entities costs no repository reads.
 */
export class CachedRepoFileReader extends RepoFileReader {
  constructor(
    private readonly reader: UrlReaderService,
    private readonly scm: ScmIntegrationRegistry,
    private readonly ttlMs: number,
    private readonly cache = new RepoFileCache(),
    private readonly now: () => number = Date.now,
  ) {
    super(reader, scm);
  }

  /** The same cache, with cached files reused whatever their age. */
  anyAge(): CachedRepoFileReader {
    return new CachedRepoFileReader(
      this.reader,
      this.scm,
      Number.POSITIVE_INFINITY,
      this.cache,
      this.now,
    );
  }

  /**
   * Forgets every file read from the repository at `base` (a new commit there: the next reads go
   * to the repository); returns how many were dropped.
   */
  invalidate(base: string): number {
    return this.cache.dropPrefix(`${base}\n`);
  }

  override read(
    base: string,
    path: string,
    options: RepoReadOptions = {},
  ): Promise<Read<RepoFile>> {
    const key = `${base}\n${path}${options.presenceOnly ? '\npresence' : ''}`;
    const hit = this.cache.get(key);
    const now = this.now();
    if (hit) {
      const ttl = hit.failed ? Math.min(this.ttlMs, ERROR_TTL_MS) : this.ttlMs;
      if (now - hit.at < ttl) return hit.read;
    }
    const entry: Entry = { at: now, read: super.read(base, path, options) };
    this.cache.set(key, entry);
    entry.read.then(read => {
      entry.failed = !read.ok;
    });
    return entry.read;
  }
}
