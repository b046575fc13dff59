import { createHash } from 'node:crypto';

interface Commit {
  tree: string;
  parents: string[];
  message: string;
  /** The login of the user whose token made the commit. */
  author?: string;
}

/** What a user may do in a repository of a stand-in. */
export type StandInPermission = 'read' | 'write';

/**
 * The tokens the stand-ins know by default, and whose they are: the integration's (what
 * `integrations.<host>[].token` holds in the tests) and two users'.
 */
export const STAND_IN_TOKENS = {
  integration: 'integration-token',
  alice: 'alice-token',
  bob: 'bob-token',
} as const;

/** Token → login of {@link STAND_IN_TOKENS}. */
export const DEFAULT_STAND_IN_USERS: Record<string, string> = {
  [STAND_IN_TOKENS.integration]: 'backstage-integration',
  [STAND_IN_TOKENS.alice]: 'alice',
  [STAND_IN_TOKENS.bob]: 'bob',
};

/** A repository as the tests seed a stand-in with it. */
export interface StandInRepoSeed {
  owner: string;
  name: string;
  defaultBranch?: string;
  /** More branches, all at the initial commit. */
  branches?: string[];
  /** More branches, each at a commit of its own with these files. */
  branchFiles?: Record<string, Record<string, string>>;
  files: Record<string, string>;
  /**
   * Who may read or write, by login. Without it the repository is public: anyone reads, any known
   * user writes. With it only the members do; to anyone else it does not exist (404), as GitHub
   * and GitLab answer for a private repository.
   */
  members?: Record<string, StandInPermission>;
}

/** One repository of a stand-in: blobs, flat trees, commits and branches, in memory. */
export class Repo {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, Commit>();
  readonly refs = new Map<string, string>();

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch: string,
    files: Record<string, string>,
    readonly members?: Record<string, StandInPermission>,
  ) {
    const tree = new Map<string, string>();
    for (const [path, content] of Object.entries(files)) {
      tree.set(path, this.putBlob(Buffer.from(content)));
    }
    const treeSha = this.putTree(tree);
    this.refs.set(
      defaultBranch,
      this.putCommit({ tree: treeSha, parents: [], message: 'initial' }),
    );
  }

  /** A repository from its seed, with its extra branches. */
  static seed(seed: StandInRepoSeed): Repo {
    const repo = new Repo(
      seed.owner,
      seed.name,
      seed.defaultBranch ?? 'main',
      seed.files,
      seed.members,
    );
    const initial = repo.refs.get(repo.defaultBranch)!;
    for (const branch of seed.branches ?? []) repo.refs.set(branch, initial);
    for (const [branch, files] of Object.entries(seed.branchFiles ?? {})) {
      const tree = new Map(
        Object.entries(files).map(([p, c]) => [
          p,
          repo.putBlob(Buffer.from(c)),
        ]),
      );
      repo.refs.set(
        branch,
        repo.putCommit({
          tree: repo.putTree(tree),
          parents: [initial],
          message: branch,
        }),
      );
    }
    return repo;
  }

  /** What `login` (undefined: anonymous) may do here. */
  permission(login: string | undefined): StandInPermission | undefined {
    if (!this.members) return login ? 'write' : 'read';
    return login ? this.members[login] : undefined;
  }

  private static hash(kind: string, data: string | Buffer): string {
    return createHash('sha1').update(kind).update(data).digest('hex');
  }
  /** Stores a blob under its Git object id (`sha1("blob <size>\0" + content)`), as hosts report it. */
  putBlob(content: Buffer): string {
    const sha = createHash('sha1')
      .update(`blob ${content.length}\0`)
      .update(content)
      .digest('hex');
    this.blobs.set(sha, content);
    return sha;
  }
  putTree(tree: Map<string, string>): string {
    const sorted = [...tree.entries()].sort(([a], [b]) => a.localeCompare(b));
    const sha = Repo.hash('tree', JSON.stringify(sorted));
    this.trees.set(sha, new Map(sorted));
    return sha;
  }
  putCommit(commit: Commit): string {
    const sha = Repo.hash(
      'commit',
      JSON.stringify([commit, this.commits.size]),
    );
    this.commits.set(sha, commit);
    return sha;
  }
  treeOf(refOrSha: string): Map<string, string> | undefined {
    const commitSha = this.refs.get(refOrSha) ?? refOrSha;
    const commit = this.commits.get(commitSha);
    return commit ? this.trees.get(commit.tree) : undefined;
  }
  filesAt(ref: string): Record<string, string> {
    const tree = this.treeOf(ref) ?? new Map();
    return Object.fromEntries(
      [...tree.entries()].map(([path, sha]) => [
        path,
        this.blobs.get(sha)!.toString('utf8'),
      ]),
    );
  }
  /** Paths whose content differs between two refs (added, changed or deleted). */
  diff(from: string, to: string): string[] {
    const a = this.treeOf(from) ?? new Map();
    const b = this.treeOf(to) ?? new Map();
    const paths = new Set([...a.keys(), ...b.keys()]);
    return [...paths].filter(p => a.get(p) !== b.get(p)).sort();
  }
  /** The authors of the commits on `ref` that are not on `base`, newest first. */
  authorsSince(base: string, ref: string): string[] {
    const stop = this.refs.get(base) ?? base;
    const authors: string[] = [];
    let sha: string | undefined = this.refs.get(ref) ?? ref;
    while (sha && sha !== stop) {
      const commit = this.commits.get(sha);
      if (!commit) break;
      if (commit.author) authors.push(commit.author);
      sha = commit.parents[0];
    }
    return authors;
  }
}
