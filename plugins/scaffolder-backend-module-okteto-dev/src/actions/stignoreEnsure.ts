import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  getDevEntries,
  joinRepoPath,
  mergeStignore,
  stignorePathForDevEntry,
  stignorePatternKey,
} from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { readScaffolderDefaults } from './config';
import { defaultSync } from './devServiceAdd';
import { examples } from './stignoreEnsure.examples';
import { parseYamlSafe } from './yamlSafe';
import {
  readTextIfExists,
  resolveWorkspacePath,
  toWorkspaceRelative,
  writeText,
} from './workspaceFiles';

/**
 * The `.stignore` Okteto reads for a dev service: `<first local sync folder>/.stignore`, the
 * folder resolved against the manifest's folder. Without the manifest or the service, the default
 * sync of a new service decides (`..` for a manifest in `.okteto/`, else `.`).
 */
export async function findStignorePath(
  workspacePath: string,
  manifestPath: string,
  devService: string | undefined,
  logger: LoggerService,
): Promise<string> {
  const manifestFile = resolveWorkspacePath(
    workspacePath,
    manifestPath,
    'manifestPath',
  );
  const relative = toWorkspaceRelative(workspacePath, manifestFile);
  const fallback = () => {
    const local = defaultSync(relative)[0].split(':')[0];
    const folder = joinRepoPath(path.posix.dirname(relative), local);
    if (folder === undefined) {
      throw new InputError(
        `The sync folder of ${relative} points outside the workspace`,
      );
    }
    return folder ? `${folder}/.stignore` : '.stignore';
  };
  if (!devService) return fallback();
  const text = await readTextIfExists(manifestFile, relative);
  if (text === undefined) {
    logger.info(`${relative} not found; using the default sync folder`);
    return fallback();
  }
  const entry = getDevEntries(parseYamlSafe(text, relative).data)[devService];
  if (!entry) {
    logger.warn(
      `${relative} has no dev service '${devService}'; using the default sync folder`,
    );
    return fallback();
  }
  const found = stignorePathForDevEntry(entry, relative);
  if (found === undefined) {
    throw new InputError(
      `The sync folder of dev service '${devService}' in ${relative} is missing or points outside the workspace`,
    );
  }
  return found;
}

/**
 * Creates the `okteto:stignore:ensure` action: makes sure a `.stignore` has the recommended
 * patterns (runbook §6.1), appending only what is missing.
 *
 * @public
 */
export function createOktetoStignoreEnsureAction(options?: {
  config?: Config;
}) {
  const defaults = readScaffolderDefaults(options?.config);
  return createTemplateAction({
    id: 'okteto:stignore:ensure',
    description:
      'Ensures the .stignore of a dev service has the recommended patterns, appending only the missing ones',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description:
                "The .stignore path in the workspace. Default: '<sync folder>/.stignore' of devService in manifestPath",
            })
            .optional(),
        manifestPath: z =>
          z
            .string({
              description: `Okteto manifest that names the sync folder. Default '${defaults.manifestPath}'`,
            })
            .optional(),
        devService: z =>
          z
            .string({
              description: 'Dev service whose first sync folder is used',
            })
            .optional(),
        entries: z =>
          z
            .array(z.string(), {
              description: `Patterns to ensure. Default ${JSON.stringify(
                defaults.stignoreEntries,
              )}`,
            })
            .optional(),
      },
      output: {
        added: z => z.array(z.string(), { description: 'Patterns appended' }),
        alreadyCovered: z =>
          z.array(z.string(), {
            description: 'Requested patterns the file already had',
          }),
        path: z =>
          z.string({ description: 'The .stignore path in the workspace' }),
        changed: z =>
          z.boolean({ description: 'Whether the file was written' }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const entries = input.entries ?? defaults.stignoreEntries;
      for (const entry of entries) {
        if (/[\r\n]/.test(entry) || stignorePatternKey(entry) === undefined) {
          throw new InputError(
            `'${entry}' is not a .stignore pattern (blank, comment or multi-line)`,
          );
        }
      }
      const target =
        input.path ??
        (await findStignorePath(
          ctx.workspacePath,
          input.manifestPath ?? defaults.manifestPath,
          input.devService,
          ctx.logger,
        ));
      const file = resolveWorkspacePath(ctx.workspacePath, target, 'path');
      const relative = toWorkspaceRelative(ctx.workspacePath, file);
      const current = (await readTextIfExists(file, relative)) ?? '';
      const result = mergeStignore(current, entries);
      if (result.changed) {
        await writeText(file, result.content);
        ctx.logger.info(`${relative}: added ${result.missing.join(', ')}`);
      } else {
        ctx.logger.info(`${relative} already has every requested pattern`);
      }
      ctx.output('added', result.missing);
      ctx.output('alreadyCovered', result.alreadyCovered);
      ctx.output('path', relative);
      ctx.output('changed', result.changed);
    },
  });
}
