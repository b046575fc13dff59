import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { joinRepoPath } from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readRepoAccessOptions, RepoFiles } from '../git/repoFiles';
import { resolveAppTarget } from './appTarget';
import { readOktetoDevScaffolderOptions } from './config';
import { stignoreTargets } from './oktetoSync';
import {
  noPackageJsonError,
  packageJsonPath,
  packageNameOf,
} from './packageJson';
import { examples } from './repoFilesFetch.examples';
import { normalizeRepoFolder } from './validation';
import { resolveWorkspacePath, writeText } from './workspaceFiles';
import { manifestForDevService } from './manifestScan';
import { repoUrlInput, userTokenInput } from './repoInputProperties';
import { Zod } from './zod';

function requireRepoFilePath(p: string): string {
  const normalized = joinRepoPath(p);
  if (!normalized || p.startsWith('/')) {
    throw new InputError(
      `path '${p}' must be a file path inside the repository`,
    );
  }
  return normalized;
}

/**
 * Creates the `okteto:repo-files:fetch` action: copies the current version of some files of a
 * repository into the workspace, so the other actions edit what is on the branch today. With
 * `app` it fetches what the okteto-dev actions edit for that app (the Okteto manifest, the
 * `.stignore` of each sync folder, the dev Application and values files, as
 * `oktetoDev.conventions` names them); with `appDir` the app folder's package.json, which must
 * exist. Files are read through the backend's `UrlReader` (any Git host Backstage integrates), as
 * the user whose `token` the template passes, and only from a repository of
 * `oktetoDev.scaffolder.allowedRepositories`.
 *
 * @public
 */
export function createOktetoRepoFilesFetchAction(options: {
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  config?: Config;
}) {
  const files = new RepoFiles({
    urlReader: options.urlReader,
    integrations: options.integrations,
    access: readRepoAccessOptions(options.config),
  });
  const { conventions } = readOktetoDevScaffolderOptions(options.config);
  return createTemplateAction({
    id: 'okteto:repo-files:fetch',
    description:
      'Copies the current version of files of a repository (any Git host Backstage integrates) into the workspace, read as the user: given paths, the files the okteto-dev actions edit for an app, and its package.json',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: repoUrlInput,
        token: userTokenInput(
          'Without it reads are refused unless oktetoDev.scaffolder.allowIntegrationCredentials is true',
        ),
        branch: (z: Zod) =>
          z
            .string({
              description:
                "Branch to read. Default: the repository's default branch",
            })
            .optional(),
        paths: (z: Zod) =>
          z
            .array(z.string(), {
              description: 'File paths from the repository root',
            })
            .optional(),
        app: (z: Zod) =>
          z
            .string({
              description:
                'App key: also fetch the Okteto manifest, the .stignore files of its dev service and its dev Application and values files (oktetoDev.conventions)',
            })
            .optional(),
        appDir: (z: Zod) =>
          z
            .string({
              description:
                "The app folder: also fetch <appDir>/package.json, which must exist (it holds the app's package)",
            })
            .optional(),
        targetPath: (z: Zod) =>
          z
            .string({
              description: "Workspace folder to write into. Default '.'",
            })
            .optional(),
      },
      output: {
        fetched: (z: Zod) =>
          z.array(z.string(), { description: 'Paths read and written' }),
        missing: (z: Zod) =>
          z.array(z.string(), {
            description: 'Paths that do not exist on the branch',
          }),
        branch: (z: Zod) => z.string({ description: 'The branch read' }),
        package: (z: Zod) =>
          z
            .string({
              description:
                'The name in <appDir>/package.json, when it is a valid package name',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const explicit = (input.paths ?? []).map(requireRepoFilePath);
      const appDir =
        input.appDir === undefined
          ? undefined
          : normalizeRepoFolder('appDir', input.appDir);
      const target =
        input.app === undefined
          ? undefined
          : resolveAppTarget(conventions, input.app);
      if (!target && appDir === undefined && explicit.length === 0) {
        throw new InputError('Set paths, app or appDir: nothing to fetch');
      }
      const targetPath = input.targetPath ?? '.';
      resolveWorkspacePath(ctx.workspacePath, targetPath, 'targetPath');
      for (const p of explicit) {
        resolveWorkspacePath(ctx.workspacePath, `${targetPath}/${p}`, 'path');
      }
      const repository = await files.open(input.repoUrl, {
        branch: input.branch,
        token: input.token,
      });
      const { branch } = repository;

      const fetched: string[] = [];
      const missing: string[] = [];
      const done = new Set<string>();
      const fetch = async (p: string): Promise<Buffer | undefined> => {
        const absolute = resolveWorkspacePath(
          ctx.workspacePath,
          `${targetPath}/${p}`,
          'path',
        );
        if (done.has(p)) return undefined;
        done.add(p);
        const content = await files.read(repository, p, ctx.signal);
        if (content === undefined) {
          missing.push(p);
          ctx.logger.info(`${p} does not exist on ${branch}`);
          return undefined;
        }
        await writeText(absolute, content);
        fetched.push(p);
        return content;
      };

      if (appDir !== undefined) {
        const file = packageJsonPath(appDir);
        const content = await fetch(file);
        if (content === undefined) {
          throw noPackageJsonError(appDir, ` on ${branch}`);
        }
        const name = packageNameOf(content.toString('utf8'));
        if (name !== undefined) ctx.output('package', name);
      }
      if (target) {
        const manifestPath = requireRepoFilePath(target.manifestPath);
        const manifest = await fetch(manifestPath);
        const data =
          manifest === undefined
            ? undefined
            : manifestForDevService(
                manifest.toString('utf8'),
                manifestPath,
                target.devService,
              );
        const stignores = stignoreTargets(
          manifestPath,
          data,
          target.devService,
        ).paths;
        for (const p of [
          ...stignores,
          target.applicationPath,
          target.valuesPath,
        ]) {
          await fetch(requireRepoFilePath(p));
        }
      }
      for (const p of explicit) await fetch(p);
      ctx.logger.info(
        `Fetched [${fetched.join(', ')}] from ${
          repository.location.repository
        }@${branch} as ${
          repository.identity.kind === 'user' ? 'the user' : 'the integration'
        }; missing [${missing.join(', ')}]`,
      );
      ctx.output('fetched', fetched);
      ctx.output('missing', missing);
      ctx.output('branch', branch);
    },
  });
}
