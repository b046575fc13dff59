import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { devMessage, fillTemplate } from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveAppTarget } from './appTarget';
import { readOktetoDevScaffolderOptions } from './config';
import { examples } from './devServiceAdd.examples';
import { buildDevEntry } from './devServiceEntry';
import { devServiceInput, devServiceOutput } from './devServiceInput';
import {
  DevEntryBody,
  renderNewManifest,
  upsertDevEntries,
} from './devServiceManifest';
import { defaultSync, workdirForAppDir } from './oktetoSync';
import { unifiedDiff } from './unifiedDiff';
import {
  noPackageJsonError,
  packageJsonPath,
  packageNameOf,
  requirePackageName,
} from './packageJson';
import {
  isValidPackageName,
  normalizeRepoFolder,
  requireDnsLabel,
} from './validation';
import { readTextIfExists, workspaceFile, writeText } from './workspaceFiles';

/** A dev entry's selector as `k=v,k=v`. */
function labelSelector(body: DevEntryBody): string {
  return Object.entries(body.selector as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * The package of the dev command: the input, else the name in `<appDir>/package.json` of the
 * workspace. With an app folder, that package.json must exist: it is what makes it the app folder.
 */
async function resolvePackage(
  workspacePath: string,
  appDir: string | undefined,
  input: string | undefined,
  logger: LoggerService,
): Promise<string | undefined> {
  if (input !== undefined && !isValidPackageName(input)) {
    throw new InputError(
      `package must be an npm package name (like @scope/name), got '${input}'`,
    );
  }
  if (appDir === undefined) return input;
  const { file, relative: label } = workspaceFile(
    workspacePath,
    packageJsonPath(appDir),
    'appDir',
  );
  const content = await readTextIfExists(file, label);
  if (content === undefined) {
    throw noPackageJsonError(
      appDir,
      ' in the workspace (fetch it first: okteto:repo-files:fetch with appDir)',
    );
  }
  if (input !== undefined) {
    if (packageNameOf(content) !== input) {
      logger.warn(`package '${input}' is not the name in ${label}`);
    }
    return input;
  }
  return requirePackageName(content, label);
}

/**
 * Creates the `okteto:dev-service:add` action: adds a dev service to an Okteto manifest (v2) in
 * the workspace, keeping every other byte of the file. With `app` the names follow
 * `oktetoDev.conventions`; with `appDir` the workdir and the package come from the app folder.
 *
 * @public
 */
export function createOktetoDevServiceAddAction(options?: { config?: Config }) {
  const settings = readOktetoDevScaffolderOptions(options?.config);
  const { conventions } = settings;
  return createTemplateAction({
    id: 'okteto:dev-service:add',
    description:
      'Adds a dev service (an entry under dev:) to an Okteto manifest in the workspace, keeping comments and formatting',
    examples,
    supportsDryRun: true,
    schema: {
      input: devServiceInput(settings),
      output: devServiceOutput,
    },
    async handler(ctx) {
      // An optional template parameter left empty arrives as ''; it means "not set".
      const input = {
        ...ctx.input,
        package: ctx.input.package || undefined,
        image: ctx.input.image || undefined,
      };
      const target =
        input.app === undefined
          ? undefined
          : resolveAppTarget(conventions, input.app, {
              devService: input.name,
            });
      const manifestPath =
        input.manifestPath ?? target?.manifestPath ?? conventions.manifestPath;
      if (/[{}]/.test(manifestPath)) {
        throw new InputError(
          `manifestPath '${manifestPath}' has a placeholder: set app or manifestPath`,
        );
      }
      const { file, relative } = workspaceFile(
        ctx.workspacePath,
        manifestPath,
        'manifestPath',
      );
      if (input.appDir !== undefined && input.workdir !== undefined) {
        throw new InputError(
          'Set appDir or workdir, not both: the workdir is the app folder inside the sync folder',
        );
      }
      const appDir =
        input.appDir === undefined
          ? undefined
          : normalizeRepoFolder('appDir', input.appDir);
      const sync = input.sync ?? defaultSync(relative);

      // With app: the convention's selector, unless the input targets a workload by name.
      let { selector, workload } = input;
      if (target && selector === undefined && workload === undefined) {
        if (Object.keys(target.selector).length > 0) selector = target.selector;
        else workload = target.workload;
      }
      const pkg = await resolvePackage(
        ctx.workspacePath,
        appDir,
        input.package,
        ctx.logger,
      );
      const command =
        input.command ??
        (pkg === undefined
          ? undefined
          : fillTemplate(settings.devCommand, {
              package: pkg,
              appDir: appDir ?? '',
              app: input.app ?? '',
            }));
      const entry = buildDevEntry({
        ...input,
        name: input.name ?? target?.devService,
        selector,
        workload,
        container: input.container ?? target?.container,
        workdir:
          input.workdir ??
          (appDir === undefined
            ? undefined
            : workdirForAppDir(sync, relative, appDir)),
        command,
        image: input.image ?? settings.devImage,
        sync,
        forward: input.forward ?? settings.forward,
      });
      if (input.manifestName !== undefined) {
        requireDnsLabel('manifestName', input.manifestName);
      }

      const existing = await readTextIfExists(file, relative);
      let content: string;
      let added = false;
      if (existing === undefined) {
        content = renderNewManifest(entry.keys, entry.body, input.manifestName);
        ctx.logger.info(
          `Creating ${relative} with dev ${entry.keys.join(', ')}`,
        );
      } else {
        const edit = upsertDevEntries(
          existing,
          relative,
          entry.keys,
          entry.body,
          input.replace ?? false,
        );
        content = edit.content;
        added = edit.added.includes(entry.keys[0]);
        ctx.logger.info(
          `${relative}: added [${edit.added.join(
            ', ',
          )}], replaced [${edit.replaced.join(
            ', ',
          )}], unchanged [${edit.unchanged.join(', ')}]`,
        );
      }
      const changed = content !== existing;
      if (changed) await writeText(file, content);
      const body = entry.body;
      ctx.output('changed', changed);
      ctx.output('path', relative);
      ctx.output('name', entry.keys[0]);
      if (body.selector) ctx.output('labelSelector', labelSelector(body));
      if (typeof body.container === 'string') {
        ctx.output('container', body.container);
      }
      if (typeof body.workdir === 'string') ctx.output('workdir', body.workdir);
      if (pkg !== undefined) ctx.output('package', pkg);
      if (body.command !== undefined) {
        ctx.output(
          'command',
          Array.isArray(body.command)
            ? body.command.join(' ')
            : String(body.command),
        );
      }
      ctx.output('diff', unifiedDiff(relative, existing, content));
      let reason = '';
      if (existing === undefined) {
        reason = devMessage('checkManifestMissing', {
          manifest: relative,
        }).message;
      } else if (added) {
        reason = devMessage('checkDevEntryMissing', {
          manifest: relative,
          workload: target?.workload ?? workload ?? entry.keys[0],
          entry: entry.keys[0],
        }).message;
      }
      ctx.output('reason', reason);
      ctx.output(
        'summary',
        changed
          ? `- \`${relative}\`: dev service \`${entry.keys.join('`, `')}\` (${
              body.selector
                ? `selector \`${labelSelector(body)}\``
                : 'the workload named like it'
            }${body.container ? `, container \`${body.container}\`` : ''}${
              body.workdir ? `, workdir \`${body.workdir}\`` : ''
            }), so \`okteto up ${
              entry.keys[0]
            }\` finds the workload; other entries untouched.`
          : '',
      );
    },
  });
}
