import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveAppTarget } from './appTarget';
import { readOktetoDevScaffolderOptions } from './config';
import { valuesHeader } from './devApplicationRender';
import { examples } from './devValuesSetEnv.examples';
import { unifiedDiff } from './unifiedDiff';
import { requireDnsLabel } from './validation';
import { setValuesEnv } from './valuesEnvEdit';
import { readTextIfExists, workspaceFile, writeText } from './workspaceFiles';
import { Zod } from './zod';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Creates the `argocd:dev-values:set-env` action: sets `env.<NAME>: "<value>"` in the dev values
 * file of an app (by default the dev marker of `oktetoDev.conventions`, `SYNESTRA_ENV: "dev"`),
 * touching only those nodes. A missing values file is created.
 *
 * @public
 */
export function createArgocdDevValuesSetEnvAction(options?: {
  config?: Config;
}) {
  const settings = readOktetoDevScaffolderOptions(options?.config);
  const { conventions: c } = settings;
  return createTemplateAction({
    id: 'argocd:dev-values:set-env',
    description:
      'Sets env variables (by default the dev marker) in the dev values file of an app, keeping every other byte',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        app: (z: Zod) =>
          z.string({ description: 'App key (a DNS-1123 label)' }),
        env: (z: Zod) =>
          z
            .record(z.string(), {
              description: `Variables to set. Default: the dev marker { ${c.envVar.name}: '${c.envVar.value}' }`,
            })
            .optional(),
        valuesPath: (z: Zod) =>
          z
            .string({
              description: `The values file in the workspace. Default '${c.valuesPath}'`,
            })
            .optional(),
      },
      output: {
        changed: (z: Zod) =>
          z.boolean({ description: 'Whether the file was written' }),
        path: (z: Zod) => z.string({ description: 'The values file' }),
        set: (z: Zod) =>
          z.array(z.string(), { description: 'Names added or changed' }),
        unchanged: (z: Zod) =>
          z.array(z.string(), { description: 'Names that had the value' }),
        diff: (z: Zod) =>
          z.string({ description: 'Unified diff; empty when nothing changed' }),
        reason: (z: Zod) =>
          z.string({
            description:
              "The entity card's checklist message for what was set (English); empty when nothing was",
          }),
        summary: (z: Zod) =>
          z.string({
            description:
              'Markdown line saying what changed; empty when nothing did',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const target = resolveAppTarget(c, requireDnsLabel('app', input.app));
      const env = input.env ?? { [target.envVar.name]: target.envVar.value };
      if (Object.keys(env).length === 0) {
        throw new InputError('env must name at least one variable');
      }
      for (const [name, value] of Object.entries(env)) {
        if (!ENV_NAME.test(name)) {
          throw new InputError(
            `env name '${name}' is not a valid variable name`,
          );
        }
        if (typeof value !== 'string') {
          throw new InputError(`env value of ${name} must be a string`);
        }
      }
      const { file, relative } = workspaceFile(
        ctx.workspacePath,
        input.valuesPath ?? target.valuesPath,
        'valuesPath',
      );
      const text = await readTextIfExists(file, relative);
      const edit = setValuesEnv(text, relative, env, valuesHeader(input.app));
      if (edit.changed) {
        await writeText(file, edit.content);
        ctx.logger.info(
          `${
            text === undefined ? 'Created' : 'Edited'
          } ${relative}: set ${edit.set.map(s => s.name).join(', ')}`,
        );
      } else {
        ctx.logger.info(
          `${relative} already sets ${edit.unchanged.join(', ')}`,
        );
      }
      const reason = edit.set
        .map(s =>
          s.previous === undefined
            ? devMessage('checkEnvVarMissing', {
                name: s.name,
                value: s.value,
                container: target.container,
                file: relative,
              }).message
            : devMessage('checkEnvVarWrong', {
                name: s.name,
                value: s.value,
                actual: s.previous,
                file: relative,
              }).message,
        )
        .join(' ');
      const summary = edit.changed
        ? `- \`${relative}\`${
            text === undefined ? ' (new file)' : ''
          }: ${edit.set
            .map(s => `\`${s.name}: ${JSON.stringify(s.value)}\``)
            .join(', ')} under \`env:\`, the environment of the \`${
            target.container
          }\` container.`
        : '';
      ctx.output('changed', edit.changed);
      ctx.output('path', relative);
      ctx.output(
        'set',
        edit.set.map(s => s.name),
      );
      ctx.output('unchanged', edit.unchanged);
      ctx.output('diff', unifiedDiff(relative, text, edit.content));
      ctx.output('reason', reason);
      ctx.output('summary', summary);
    },
  });
}
