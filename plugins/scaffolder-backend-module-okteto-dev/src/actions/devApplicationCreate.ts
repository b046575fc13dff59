import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { fillTemplate } from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'yaml';
import { readScaffolderDefaults } from './config';
import { examples } from './devApplicationCreate.examples';
import {
  requireDnsLabel,
  requireDnsSubdomain,
  requireToken,
} from './validation';
import { parseYamlSafe } from './yamlSafe';
import {
  readTextIfExists,
  resolveWorkspacePath,
  toWorkspaceRelative,
  writeText,
} from './workspaceFiles';

/** Everything the two dev files are made from, defaults resolved. */
export interface DevApplicationSpec {
  app: string;
  applicationName: string;
  argocdNamespace: string;
  project: string;
  repoURL: string;
  targetRevision: string;
  chartPath: string;
  valueFiles: string[];
  destinationServer: string;
  namespace: string;
  selfHeal: boolean;
  prune: boolean;
  syncOptions: string[];
  serverUrl?: string;
  envSecretName: string;
  envVar: { name: string; value: string };
}

/** The dev Argo CD Application, shaped like web-core's `deploy/argocd/apps/dev/*.yaml`. */
export function renderApplication(spec: DevApplicationSpec): string {
  const source: Record<string, unknown> = {
    repoURL: spec.repoURL,
    targetRevision: spec.targetRevision,
    path: spec.chartPath,
  };
  if (spec.valueFiles.length > 0) {
    source.helm = { valueFiles: spec.valueFiles };
  }
  const syncPolicy: Record<string, unknown> = {
    automated: { prune: spec.prune, selfHeal: spec.selfHeal },
  };
  if (spec.syncOptions.length > 0) syncPolicy.syncOptions = spec.syncOptions;
  return yaml.stringify(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: spec.applicationName, namespace: spec.argocdNamespace },
      spec: {
        project: spec.project,
        source,
        destination: {
          server: spec.destinationServer,
          namespace: spec.namespace,
        },
        syncPolicy,
      },
    },
    { lineWidth: 0 },
  );
}

/** The dev values file (non-secret env and the env Secret), shaped like web-core's. */
export function renderValues(spec: DevApplicationSpec): string {
  const env: Record<string, string> = {
    [spec.envVar.name]: spec.envVar.value,
  };
  if (spec.serverUrl) env.NEXT_PUBLIC_SERVER_URL = spec.serverUrl;
  const options = {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  } as const;
  return [
    `# Dev values for ${spec.app} deployment (non-secret only).\n`,
    yaml.stringify({ env }, options),
    yaml.stringify({ envFrom: { secretRef: spec.envSecretName } }, options),
  ].join('\n');
}

/** `github.com?owner=o&repo=r` (RepoUrlPicker) → `https://github.com/o/r.git`. */
export function cloneUrlFromPicker(repoUrl: string): string {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(
      `repoUrl is not in the form host?owner=o&repo=r: '${repoUrl}'`,
    );
  }
  const owner = url.searchParams.get('owner');
  const repo = url.searchParams.get('repo');
  if (!owner || !repo || url.pathname !== '/') {
    throw new InputError(
      `repoUrl is not in the form host?owner=o&repo=r: '${repoUrl}'`,
    );
  }
  return `https://${url.host}/${owner}/${repo}.git`;
}

function requireUrl(what: string, value: string, schemes: RegExp): string {
  requireToken(what, value);
  if (!schemes.test(value)) {
    throw new InputError(`${what} is not a supported URL: '${value}'`);
  }
  return value;
}

function requireRelativePath(what: string, value: string): string {
  requireToken(what, value);
  if (value.startsWith('/')) {
    throw new InputError(`${what} must be a relative path, got '${value}'`);
  }
  return value;
}

/**
 * Creates the `argocd:dev-application:create` action: writes the dev Argo CD Application and the
 * dev values file of an app, with `selfHeal: false` (runbook §2, §7).
 *
 * @public
 */
export function createArgocdDevApplicationCreateAction(options?: {
  config?: Config;
}) {
  const defaults = readScaffolderDefaults(options?.config);
  return createTemplateAction({
    id: 'argocd:dev-application:create',
    description:
      'Writes the dev Argo CD Application (selfHeal off) and the dev values file of an app',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        app: z => z.string({ description: 'App key (a DNS-1123 label)' }),
        applicationName: z =>
          z
            .string({
              description: `Application name. Default '${defaults.applicationName}'`,
            })
            .optional(),
        argocdNamespace: z =>
          z
            .string({
              description: `Namespace of the Application. Default '${defaults.argocdNamespace}'`,
            })
            .optional(),
        project: z =>
          z
            .string({
              description: `Argo CD project. Default '${defaults.project}'`,
            })
            .optional(),
        repoURL: z =>
          z
            .string({
              description: `Git repository of the chart. Default ${
                defaults.repoURL ?? 'none (required)'
              }`,
            })
            .optional(),
        repoUrl: z =>
          z
            .string({
              description:
                "The repository in RepoUrlPicker form (github.com?owner=o&repo=r), used when repoURL is not set. Templates use this name: a catalog entity may not hold both 'repoUrl' and 'repoURL'",
            })
            .optional(),
        targetRevision: z =>
          z
            .string({
              description: `Default '${defaults.targetRevision}'`,
            })
            .optional(),
        chartPath: z =>
          z
            .string({
              description: `Chart folder. Default '${defaults.chartPath}'`,
            })
            .optional(),
        valueFiles: z =>
          z
            .array(z.string(), {
              description: `Helm value files. Default ${JSON.stringify(
                defaults.valueFiles,
              )}`,
            })
            .optional(),
        destinationServer: z =>
          z
            .string({
              description: `Default '${defaults.destinationServer}'`,
            })
            .optional(),
        namespace: z =>
          z
            .string({
              description: `Workload namespace. Default '${defaults.namespace}'`,
            })
            .optional(),
        selfHeal: z =>
          z
            .boolean({
              description:
                'Default false; true breaks Okteto dev mode and needs allowSelfHeal',
            })
            .optional(),
        allowSelfHeal: z =>
          z
            .boolean({ description: 'Allow selfHeal: true. Default false' })
            .optional(),
        prune: z =>
          z.boolean({ description: `Default ${defaults.prune}` }).optional(),
        syncOptions: z =>
          z
            .array(z.string(), {
              description: `Default ${JSON.stringify(defaults.syncOptions)}`,
            })
            .optional(),
        serverUrl: z =>
          z
            .string({
              description: 'NEXT_PUBLIC_SERVER_URL of the dev environment',
            })
            .optional(),
        envSecretName: z =>
          z
            .string({
              description: `Secret read with envFrom. Default '${defaults.envSecretName}'`,
            })
            .optional(),
        applicationPath: z =>
          z
            .string({
              description: `Where the Application is written. Default '${defaults.applicationPath}'`,
            })
            .optional(),
        valuesPath: z =>
          z
            .string({
              description: `Where the values file is written. Default '${defaults.valuesPath}'`,
            })
            .optional(),
        replace: z =>
          z
            .boolean({
              description:
                'Overwrite existing files with different content. Default false',
            })
            .optional(),
      },
      output: {
        changed: z => z.boolean({ description: 'Whether a file was written' }),
        applicationName: z => z.string(),
        applicationPath: z => z.string(),
        valuesPath: z => z.string(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const app = requireDnsLabel('app', input.app);
      const applicationName = requireDnsSubdomain(
        'applicationName',
        input.applicationName ??
          fillTemplate(defaults.applicationName, { app }),
      );
      const values = { app, application: applicationName };
      const fill = (template: string) => fillTemplate(template, values);
      const selfHeal = input.selfHeal ?? false;
      if (selfHeal && !input.allowSelfHeal) {
        throw new InputError(
          'selfHeal: true makes Argo CD scale the original Deployment back up while Okteto dev mode runs; ' +
            'the runbook keeps it off for dev. Set allowSelfHeal: true to force it',
        );
      }
      const repoURL =
        input.repoURL ??
        (input.repoUrl ? cloneUrlFromPicker(input.repoUrl) : undefined) ??
        defaults.repoURL;
      if (!repoURL) {
        throw new InputError(
          'repoURL (or repoUrl) is required, or set oktetoDev.scaffolder.repoURL',
        );
      }
      const spec: DevApplicationSpec = {
        app,
        applicationName,
        argocdNamespace: requireDnsLabel(
          'argocdNamespace',
          input.argocdNamespace ?? defaults.argocdNamespace,
        ),
        project: requireDnsSubdomain(
          'project',
          input.project ?? defaults.project,
        ),
        repoURL: requireUrl('repoURL', repoURL, /^(https?:\/\/|ssh:\/\/|git@)/),
        targetRevision: requireToken(
          'targetRevision',
          input.targetRevision ?? defaults.targetRevision,
        ),
        chartPath: requireRelativePath(
          'chartPath',
          input.chartPath ?? defaults.chartPath,
        ),
        valueFiles: (input.valueFiles ?? defaults.valueFiles.map(fill)).map(
          file => requireRelativePath('valueFiles', file),
        ),
        destinationServer: requireUrl(
          'destinationServer',
          input.destinationServer ?? defaults.destinationServer,
          /^https?:\/\//,
        ),
        namespace: requireDnsLabel(
          'namespace',
          input.namespace ?? fill(defaults.namespace),
        ),
        selfHeal,
        prune: input.prune ?? defaults.prune,
        syncOptions: input.syncOptions ?? defaults.syncOptions,
        serverUrl:
          input.serverUrl ?? (defaults.serverUrl && fill(defaults.serverUrl)),
        envSecretName: requireDnsSubdomain(
          'envSecretName',
          input.envSecretName ?? fill(defaults.envSecretName),
        ),
        envVar: defaults.envVar,
      };
      if (spec.serverUrl !== undefined) {
        requireUrl('serverUrl', spec.serverUrl, /^https?:\/\//);
      }
      for (const option of spec.syncOptions)
        requireToken('syncOptions', option);

      const files = [
        {
          what: 'applicationPath',
          path: input.applicationPath ?? fill(defaults.applicationPath),
          content: renderApplication(spec),
        },
        {
          what: 'valuesPath',
          path: input.valuesPath ?? fill(defaults.valuesPath),
          content: renderValues(spec),
        },
      ].map(file => {
        const absolute = resolveWorkspacePath(
          ctx.workspacePath,
          file.path,
          file.what,
        );
        return {
          ...file,
          absolute,
          relative: toWorkspaceRelative(ctx.workspacePath, absolute),
        };
      });

      // Check both files before writing either, so a refusal leaves the workspace untouched.
      const toWrite: typeof files = [];
      for (const file of files) {
        const existing = await readTextIfExists(file.absolute, file.relative);
        if (existing === undefined) {
          toWrite.push(file);
          continue;
        }
        const same =
          existing === file.content ||
          isDeepStrictEqual(
            parseYamlSafe(existing, file.relative).data,
            parseYamlSafe(file.content, file.relative).data,
          );
        if (same) continue;
        if (!input.replace) {
          throw new InputError(
            `${file.relative} already exists with different content; set 'replace: true' to overwrite it`,
          );
        }
        toWrite.push(file);
      }
      for (const file of toWrite) {
        await writeText(file.absolute, file.content);
        ctx.logger.info(`Wrote ${file.relative}`);
      }
      ctx.output('changed', toWrite.length > 0);
      ctx.output('applicationName', applicationName);
      ctx.output('applicationPath', files[0].relative);
      ctx.output('valuesPath', files[1].relative);
    },
  });
}
