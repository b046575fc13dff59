import { Config } from '@backstage/config';
import { DEFAULT_STIGNORE_ENTRIES } from '@okteto-dev/plugin-okteto-dev-common';

/**
 * Defaults of the okteto-dev scaffolder actions, read from `oktetoDev.scaffolder`. Values that name
 * a file or an object are templates: `{app}` is the app key, `{application}` the resolved Argo CD
 * Application name.
 *
 * @public
 */
export interface OktetoDevScaffolderDefaults {
  /** Okteto manifest path from the repository root. */
  manifestPath: string;
  /** Dev image of new dev services; none means the workload's own image. */
  devImage?: string;
  /** Port forwards of new dev services. */
  forward: string[];
  /** `.stignore` patterns that `okteto:stignore:ensure` adds. */
  stignoreEntries: string[];
  /** Name of the dev Argo CD Application. */
  applicationName: string;
  /** Namespace the Argo CD Applications live in. */
  argocdNamespace: string;
  /** Argo CD project. */
  project: string;
  /** Git URL the Application deploys from; no default. */
  repoURL?: string;
  targetRevision: string;
  /** Chart folder in the repository. */
  chartPath: string;
  /** Helm value files, relative to the chart folder. */
  valueFiles: string[];
  destinationServer: string;
  /** Namespace of the dev workload. */
  namespace: string;
  /** Secret the workload reads with `envFrom`. */
  envSecretName: string;
  /** Server URL (`NEXT_PUBLIC_SERVER_URL`); no default. */
  serverUrl?: string;
  /** Where the Application manifest is written. */
  applicationPath: string;
  /** Where the dev values file is written. */
  valuesPath: string;
  /** `syncPolicy.syncOptions`; the web-core canon uses none for dev. */
  syncOptions: string[];
  prune: boolean;
  /** The env var that marks the dev environment. */
  envVar: { name: string; value: string };
}

/**
 * The web-core conventions (runbook §6, §7), used where app-config sets nothing.
 *
 * @public
 */
export const defaults: Readonly<OktetoDevScaffolderDefaults> = Object.freeze({
  manifestPath: '.okteto/okteto.yml',
  forward: ['3000:3000'],
  stignoreEntries: [...DEFAULT_STIGNORE_ENTRIES],
  applicationName: 'web-{app}-dev',
  argocdNamespace: 'argo',
  project: 'synestra-web',
  targetRevision: 'main',
  chartPath: 'deploy/charts/web-app',
  valueFiles: ['../../env/release-dev/{app}.yaml', '../../env/dev/{app}.yaml'],
  destinationServer: 'https://kubernetes.default.svc',
  namespace: '{application}',
  envSecretName: '{application}-env',
  applicationPath: 'deploy/argocd/apps/dev/{app}.yaml',
  valuesPath: 'deploy/env/dev/{app}.yaml',
  syncOptions: [],
  prune: true,
  envVar: { name: 'SYNESTRA_ENV', value: 'dev' },
});

/**
 * Reads `oktetoDev.scaffolder` over {@link defaults}.
 *
 * @public
 */
export function readScaffolderDefaults(
  config?: Config,
): OktetoDevScaffolderDefaults {
  const c = config?.getOptionalConfig('oktetoDev.scaffolder');
  const str = (key: keyof OktetoDevScaffolderDefaults) =>
    c?.getOptionalString(key);
  const list = (key: keyof OktetoDevScaffolderDefaults) =>
    c?.getOptionalStringArray(key);
  const envVar = c?.getOptionalConfig('envVar');
  return {
    manifestPath: str('manifestPath') ?? defaults.manifestPath,
    devImage: str('devImage') ?? defaults.devImage,
    forward: list('forward') ?? [...defaults.forward],
    stignoreEntries: list('stignoreEntries') ?? [...defaults.stignoreEntries],
    applicationName: str('applicationName') ?? defaults.applicationName,
    argocdNamespace: str('argocdNamespace') ?? defaults.argocdNamespace,
    project: str('project') ?? defaults.project,
    repoURL: str('repoURL') ?? defaults.repoURL,
    targetRevision: str('targetRevision') ?? defaults.targetRevision,
    chartPath: str('chartPath') ?? defaults.chartPath,
    valueFiles: list('valueFiles') ?? [...defaults.valueFiles],
    destinationServer: str('destinationServer') ?? defaults.destinationServer,
    namespace: str('namespace') ?? defaults.namespace,
    envSecretName: str('envSecretName') ?? defaults.envSecretName,
    serverUrl: str('serverUrl') ?? defaults.serverUrl,
    applicationPath: str('applicationPath') ?? defaults.applicationPath,
    valuesPath: str('valuesPath') ?? defaults.valuesPath,
    syncOptions: list('syncOptions') ?? [...defaults.syncOptions],
    prune: c?.getOptionalBoolean('prune') ?? defaults.prune,
    envVar: {
      name: envVar?.getOptionalString('name') ?? defaults.envVar.name,
      value: envVar?.getOptionalString('value') ?? defaults.envVar.value,
    },
  };
}
