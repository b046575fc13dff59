import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { readScaffolderDefaults } from './config';
import { examples } from './devServiceAdd.examples';
import {
  DevEntryBody,
  renderNewManifest,
  upsertDevEntries,
} from './devServiceManifest';
import {
  requireDnsLabel,
  requireDnsSubdomain,
  requireLabelSelector,
  requireToken,
} from './validation';
import {
  readTextIfExists,
  resolveWorkspacePath,
  toWorkspaceRelative,
  writeText,
} from './workspaceFiles';

const SYNC = /^[^:\s]+:\/\S*$/;
const FORWARD = /^\d{1,5}:([a-z0-9]([-a-z0-9]*[a-z0-9])?:)?\d{1,5}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Input of `okteto:dev-service:add` after defaults. */
interface DevServiceInput {
  name?: string;
  workload?: string;
  selector?: Record<string, string>;
  container?: string;
  workdir?: string;
  command?: string | string[];
  image?: string;
  sync: string[];
  forward: string[];
  environment?: Record<string, string>;
  aliases?: string[];
}

/** Validates the input and builds the keys and the entry body, in web-core's field order. */
export function buildDevEntry(input: DevServiceInput): {
  keys: string[];
  body: DevEntryBody;
} {
  const { workload, selector } = input;
  if (workload !== undefined && selector !== undefined) {
    throw new InputError(
      'Set either selector or workload: Okteto targets a workload by the dev key or by selector, not both',
    );
  }
  if (workload !== undefined) requireDnsSubdomain('workload', workload);
  const name = input.name ?? workload;
  if (name === undefined) {
    throw new InputError('Set name (the dev service key) or workload');
  }
  requireDnsLabel('name', name);
  if (workload !== undefined && workload !== name) {
    throw new InputError(
      `Without a selector Okteto targets the workload named like the dev key; name '${name}' ` +
        `differs from workload '${workload}' (use selector instead)`,
    );
  }
  const aliases = input.aliases ?? [];
  for (const alias of aliases) requireDnsLabel('alias', alias);
  const keys = [name, ...aliases];
  if (new Set(keys).size !== keys.length) {
    throw new InputError('aliases must be distinct from name and each other');
  }
  if (selector !== undefined) requireLabelSelector(selector);
  if (input.container !== undefined) {
    requireDnsLabel('container', input.container);
  }
  if (input.workdir !== undefined && !input.workdir.startsWith('/')) {
    throw new InputError(
      `workdir must be an absolute path, got '${input.workdir}'`,
    );
  }
  if (input.image !== undefined) requireToken('image', input.image);
  const command = input.command;
  if (
    command !== undefined &&
    (Array.isArray(command) ? command.length === 0 : !command.trim())
  ) {
    throw new InputError('command must not be empty');
  }
  for (const item of input.sync) {
    if (!SYNC.test(item)) {
      throw new InputError(
        `sync entry '${item}' must be '<local path>:<absolute remote path>'`,
      );
    }
  }
  for (const item of input.forward) {
    if (!FORWARD.test(item)) {
      throw new InputError(
        `forward entry '${item}' must be '<local port>:<remote port>' or '<local port>:<service>:<port>'`,
      );
    }
  }
  for (const key of Object.keys(input.environment ?? {})) {
    if (!ENV_NAME.test(key)) {
      throw new InputError(
        `environment variable name '${key}' is not a valid name`,
      );
    }
  }
  const body: DevEntryBody = {};
  if (selector !== undefined) body.selector = { ...selector };
  if (input.container !== undefined) body.container = input.container;
  if (input.image !== undefined) body.image = input.image;
  if (input.workdir !== undefined) body.workdir = input.workdir;
  if (command !== undefined) {
    body.command = Array.isArray(command) ? [...command] : command;
  }
  if (input.environment !== undefined) {
    body.environment = { ...input.environment };
  }
  body.sync = [...input.sync];
  body.forward = [...input.forward];
  return { keys, body };
}

/** The default sync of a new entry: the repository root when the manifest sits in `.okteto/`. */
export function defaultSync(manifestPath: string): string[] {
  const folder = path.posix.basename(path.posix.dirname(manifestPath));
  return folder === '.okteto' ? ['..:/app'] : ['.:/app'];
}

/**
 * Creates the `okteto:dev-service:add` action: adds a dev service to an Okteto manifest (v2) in
 * the workspace, keeping every other byte of the file.
 *
 * @public
 */
export function createOktetoDevServiceAddAction(options?: { config?: Config }) {
  const defaults = readScaffolderDefaults(options?.config);
  return createTemplateAction({
    id: 'okteto:dev-service:add',
    description:
      'Adds a dev service (an entry under dev:) to an Okteto manifest in the workspace, keeping comments and formatting',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        manifestPath: z =>
          z
            .string({
              description: `Okteto manifest path in the workspace. Default '${defaults.manifestPath}'`,
            })
            .optional(),
        name: z =>
          z
            .string({
              description:
                'Dev service key (a DNS-1123 label). Default: the workload',
            })
            .optional(),
        selector: z =>
          z
            .record(z.string(), {
              description: 'Labels of the workload to replace',
            })
            .optional(),
        workload: z =>
          z
            .string({
              description:
                'Workload name, when it is targeted by the dev key (no selector)',
            })
            .optional(),
        container: z =>
          z.string({ description: 'Container to replace' }).optional(),
        workdir: z =>
          z
            .string({ description: 'Working directory in the container' })
            .optional(),
        command: z =>
          z
            .union([z.string(), z.array(z.string())], {
              description: 'Command of the dev container',
            })
            .optional(),
        image: z =>
          z
            .string({
              description: `Dev image. Default: ${
                defaults.devImage ?? "the workload's image"
              }`,
            })
            .optional(),
        sync: z =>
          z
            .array(z.string(), {
              description:
                "Sync folders 'local:remote'. Default ['..:/app'] for a manifest in .okteto/, else ['.:/app']",
            })
            .optional(),
        forward: z =>
          z
            .array(z.string(), {
              description: `Port forwards. Default ${JSON.stringify(
                defaults.forward,
              )}`,
            })
            .optional(),
        environment: z =>
          z
            .record(z.string(), { description: 'Environment variables' })
            .optional(),
        aliases: z =>
          z
            .array(z.string(), {
              description: 'Extra keys with the same definition',
            })
            .optional(),
        replace: z =>
          z
            .boolean({
              description:
                'Overwrite an existing entry with a different definition. Default false',
            })
            .optional(),
        manifestName: z =>
          z
            .string({
              description: "The manifest's name: when the file is created",
            })
            .optional(),
      },
      output: {
        changed: z =>
          z.boolean({ description: 'Whether the manifest was written' }),
        path: z => z.string({ description: 'Manifest path in the workspace' }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const manifestPath = input.manifestPath ?? defaults.manifestPath;
      const file = resolveWorkspacePath(
        ctx.workspacePath,
        manifestPath,
        'manifestPath',
      );
      const relative = toWorkspaceRelative(ctx.workspacePath, file);
      const { keys, body } = buildDevEntry({
        ...input,
        image: input.image ?? defaults.devImage,
        sync: input.sync ?? defaultSync(relative),
        forward: input.forward ?? defaults.forward,
      });
      if (input.manifestName !== undefined) {
        requireDnsLabel('manifestName', input.manifestName);
      }

      const existing = await readTextIfExists(file, relative);
      let changed: boolean;
      if (existing === undefined) {
        await writeText(
          file,
          renderNewManifest(keys, body, input.manifestName),
        );
        ctx.logger.info(`Created ${relative} with dev ${keys.join(', ')}`);
        changed = true;
      } else {
        const edit = upsertDevEntries(
          existing,
          relative,
          keys,
          body,
          input.replace ?? false,
        );
        if (edit.changed) await writeText(file, edit.content);
        ctx.logger.info(
          `${relative}: added [${edit.added.join(
            ', ',
          )}], replaced [${edit.replaced.join(
            ', ',
          )}], unchanged [${edit.unchanged.join(', ')}]`,
        );
        changed = edit.changed;
      }
      ctx.output('changed', changed);
      ctx.output('path', relative);
    },
  });
}
