import { createHash } from 'node:crypto';
import { DEFAULT_STAND_IN_USERS, Repo, StandInRepoSeed } from './standInRepo';
import {
  requestToken,
  StandInAnswer,
  StandInRequest,
  startStandInServer,
} from './standInServer';

/**
 * A local stand-in for the parts of the GitLab REST API (v4) that Backstage's `GitlabUrlReader`
 * (`GET /projects/:id/repository/files/:path/raw?ref=`), okteto-dev's default-branch lookup
 * (`GET /projects/:id`) and `publish:gitlab:merge-request` of
 * `@backstage/plugin-scaffolder-backend-module-gitlab` (through gitbeaker: the tree, branches,
 * commits with actions, merge requests) call — read from the installed module's
 * `dist/actions/gitlabMergeRequest.cjs.js` and `dist/util.cjs.js`. Projects are addressed by their
 * URL-encoded path (`group%2Fsub%2Frepo`), as both clients do. Authentication as GitLab's:
 * `Authorization: Bearer <token>` (OAuth, the user's) or `PRIVATE-TOKEN` (the integration's); an
 * unknown token is a 401, a project with `members` is private (404 to anyone else), writes need
 * `write` (403).
 */

/** A merge request opened against the stand-in. */
export interface StandInMergeRequest {
  iid: number;
  /** The project path, `group/repo`. */
  project: string;
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description: string;
  removeSourceBranch: boolean;
  /** The login of the token that opened it. */
  author?: string;
  state: 'opened' | 'merged';
}

/** The running stand-in. */
export interface GitlabStandIn {
  /** Server root, e.g. `http://127.0.0.1:1234`: the integration's `baseUrl` and `host`. */
  url: string;
  /** `host:port`, what the integration's `host` and RepoUrlPicker values use. */
  host: string;
  /** What `integrations.gitlab[].apiBaseUrl` should be. */
  apiBaseUrl: string;
  requests: string[];
  unhandled: string[];
  /** Every request as `<login or -> METHOD /path`: whose token each one carried. */
  requestsAs: string[];
  /** Requests refused for their token or the project's members, as `METHOD /path status`. */
  refused: string[];
  mergeRequests: StandInMergeRequest[];
  branches(project: string): string[];
  files(project: string, branch: string): Record<string, string>;
  diff(project: string, base: string, head: string): string[];
  commitAuthors(project: string, base: string, head: string): string[];
  /** Merges a merge request: the target branch moves to the source's commit. */
  merge(mr: StandInMergeRequest): void;
  close(): Promise<void>;
}

interface CommitAction {
  action: 'create' | 'update' | 'delete' | 'move' | 'chmod';
  file_path: string;
  content?: string;
  encoding?: 'text' | 'base64';
}

/** Starts the stand-in; `owner` of a seed is the project's namespace (`group` or `group/sub`). */
export async function startGitlabStandIn(
  projects: StandInRepoSeed[],
  options: { users?: Record<string, string> } = {},
): Promise<GitlabStandIn> {
  const users = options.users ?? DEFAULT_STAND_IN_USERS;
  const store = new Map(
    projects.map(p => [`${p.owner}/${p.name}`, Repo.seed(p)]),
  );
  const ids = new Map([...store.keys()].map((path, i) => [path, i + 1]));
  const mergeRequests: StandInMergeRequest[] = [];
  const refused: string[] = [];
  const requestsAs: string[] = [];

  function handle(request: StandInRequest, base: string): StandInAnswer {
    const { method, url, body, segments } = request;
    const token = requestToken(request.headers);
    const login = token === undefined ? undefined : users[token];
    requestsAs.push(`${login ?? '-'} ${method} ${url.pathname}`);
    const refuse = (status: number, message: string): StandInAnswer => {
      refused.push(`${method} ${url.pathname} ${status}`);
      return { status, json: { message } };
    };
    if (token !== undefined && login === undefined) {
      return refuse(401, '401 Unauthorized');
    }
    if (
      segments[0] !== 'api' ||
      segments[1] !== 'v4' ||
      segments[2] !== 'projects' ||
      segments.length < 4
    ) {
      return undefined;
    }
    const path = segments[3];
    const repo = store.get(path);
    const permission = repo?.permission(login);
    if (!repo || !permission) return refuse(404, '404 Project Not Found');
    if (method !== 'GET' && permission !== 'write') {
      return refuse(login ? 403 : 401, '403 Forbidden');
    }
    const rest = segments.slice(4);
    const web = `${base}/${path}`;
    const commitOf = (ref: string) => repo.refs.get(ref) ?? ref;
    const branchJson = (name: string) => ({
      name,
      commit: { id: repo.refs.get(name) },
      default: name === repo.defaultBranch,
      web_url: `${web}/-/tree/${encodeURIComponent(name)}`,
    });
    const mrJson = (mr: StandInMergeRequest) => ({
      id: mr.iid,
      iid: mr.iid,
      project_id: ids.get(path),
      source_branch: mr.sourceBranch,
      target_branch: mr.targetBranch,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      web_url: `${web}/-/merge_requests/${mr.iid}`,
    });

    if (method === 'GET' && rest.length === 0) {
      return {
        status: 200,
        json: {
          id: ids.get(path),
          path: repo.name,
          path_with_namespace: path,
          default_branch: repo.defaultBranch,
          web_url: web,
          visibility: repo.members ? 'private' : 'public',
        },
      };
    }
    // repository/files/:file_path[/raw]
    if (rest[0] === 'repository' && rest[1] === 'files' && method === 'GET') {
      const raw = rest[rest.length - 1] === 'raw' && rest.length === 4;
      const filePath = rest[2];
      const ref = url.searchParams.get('ref') ?? repo.defaultBranch;
      const sha = repo.treeOf(commitOf(ref))?.get(filePath);
      if (!sha) return { status: 404, json: { message: '404 File Not Found' } };
      const content = repo.blobs.get(sha)!;
      if (raw) {
        return { status: 200, raw: content, contentType: 'text/plain' };
      }
      return {
        status: 200,
        json: {
          file_path: filePath,
          ref,
          blob_id: sha,
          encoding: 'base64',
          content: content.toString('base64'),
          content_sha256: createHash('sha256').update(content).digest('hex'),
        },
      };
    }
    if (method === 'GET' && rest.join('/') === 'repository/tree') {
      const ref = url.searchParams.get('ref') ?? repo.defaultBranch;
      const tree = repo.treeOf(commitOf(ref));
      if (!tree)
        return { status: 404, json: { message: '404 Tree Not Found' } };
      const under = url.searchParams.get('path');
      return {
        status: 200,
        json: [...tree.entries()]
          .filter(([p]) => !under || p.startsWith(`${under}/`))
          .map(([p, id]) => ({
            id,
            name: p.split('/').pop(),
            type: 'blob',
            path: p,
            mode: '100644',
          })),
      };
    }
    if (rest[0] === 'repository' && rest[1] === 'branches') {
      if (method === 'GET' && rest.length === 3) {
        return repo.refs.has(rest[2])
          ? { status: 200, json: branchJson(rest[2]) }
          : { status: 404, json: { message: '404 Branch Not Found' } };
      }
      if (method === 'POST' && rest.length === 2) {
        const name = String(body.branch);
        if (repo.refs.has(name)) {
          return { status: 400, json: { message: 'Branch already exists' } };
        }
        const from = repo.refs.get(String(body.ref)) ?? String(body.ref);
        if (!repo.commits.has(from)) {
          return { status: 400, json: { message: 'Invalid reference name' } };
        }
        repo.refs.set(name, from);
        return { status: 201, json: branchJson(name) };
      }
    }
    if (method === 'POST' && rest.join('/') === 'repository/commits') {
      const branch = String(body.branch);
      const parent = repo.refs.get(branch);
      if (!parent) {
        return {
          status: 400,
          json: {
            message:
              'You can only create or edit files when you are on a branch',
          },
        };
      }
      const tree = new Map(repo.treeOf(parent) ?? []);
      for (const action of (body.actions ?? []) as CommitAction[]) {
        const exists = tree.has(action.file_path);
        if (action.action === 'create' && exists) {
          return {
            status: 400,
            json: { message: 'A file with this name already exists' },
          };
        }
        if (
          (action.action === 'update' || action.action === 'delete') &&
          !exists
        ) {
          return {
            status: 400,
            json: { message: "A file with this name doesn't exist" },
          };
        }
        if (action.action === 'delete') {
          tree.delete(action.file_path);
        } else if (action.action === 'create' || action.action === 'update') {
          tree.set(
            action.file_path,
            repo.putBlob(
              Buffer.from(
                action.content ?? '',
                action.encoding === 'base64' ? 'base64' : 'utf8',
              ),
            ),
          );
        }
      }
      const sha = repo.putCommit({
        tree: repo.putTree(tree),
        parents: [parent],
        message: String(body.commit_message ?? ''),
        author: login,
      });
      repo.refs.set(branch, sha);
      return {
        status: 201,
        json: {
          id: sha,
          short_id: sha.slice(0, 8),
          title: body.commit_message,
        },
      };
    }
    if (rest.length === 1 && rest[0] === 'merge_requests') {
      if (method === 'GET') {
        const source = url.searchParams.get('source_branch');
        return {
          status: 200,
          json: mergeRequests
            .filter(
              mr =>
                mr.project === path && (!source || mr.sourceBranch === source),
            )
            .map(mrJson),
        };
      }
      if (method === 'POST') {
        const source = String(body.source_branch);
        const target = String(body.target_branch);
        if (!repo.refs.has(source) || !repo.refs.has(target)) {
          return { status: 404, json: { message: '404 Branch Not Found' } };
        }
        const open = mergeRequests.find(
          mr =>
            mr.project === path &&
            mr.sourceBranch === source &&
            mr.state === 'opened',
        );
        if (open) {
          return {
            status: 409,
            json: {
              message: [
                `Another open merge request already exists for this source branch: !${open.iid}`,
              ],
            },
          };
        }
        const mr: StandInMergeRequest = {
          iid: mergeRequests.filter(m => m.project === path).length + 1,
          project: path,
          sourceBranch: source,
          targetBranch: target,
          title: String(body.title),
          description: String(body.description ?? ''),
          removeSourceBranch: Boolean(body.remove_source_branch),
          author: login,
          state: 'opened',
        };
        mergeRequests.push(mr);
        return { status: 201, json: mrJson(mr) };
      }
    }
    return undefined;
  }

  const server = await startStandInServer(handle);
  const repoOf = (project: string) => {
    const repo = store.get(project);
    if (!repo) throw new Error(`no project ${project}`);
    return repo;
  };
  return {
    url: server.url,
    host: new URL(server.url).host,
    apiBaseUrl: `${server.url}/api/v4`,
    requests: server.requests,
    unhandled: server.unhandled,
    refused,
    requestsAs,
    mergeRequests,
    branches: project => [...repoOf(project).refs.keys()],
    files: (project, branch) => repoOf(project).filesAt(branch),
    diff: (project, from, to) => repoOf(project).diff(from, to),
    commitAuthors: (project, from, to) =>
      repoOf(project).authorsSince(from, to),
    merge(mr) {
      const repo = repoOf(mr.project);
      repo.refs.set(mr.targetBranch, repo.refs.get(mr.sourceBranch)!);
      if (mr.removeSourceBranch) repo.refs.delete(mr.sourceBranch);
      mr.state = 'merged';
    },
    close: server.close,
  };
}
