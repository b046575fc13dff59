import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { cloneUrl, locateRepository, RepoLocation } from '../git/repoLocation';
import { fillTemplate } from '@okteto-dev/plugin-okteto-dev-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { sameData } from './yamlDocuments';
import { resolveAppTarget } from './appTarget';
import {
  OktetoDevScaffolderOptions,
  readOktetoDevScaffolderOptions,
} from './config';
import { examples } from './devApplicationCreate.examples';
import {
  DevApplicationInput,
  devApplicationInput,
  devApplicationOutput,
} from './devApplicationInput';
import {
  DevApplicationSpec,
  renderApplication,
  renderValues,
  RESPECT_IGNORE_DIFFERENCES,
} from './devApplicationRender';
import {
  requireDnsLabel,
  requireDnsSubdomain,
  requireRelativePath,
  requireToken,
  requireUrl,
} from './validation';
import { unifiedDiffs } from './unifiedDiff';
import { parseYamlSafe } from './yamlSafe';
import { readTextIfExists, workspaceFile, writeText } from './workspaceFiles';

/**
 * A RepoUrlPicker value → the repository's clone URL: through the host's integration when there is
 * one (`gitlab.com?owner=g/sub&repo=r` → `https://gitlab.com/g/sub/r.git`,
 * `bb.example.com?project=P&repo=r` → `https://bb.example.com/scm/P/r.git`, ...), else as
 * `https://<host>/<owner>/<repo>.git`.
 */
function cloneUrlFromPicker(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): string {
  let location: RepoLocation | undefined;
  try {
    location = locateRepository(repoUrl, integrations);
  } catch {
    location = undefined;
  }
  if (location) return cloneUrl(location);
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

/** The spec and file paths of an input, defaults from the conventions, everything validated. */
function resolveDevApplication(
  input: DevApplicationInput,
  options: OktetoDevScaffolderOptions,
  integrations: ScmIntegrationRegistry,
): { spec: DevApplicationSpec; applicationPath: string; valuesPath: string } {
  const app = requireDnsLabel('app', input.app);
  const target = resolveAppTarget(options.conventions, app, {
    applicationName:
      input.applicationName &&
      requireDnsSubdomain('applicationName', input.applicationName),
    applicationNamespace:
      input.applicationNamespace &&
      requireDnsLabel('applicationNamespace', input.applicationNamespace),
    namespace: input.namespace && requireDnsLabel('namespace', input.namespace),
    workload: input.workload && requireDnsSubdomain('workload', input.workload),
  });
  const values = {
    app,
    application: target.application.name,
    namespace: target.namespace,
  };
  const selfHeal = input.selfHeal ?? false;
  if (selfHeal && !input.allowSelfHeal) {
    throw new InputError(
      'selfHeal: true makes Argo CD scale the original Deployment back up while Okteto dev mode runs; ' +
        'the runbook keeps it off for dev. Set allowSelfHeal: true to force it',
    );
  }
  const repoURL =
    input.repoURL ??
    (input.repoUrl
      ? cloneUrlFromPicker(input.repoUrl, integrations)
      : undefined) ??
    options.repoURL;
  if (!repoURL) {
    throw new InputError(
      'repoURL (or repoUrl) is required, or set oktetoDev.scaffolder.repoURL',
    );
  }
  const syncOptions: string[] = [...(input.syncOptions ?? options.syncOptions)];
  for (const option of syncOptions) requireToken('syncOptions', option);
  if (syncOptions.some(o => /^RespectIgnoreDifferences=(?!true$)/.test(o))) {
    throw new InputError(
      `${RESPECT_IGNORE_DIFFERENCES} is required: without it a sync of a new revision puts Git's replicas back while Okteto's clone runs`,
    );
  }
  if (!syncOptions.includes(RESPECT_IGNORE_DIFFERENCES)) {
    syncOptions.push(RESPECT_IGNORE_DIFFERENCES);
  }
  const serverUrl =
    input.serverUrl ??
    (options.serverUrl ? fillTemplate(options.serverUrl, values) : undefined);
  if (serverUrl !== undefined) {
    requireUrl('serverUrl', serverUrl, /^https?:\/\//);
  }
  const envVar = target.envVar;
  for (const name of [envVar.name, target.serverUrlEnv]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new InputError(
        `The env var name '${name}' of oktetoDev.conventions is not a valid name`,
      );
    }
  }
  const spec: DevApplicationSpec = {
    app,
    applicationName: target.application.name,
    applicationNamespace: target.application.namespace,
    project: requireDnsSubdomain('project', input.project ?? target.project),
    repoURL: requireUrl('repoURL', repoURL, /^(https?:\/\/|ssh:\/\/|git@)/),
    targetRevision: requireToken(
      'targetRevision',
      input.targetRevision ?? target.targetRevision,
    ),
    chartPath: requireRelativePath(
      'chartPath',
      input.chartPath ?? target.chartPath,
    ),
    valueFiles: (input.valueFiles ?? target.valueFiles).map(file =>
      requireRelativePath('valueFiles', file),
    ),
    destinationServer: requireUrl(
      'destinationServer',
      input.destinationServer ?? target.destinationServer,
      /^https?:\/\//,
    ),
    namespace: target.namespace,
    workload: target.workload,
    selfHeal,
    prune: input.prune ?? options.prune,
    syncOptions,
    serverUrl,
    serverUrlEnv: target.serverUrlEnv,
    ...(options.ingressFromServerUrl
      ? { ingressHost: serverUrl ? new URL(serverUrl).hostname : false }
      : {}),
    envSecret: requireDnsSubdomain(
      'envSecret',
      input.envSecret ?? target.envSecret,
    ),
    envVar,
  };
  return {
    spec,
    applicationPath: input.applicationPath ?? target.applicationPath,
    valuesPath: input.valuesPath ?? target.valuesPath,
  };
}

/**
 * Creates the `argocd:dev-application:create` action: writes the dev Argo CD Application and the
 * dev values file of an app, with `selfHeal: false` (runbook §2, §7) and the `/spec/replicas`
 * guard (`ignoreDifferences` and `RespectIgnoreDifferences=true`), names and paths from
 * `oktetoDev.conventions`.
 *
 * @public
 */
export function createArgocdDevApplicationCreateAction(options?: {
  config?: Config;
}) {
  const settings = readOktetoDevScaffolderOptions(options?.config);
  const integrations = ScmIntegrations.fromConfig(
    options?.config ?? new ConfigReader({}),
  );
  return createTemplateAction({
    id: 'argocd:dev-application:create',
    description:
      'Writes the dev Argo CD Application (selfHeal off, replicas left to Okteto) and the dev values file of an app',
    examples,
    supportsDryRun: true,
    schema: {
      input: devApplicationInput(settings),
      output: devApplicationOutput,
    },
    async handler(ctx) {
      const { spec, applicationPath, valuesPath } = resolveDevApplication(
        ctx.input,
        settings,
        integrations,
      );
      const files = [
        {
          what: 'applicationPath',
          path: applicationPath,
          content: renderApplication(spec),
        },
        { what: 'valuesPath', path: valuesPath, content: renderValues(spec) },
      ].map(file => {
        const { file: absolute, relative } = workspaceFile(
          ctx.workspacePath,
          file.path,
          file.what,
        );
        return { ...file, absolute, relative };
      });

      // Check both files before writing either, so a refusal leaves the workspace untouched.
      const toWrite: Array<(typeof files)[number] & { before?: string }> = [];
      for (const file of files) {
        const existing = await readTextIfExists(file.absolute, file.relative);
        if (existing === undefined) {
          toWrite.push(file);
          continue;
        }
        const same =
          existing === file.content ||
          sameData(
            parseYamlSafe(existing, file.relative).data,
            parseYamlSafe(file.content, file.relative).data,
          );
        if (same) continue;
        if (!ctx.input.replace) {
          throw new InputError(
            `${file.relative} already exists with different content; set 'replace: true' to overwrite it`,
          );
        }
        toWrite.push({ ...file, before: existing });
      }
      for (const file of toWrite) {
        await writeText(file.absolute, file.content);
        ctx.logger.info(`Wrote ${file.relative}`);
      }
      ctx.output('changed', toWrite.length > 0);
      ctx.output('applicationName', spec.applicationName);
      ctx.output('applicationNamespace', spec.applicationNamespace);
      ctx.output('namespace', spec.namespace);
      ctx.output('workload', spec.workload);
      ctx.output('targetRevision', spec.targetRevision);
      ctx.output('applicationPath', files[0].relative);
      ctx.output('valuesPath', files[1].relative);
      ctx.output('envVar', { ...spec.envVar });
      ctx.output('serverUrlEnv', spec.serverUrlEnv);
      ctx.output('envSecret', spec.envSecret);
      ctx.output(
        'diff',
        unifiedDiffs(
          toWrite.map(f => ({
            path: f.relative,
            before: f.before,
            after: f.content,
          })),
        ),
      );
    },
  });
}
