import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Repo } from './githubStandInRepo';

/**
 * A local stand-in for the parts of the GitHub REST (and one GraphQL) API that the UrlReader and
 * `publish:github:pull-request` use. Git objects are kept in memory: a tree is a flat map of file
 * paths to blob ids, and equal content gives equal ids, so an unchanged file is no change.
 */

/** A pull request opened against the stand-in. */
export interface StandInPullRequest {
  number: number;
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
  /** `merged` after {@link GithubStandIn.merge}. */
  state: 'open' | 'merged';
}

/** The running stand-in. */
export interface GithubStandIn {
  /** Server root, e.g. `http://127.0.0.1:1234`. */
  url: string;
  /** What `integrations.github[].apiBaseUrl` should be. */
  apiBaseUrl: string;
  /** Every request, as `METHOD /path`, in order. */
  requests: string[];
  /** Requests the stand-in did not know how to answer. */
  unhandled: string[];
  pulls: StandInPullRequest[];
  /** Branch names of a repository. */
  branches(owner: string, repo: string): string[];
  /** File contents at the tip of a branch. */
  files(owner: string, repo: string, branch: string): Record<string, string>;
  /** Files whose content differs between two branches (added, changed or deleted). */
  diff(owner: string, repo: string, base: string, head: string): string[];
  /** Merges a pull request: its base branch moves to the head's commit. */
  merge(pull: StandInPullRequest): void;
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** Starts the stand-in on a free local port with the given repositories. */
export async function startGithubStandIn(
  repos: Array<{
    owner: string;
    name: string;
    defaultBranch?: string;
    /** More branches, all at the initial commit. */
    branches?: string[];
    /** More branches, each at a commit of its own with these files. */
    branchFiles?: Record<string, Record<string, string>>;
    files: Record<string, string>;
  }>,
): Promise<GithubStandIn> {
  const store = new Map(
    repos.map(r => {
      const repo = new Repo(
        r.owner,
        r.name,
        r.defaultBranch ?? 'main',
        r.files,
      );
      const initial = repo.refs.get(repo.defaultBranch)!;
      for (const branch of r.branches ?? []) repo.refs.set(branch, initial);
      for (const [branch, files] of Object.entries(r.branchFiles ?? {})) {
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
      return [`${r.owner}/${r.name}`, repo];
    }),
  );
  const requests: string[] = [];
  const unhandled: string[] = [];
  const pulls: StandInPullRequest[] = [];
  let base = '';

  function handle(method: string, url: URL, body: any, accept: string) {
    const path = url.pathname;
    if (method === 'POST' && path === '/api/graphql') {
      const { owner, repo, head } = body.variables ?? {};
      const found = store.get(`${owner}/${repo}`);
      const pr = pulls.find(
        p =>
          p.owner === owner &&
          p.repo === repo &&
          p.head === head &&
          p.state === 'open',
      );
      const ref = found?.refs.has(head)
        ? {
            associatedPullRequests: {
              edges: pr
                ? [
                    {
                      node: {
                        id: `${pr.number}`,
                        number: pr.number,
                        url: `${base}/pull/${pr.number}`,
                      },
                    },
                  ]
                : [],
            },
          }
        : null;
      return { status: 200, json: { data: { repository: { ref } } } };
    }
    const m = path.match(/^\/api\/v3\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    const repo = m ? store.get(`${m[1]}/${m[2]}`) : undefined;
    if (!m || !repo) return undefined;
    const rest = m[3] ?? '';
    const html = `${base}/${repo.owner}/${repo.name}`;

    if (method === 'GET' && rest === '') {
      return {
        status: 200,
        json: {
          id: 1,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          html_url: html,
          owner: { login: repo.owner },
          default_branch: repo.defaultBranch,
          permissions: { admin: true, push: true, pull: true },
        },
      };
    }
    const contents = rest.match(/^\/contents\/(.+)$/);
    if (method === 'GET' && contents) {
      const filePath = decodeURIComponent(contents[1]);
      const sha = repo
        .treeOf(url.searchParams.get('ref') ?? repo.defaultBranch)
        ?.get(filePath);
      if (!sha) return { status: 404, json: { message: 'Not Found' } };
      const content = repo.blobs.get(sha)!;
      if (accept.includes('raw')) return { status: 200, raw: content };
      return {
        status: 200,
        json: {
          type: 'file',
          path: filePath,
          sha,
          encoding: 'base64',
          content: content.toString('base64'),
        },
      };
    }
    if (method === 'GET' && rest === '/commits') {
      const ref = url.searchParams.get('sha') ?? repo.defaultBranch;
      const sha = repo.refs.get(ref);
      if (!sha) return { status: 404, json: { message: 'No commit found' } };
      return {
        status: 200,
        json: [{ sha, commit: { tree: { sha: repo.commits.get(sha)!.tree } } }],
      };
    }
    const getRef = rest.match(/^\/git\/ref\/heads\/(.+)$/);
    if (method === 'GET' && getRef) {
      const sha = repo.refs.get(decodeURIComponent(getRef[1]));
      if (!sha) return { status: 404, json: { message: 'Not Found' } };
      return {
        status: 200,
        json: {
          ref: `refs/heads/${getRef[1]}`,
          object: { sha, type: 'commit' },
        },
      };
    }
    if (method === 'POST' && rest === '/git/blobs') {
      const sha = repo.putBlob(
        Buffer.from(
          body.content,
          body.encoding === 'base64' ? 'base64' : 'utf8',
        ),
      );
      return { status: 201, json: { sha, url: `${html}/git/blobs/${sha}` } };
    }
    if (method === 'POST' && rest === '/git/trees') {
      const tree = new Map(repo.trees.get(body.base_tree) ?? []);
      for (const item of body.tree as Array<{
        path: string;
        sha?: string | null;
        content?: string;
      }>) {
        if (item.content !== undefined)
          tree.set(item.path, repo.putBlob(Buffer.from(item.content)));
        else if (item.sha === null) tree.delete(item.path);
        else tree.set(item.path, item.sha!);
      }
      return { status: 201, json: { sha: repo.putTree(tree) } };
    }
    if (method === 'POST' && rest === '/git/commits') {
      const sha = repo.putCommit({
        tree: body.tree,
        parents: body.parents,
        message: body.message,
      });
      return { status: 201, json: { sha, tree: { sha: body.tree } } };
    }
    if (method === 'POST' && rest === '/git/refs') {
      const branch = String(body.ref).replace(/^refs\/heads\//, '');
      if (repo.refs.has(branch))
        return { status: 422, json: { message: 'Reference already exists' } };
      repo.refs.set(branch, body.sha);
      return {
        status: 201,
        json: { ref: body.ref, object: { sha: body.sha } },
      };
    }
    // Octokit sends the ref as one path parameter: heads%2Fokteto%2Ffix-x.
    const patchRef = decodeURIComponent(rest).match(
      /^\/git\/refs\/heads\/(.+)$/,
    );
    if (method === 'PATCH' && patchRef) {
      repo.refs.set(patchRef[1], body.sha);
      return {
        status: 200,
        json: { ref: `refs/heads/${patchRef[1]}`, object: { sha: body.sha } },
      };
    }
    if (method === 'POST' && rest === '/pulls') {
      const head = String(body.head).split(':').pop()!;
      const pr: StandInPullRequest = {
        number: pulls.length + 1,
        owner: repo.owner,
        repo: repo.name,
        head,
        base: body.base,
        title: body.title,
        body: body.body ?? '',
        state: 'open',
      };
      pulls.push(pr);
      return {
        status: 201,
        json: {
          number: pr.number,
          html_url: `${html}/pull/${pr.number}`,
          base: { ref: pr.base },
          head: { ref: head },
        },
      };
    }
    const patchPull = rest.match(/^\/pulls\/(\d+)$/);
    if (method === 'PATCH' && patchPull) {
      const pr = pulls.find(
        p =>
          p.owner === repo.owner &&
          p.repo === repo.name &&
          p.number === Number(patchPull[1]),
      );
      if (!pr) return { status: 404, json: { message: 'Not Found' } };
      if (body.title !== undefined) pr.title = body.title;
      if (body.body !== undefined) pr.body = body.body;
      return {
        status: 200,
        json: {
          number: pr.number,
          html_url: `${html}/pull/${pr.number}`,
          base: { ref: pr.base },
          head: { ref: pr.head },
        },
      };
    }
    return undefined;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const line = `${req.method} ${url.pathname}`;
    requests.push(line);
    try {
      const body = await readBody(req);
      const answer = handle(
        req.method ?? 'GET',
        url,
        body,
        String(req.headers.accept ?? ''),
      );
      if (!answer) {
        unhandled.push(line);
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"message":"Not Found"}');
      } else if ('raw' in answer) {
        res
          .writeHead(answer.status, {
            'content-type': 'application/vnd.github.v3.raw',
          })
          .end(answer.raw);
      } else {
        res
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer.json));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repoOf = (owner: string, name: string) => {
    const repo = store.get(`${owner}/${name}`);
    if (!repo) throw new Error(`no repository ${owner}/${name}`);
    return repo;
  };
  return {
    url: base,
    apiBaseUrl: `${base}/api/v3`,
    requests,
    unhandled,
    pulls,
    branches: (owner, name) => [...repoOf(owner, name).refs.keys()],
    files: (owner, name, branch) => repoOf(owner, name).filesAt(branch),
    diff(owner, name, from, to) {
      const repo = repoOf(owner, name);
      const a = repo.treeOf(from) ?? new Map();
      const b = repo.treeOf(to) ?? new Map();
      const paths = new Set([...a.keys(), ...b.keys()]);
      return [...paths].filter(p => a.get(p) !== b.get(p)).sort();
    },
    merge(pull) {
      const repo = repoOf(pull.owner, pull.repo);
      repo.refs.set(pull.base, repo.refs.get(pull.head)!);
      pull.state = 'merged';
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
