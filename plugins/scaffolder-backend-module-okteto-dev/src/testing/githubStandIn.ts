import { DEFAULT_STAND_IN_USERS, Repo, StandInRepoSeed } from './standInRepo';
import {
  requestToken,
  StandInAnswer,
  StandInRequest,
  startStandInServer,
} from './standInServer';

/**
 * A local stand-in for the parts of the GitHub REST (and one GraphQL) API that Backstage's GitHub
 * `UrlReader`, okteto-dev's default-branch lookup and `publish:github:pull-request` use. Git
 * objects are kept in memory: a tree is a flat map of file paths to blob ids, and equal content
 * gives equal ids, so an unchanged file is no change. Requests are authenticated like GitHub's:
 * `Authorization: Bearer|token <token>` names a user (an unknown token is a 401); a repository with
 * `members` is private — to anyone else it does not exist (404) — and writing needs `write`.
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
  /** The login of the token that opened it. */
  author?: string;
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
  /** Every request as `<login or -> METHOD /path`: whose token each one carried. */
  requestsAs: string[];
  /** Requests refused for their token or the repository's members, as `METHOD /path status`. */
  refused: string[];
  pulls: StandInPullRequest[];
  /** Branch names of a repository. */
  branches(owner: string, repo: string): string[];
  /** File contents at the tip of a branch. */
  files(owner: string, repo: string, branch: string): Record<string, string>;
  /** Files whose content differs between two branches (added, changed or deleted). */
  diff(owner: string, repo: string, base: string, head: string): string[];
  /** Who made the commits on `head` that are not on `base`. */
  commitAuthors(
    owner: string,
    repo: string,
    base: string,
    head: string,
  ): string[];
  /** Merges a pull request: its base branch moves to the head's commit. */
  merge(pull: StandInPullRequest): void;
  close(): Promise<void>;
}

/** Starts the stand-in on a free local port with the given repositories. */
export async function startGithubStandIn(
  repos: StandInRepoSeed[],
  options: {
    /** Token → login. Default: {@link DEFAULT_STAND_IN_USERS}. */
    users?: Record<string, string>;
  } = {},
): Promise<GithubStandIn> {
  const users = options.users ?? DEFAULT_STAND_IN_USERS;
  const store = new Map(repos.map(r => [`${r.owner}/${r.name}`, Repo.seed(r)]));
  const pulls: StandInPullRequest[] = [];
  const refused: string[] = [];
  const requestsAs: string[] = [];

  function handle(request: StandInRequest, base: string): StandInAnswer {
    const { method, url, body } = request;
    const path = url.pathname;
    const token = requestToken(request.headers);
    const login = token === undefined ? undefined : users[token];
    requestsAs.push(`${login ?? '-'} ${method} ${url.pathname}`);
    const refuse = (status: number, message: string): StandInAnswer => {
      refused.push(`${method} ${path} ${status}`);
      return { status, json: { message } };
    };
    if (token !== undefined && login === undefined) {
      return refuse(401, 'Bad credentials');
    }
    /** The repository if `login` may use it for this method, else the refusal. */
    const access = (
      repo: Repo | undefined,
      write: boolean,
    ): { repo: Repo } | { answer: StandInAnswer } => {
      const permission = repo?.permission(login);
      if (!repo || !permission) return { answer: refuse(404, 'Not Found') };
      if (write && permission !== 'write') {
        return {
          answer: refuse(
            login ? 403 : 401,
            login ? 'Resource not accessible' : 'Requires authentication',
          ),
        };
      }
      return { repo };
    };

    if (method === 'POST' && path === '/api/graphql') {
      const { owner, repo: name, head } = body.variables ?? {};
      const allowed = access(store.get(`${owner}/${name}`), false);
      if ('answer' in allowed) {
        return { status: 200, json: { data: { repository: null } } };
      }
      const found = allowed.repo;
      const pr = pulls.find(
        p =>
          p.owner === owner &&
          p.repo === name &&
          p.head === head &&
          p.state === 'open',
      );
      const ref = found.refs.has(head)
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
    if (method === 'GET' && path === '/api/v3/user/repos') {
      // what RepoUrlPicker's owner/repository autocomplete lists: the repositories the user reads
      if (!login) return refuse(401, 'Requires authentication');
      return {
        status: 200,
        json: [...store.values()]
          .filter(r => r.permission(login))
          .map(r => ({
            name: r.name,
            full_name: `${r.owner}/${r.name}`,
            owner: { login: r.owner },
          })),
      };
    }
    const m = path.match(/^\/api\/v3\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    if (!m) return undefined;
    const allowed = access(store.get(`${m[1]}/${m[2]}`), method !== 'GET');
    if ('answer' in allowed) return allowed.answer;
    const repo = allowed.repo;
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
          private: Boolean(repo.members),
          owner: { login: repo.owner },
          default_branch: repo.defaultBranch,
          permissions: {
            admin: false,
            push: repo.permission(login) === 'write',
            pull: true,
          },
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
      if (String(request.headers.accept ?? '').includes('raw')) {
        return {
          status: 200,
          raw: content,
          contentType: 'application/vnd.github.v3.raw',
        };
      }
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
      const branch = decodeURIComponent(getRef[1]);
      const sha = repo.refs.get(branch);
      if (!sha) return { status: 404, json: { message: 'Not Found' } };
      return {
        status: 200,
        json: { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } },
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
        author: login,
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
        author: login,
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

  const server = await startStandInServer(handle);
  const repoOf = (owner: string, name: string) => {
    const repo = store.get(`${owner}/${name}`);
    if (!repo) throw new Error(`no repository ${owner}/${name}`);
    return repo;
  };
  return {
    url: server.url,
    apiBaseUrl: `${server.url}/api/v3`,
    requests: server.requests,
    unhandled: server.unhandled,
    refused,
    requestsAs,
    pulls,
    branches: (owner, name) => [...repoOf(owner, name).refs.keys()],
    files: (owner, name, branch) => repoOf(owner, name).filesAt(branch),
    diff: (owner, name, from, to) => repoOf(owner, name).diff(from, to),
    commitAuthors: (owner, name, from, to) =>
      repoOf(owner, name).authorsSince(from, to),
    merge(pull) {
      const repo = repoOf(pull.owner, pull.repo);
      repo.refs.set(pull.base, repo.refs.get(pull.head)!);
      pull.state = 'merged';
    },
    close: server.close,
  };
}
