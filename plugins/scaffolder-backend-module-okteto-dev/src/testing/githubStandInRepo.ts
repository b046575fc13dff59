import { createHash } from 'node:crypto';

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}

/** One repository of the stand-in: blobs, flat trees, commits and branches, in memory. */
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

  private static hash(kind: string, data: string | Buffer): string {
    return createHash('sha1').update(kind).update(data).digest('hex');
  }
  putBlob(content: Buffer): string {
    const sha = Repo.hash('blob', content);
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
}
