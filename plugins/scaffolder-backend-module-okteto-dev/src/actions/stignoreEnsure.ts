import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DevConventions,
  devMessage,
  mergeStignore,
  stignorePatternKey,
} from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveAppTarget } from './appTarget';
import { readOktetoDevScaffolderOptions } from './config';
import { stignoreTargets } from './oktetoSync';
import { examples } from './stignoreEnsure.examples';
import { manifestForDevService } from './manifestScan';
import { unifiedDiffs } from './unifiedDiff';
import { readTextIfExists, workspaceFile, writeText } from './workspaceFiles';
import { Zod } from './zod';

/**
 * The `.stignore` files Okteto reads for a dev service: `<local sync folder>/.stignore` for each
 * sync folder, resolved against the manifest's folder. Without the manifest or the service, those
 * of the default sync of a new service (`..` for a manifest in `.okteto/`, else `.`).
 */
async function findStignorePaths(options: {
  workspacePath: string;
  manifestPath: string;
  devService?: string;
  logger: LoggerService;
}): Promise<string[]> {
  const { workspacePath, devService, logger } = options;
  const { file: manifestFile, relative } = workspaceFile(
    workspacePath,
    options.manifestPath,
    'manifestPath',
  );
  const text = devService
    ? await readTextIfExists(manifestFile, relative)
    : undefined;
  if (devService && text === undefined) {
    logger.info(`${relative} not found; using the default sync folder`);
  }
  const manifest =
    text === undefined
      ? undefined
      : manifestForDevService(text, relative, devService);
  const found = stignoreTargets(relative, manifest, devService);
  if (devService && text !== undefined && found.from === 'default') {
    logger.warn(
      `${relative} has no dev service '${devService}'; using the default sync folder`,
    );
  }
  return found.paths;
}

/**
 * The card's checklist message for what was missing: a missing file first, as the card reports it.
 */
function stignoreReason(
  changed: Array<{ relative: string; before?: string }>,
  added: string[],
): string {
  const absent = changed.filter(m => m.before === undefined);
  if (absent.length > 0) {
    return devMessage('checkStignoreMissingFile', {
      path: absent.map(m => m.relative).join(', '),
    }).message;
  }
  if (changed.length === 0) return '';
  return devMessage('checkStignoreMissingEntries', {
    path: changed.map(m => m.relative).join(', '),
    entries: added.join(', '),
  }).message;
}

function manifestPathFor(
  conventions: DevConventions,
  input: { app?: string; manifestPath?: string },
): { manifestPath: string; devService?: string } {
  const target =
    input.app === undefined
      ? undefined
      : resolveAppTarget(conventions, input.app);
  const manifestPath =
    input.manifestPath ?? target?.manifestPath ?? conventions.manifestPath;
  if (/[{}]/.test(manifestPath)) {
    throw new InputError(
      `manifestPath '${manifestPath}' has a placeholder: set app or manifestPath`,
    );
  }
  return { manifestPath, devService: target?.devService };
}

/**
 * Creates the `okteto:stignore:ensure` action: makes sure every `.stignore` Okteto reads for a dev
 * service (one per sync folder) has the recommended patterns (runbook §6.1), appending only what
 * is missing.
 *
 * @public
 */
export function createOktetoStignoreEnsureAction(options?: {
  config?: Config;
}) {
  const settings = readOktetoDevScaffolderOptions(options?.config);
  const { conventions } = settings;
  return createTemplateAction({
    id: 'okteto:stignore:ensure',
    description:
      'Ensures the .stignore files of a dev service (one per sync folder) have the recommended patterns, appending only the missing ones',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: (z: Zod) =>
          z
            .string({
              description:
                "One .stignore path in the workspace. Default: '<sync folder>/.stignore' of every sync folder of the dev service",
            })
            .optional(),
        app: (z: Zod) =>
          z
            .string({
              description: `App key: the dev service is '${conventions.devService}' of oktetoDev.conventions`,
            })
            .optional(),
        manifestPath: (z: Zod) =>
          z
            .string({
              description: `Okteto manifest that names the sync folders. Default '${conventions.manifestPath}'`,
            })
            .optional(),
        devService: (z: Zod) =>
          z
            .string({
              description: 'Dev service whose sync folders are used',
            })
            .optional(),
        entries: (z: Zod) =>
          z
            .array(z.string(), {
              description: `Patterns to ensure. Default ${JSON.stringify(
                settings.stignoreEntries,
              )}`,
            })
            .optional(),
      },
      output: {
        added: (z: Zod) =>
          z.array(z.string(), {
            description: 'Patterns appended to at least one file',
          }),
        alreadyCovered: (z: Zod) =>
          z.array(z.string(), {
            description: 'Requested patterns every file already had',
          }),
        path: (z: Zod) => z.string({ description: 'The first .stignore path' }),
        paths: (z: Zod) =>
          z.array(z.string(), {
            description: 'Every .stignore path, in sync order',
          }),
        changed: (z: Zod) =>
          z.boolean({ description: 'Whether a file was written' }),
        diff: (z: Zod) =>
          z.string({
            description:
              'Unified diff of every file; empty when nothing changed',
          }),
        reason: (z: Zod) =>
          z.string({
            description:
              "The entity card's checklist message for what was missing (English); empty when nothing was",
          }),
        summary: (z: Zod) =>
          z.string({
            description:
              'A markdown line saying what changed; empty when nothing did',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const entries = input.entries ?? settings.stignoreEntries;
      for (const entry of entries) {
        if (/[\r\n]/.test(entry) || stignorePatternKey(entry) === undefined) {
          throw new InputError(
            `'${entry}' is not a .stignore pattern (blank, comment or multi-line)`,
          );
        }
      }
      let targets: string[];
      if (input.path !== undefined) {
        targets = [input.path];
      } else {
        const resolved = manifestPathFor(conventions, input);
        targets = await findStignorePaths({
          workspacePath: ctx.workspacePath,
          manifestPath: resolved.manifestPath,
          devService: input.devService ?? resolved.devService,
          logger: ctx.logger,
        });
      }

      // Read and merge every file before writing any, so a refusal writes nothing.
      const merges = [];
      for (const target of targets) {
        const { file, relative } = workspaceFile(
          ctx.workspacePath,
          target,
          'path',
        );
        const before = await readTextIfExists(file, relative);
        merges.push({
          file,
          relative,
          before,
          ...mergeStignore(before ?? '', entries),
        });
      }
      const added: string[] = [];
      for (const merge of merges) {
        if (merge.changed) {
          await writeText(merge.file, merge.content);
          ctx.logger.info(
            `${merge.relative}: added ${merge.missing.join(', ')}`,
          );
        } else {
          ctx.logger.info(
            `${merge.relative} already has every requested pattern`,
          );
        }
        for (const pattern of merge.missing) {
          if (!added.includes(pattern)) added.push(pattern);
        }
      }
      const alreadyCovered = merges[0].alreadyCovered.filter(
        pattern => !added.includes(pattern),
      );
      ctx.output('added', added);
      ctx.output('alreadyCovered', alreadyCovered);
      ctx.output('path', merges[0].relative);
      ctx.output(
        'paths',
        merges.map(m => m.relative),
      );
      ctx.output(
        'changed',
        merges.some(m => m.changed),
      );
      ctx.output(
        'diff',
        unifiedDiffs(
          merges.map(m => ({
            path: m.relative,
            before: m.before,
            after: m.content,
          })),
        ),
      );
      const changed = merges.filter(m => m.changed);
      ctx.output('reason', stignoreReason(changed, added));
      ctx.output(
        'summary',
        changed
          .map(
            m =>
              `- \`${m.relative}\`${
                m.before === undefined ? ' (new)' : ''
              }: added \`${m.missing.join(
                '`, `',
              )}\`; Okteto reads this file for a sync folder of the dev service and neither syncs nor watches what it ignores.`,
          )
          .join('\n'),
      );
    },
  });
}
