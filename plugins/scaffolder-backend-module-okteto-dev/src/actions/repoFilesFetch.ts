import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegration,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { joinRepoPath } from '@okteto-dev/plugin-okteto-dev-common';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { examples } from './repoFilesFetch.examples';
import { resolveWorkspacePath, writeText } from './workspaceFiles';

const GIT_REF = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]+$/;
const MAX_FILE_BYTES = 1024 * 1024;

async function githubApi<T>(
  integration: GithubIntegration,
  credentials: DefaultGithubCredentialsProvider,
  owner: string,
  repo: string,
  apiPath: string,
): Promise<T> {
  const { headers } = await credentials.getCredentials({
    url: `https://${integration.config.host}/${owner}/${repo}`,
  });
  const response = await fetch(
    `${integration.config.apiBaseUrl}/repos/${owner}/${repo}${apiPath}`,
    { headers: { ...headers, Accept: 'application/vnd.github+json' } },
  );
  if (!response.ok) {
    throw new Error(`GitHub answered ${response.status} for ${apiPath || '/'}`);
  }
  return (await response.json()) as T;
}

/**
 * The ref to read files at: the branch itself, or its commit when the name holds a `/` (a blob URL
 * cannot tell such a branch from the file path).
 */
async function resolveRef(options: {
  integration: GithubIntegration;
  credentials: DefaultGithubCredentialsProvider;
  owner: string;
  repo: string;
  branch?: string;
  logger: LoggerService;
}): Promise<{ branch: string; ref: string }> {
  const { integration, credentials, owner, repo, logger } = options;
  let branch = options.branch;
  if (branch === undefined) {
    try {
      const info = await githubApi<{ default_branch?: string }>(
        integration,
        credentials,
        owner,
        repo,
        '',
      );
      branch = info.default_branch ?? 'main';
    } catch (error) {
      logger.warn(
        `Could not read the default branch of ${owner}/${repo}, using 'main': ${error}`,
      );
      branch = 'main';
    }
  }
  if (!GIT_REF.test(branch)) {
    throw new InputError(`branch '${branch}' is not a valid branch name`);
  }
  if (!branch.includes('/')) return { branch, ref: branch };
  const found = await githubApi<{ object: { sha: string } }>(
    integration,
    credentials,
    owner,
    repo,
    `/git/ref/heads/${branch}`,
  );
  return { branch, ref: found.object.sha };
}

/**
 * Creates the `okteto:repo-files:fetch` action: copies the current version of some files of a
 * repository into the workspace, so the other actions edit what is on the branch today.
 *
 * @public
 */
export function createOktetoRepoFilesFetchAction(options: {
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
}) {
  const { urlReader, integrations } = options;
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return createTemplateAction({
    id: 'okteto:repo-files:fetch',
    description:
      'Copies the current version of some files of a GitHub repository into the workspace; missing files are reported, not errors',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              "Repository in RepoUrlPicker form 'github.com?owner=o&repo=r'",
          }),
        branch: z =>
          z
            .string({
              description:
                "Branch to read. Default: the repository's default branch",
            })
            .optional(),
        paths: z =>
          z.array(z.string(), {
            description: 'File paths from the repository root',
          }),
        targetPath: z =>
          z
            .string({
              description: "Workspace folder to write into. Default '.'",
            })
            .optional(),
      },
      output: {
        fetched: z =>
          z.array(z.string(), { description: 'Paths read and written' }),
        missing: z =>
          z.array(z.string(), {
            description: 'Paths that do not exist on the branch',
          }),
        branch: z => z.string({ description: 'The branch read' }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { host, owner, repo } = parseRepoUrl(input.repoUrl, integrations);
      if (!owner) {
        throw new InputError(`repoUrl '${input.repoUrl}' names no owner`);
      }
      const integration = integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(
          `No GitHub integration is configured for host '${host}'`,
        );
      }
      const paths = input.paths.map(p => {
        const normalized = joinRepoPath(p);
        if (!normalized || p.startsWith('/')) {
          throw new InputError(
            `path '${p}' must be a file path inside the repository`,
          );
        }
        return normalized;
      });
      const targetPath = input.targetPath ?? '.';
      resolveWorkspacePath(ctx.workspacePath, targetPath, 'targetPath');
      const files = paths.map(p => ({
        path: p,
        absolute: resolveWorkspacePath(
          ctx.workspacePath,
          `${targetPath}/${p}`,
          'path',
        ),
      }));
      const { branch, ref } = await resolveRef({
        integration,
        credentials,
        owner,
        repo,
        branch: input.branch,
        logger: ctx.logger,
      });

      const fetched: string[] = [];
      const missing: string[] = [];
      for (const file of files) {
        const encoded = file.path.split('/').map(encodeURIComponent).join('/');
        const url = `https://${host}/${owner}/${repo}/blob/${ref}/${encoded}`;
        let content: Buffer;
        try {
          const response = await urlReader.readUrl(url, {
            signal: ctx.signal,
          });
          content = await response.buffer();
        } catch (error) {
          if (isError(error) && error.name === 'NotFoundError') {
            missing.push(file.path);
            ctx.logger.info(`${file.path} does not exist on ${branch}`);
            continue;
          }
          throw error;
        }
        if (content.length > MAX_FILE_BYTES) {
          throw new InputError(
            `${file.path} is larger than ${MAX_FILE_BYTES} bytes`,
          );
        }
        await writeText(file.absolute, content);
        fetched.push(file.path);
      }
      ctx.logger.info(
        `Fetched [${fetched.join(
          ', ',
        )}] from ${owner}/${repo}@${branch}; missing [${missing.join(', ')}]`,
      );
      ctx.output('fetched', fetched);
      ctx.output('missing', missing);
      ctx.output('branch', branch);
    },
  });
}
