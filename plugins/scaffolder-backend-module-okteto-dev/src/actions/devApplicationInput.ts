import { OktetoDevScaffolderOptions } from './config';
import { Zod } from './zod';

/**
 * The inputs of `argocd:dev-application:create`, in one place. Every name and path defaults to
 * `oktetoDev.conventions` for the app; the descriptions show the configured templates.
 */
export function devApplicationInput(options: OktetoDevScaffolderOptions) {
  const { conventions: c } = options;
  const text = (description: string) => (z: Zod) =>
    z.string({ description }).optional();
  return {
    app: (z: Zod) => z.string({ description: 'App key (a DNS-1123 label)' }),
    applicationName: text(`Application name. Default '${c.applicationName}'`),
    applicationNamespace: text(
      `Namespace of the Application. Default '${c.applicationNamespace}'`,
    ),
    namespace: text(`Workload namespace. Default '${c.namespace}'`),
    workload: text(
      `The dev Deployment, whose /spec/replicas Argo CD ignores. Default '${c.workload}'`,
    ),
    project: text(`Argo CD project. Default '${c.project}'`),
    repoURL: text(
      `Git repository of the chart. Default ${
        options.repoURL ?? 'none (repoUrl or required)'
      }`,
    ),
    repoUrl: text(
      "The repository in RepoUrlPicker form (github.com?owner=o&repo=r), used when repoURL is not set. Templates use this name: a catalog entity may not hold both 'repoUrl' and 'repoURL'",
    ),
    targetRevision: text(`Default '${c.targetRevision}'`),
    chartPath: text(`Chart folder. Default '${c.chartPath}'`),
    valueFiles: (z: Zod) =>
      z
        .array(z.string(), {
          description: `Helm value files. Default ${JSON.stringify(
            c.valueFiles,
          )}`,
        })
        .optional(),
    destinationServer: text(`Default '${c.destinationServer}'`),
    selfHeal: (z: Zod) =>
      z
        .boolean({
          description:
            'Default false; true breaks Okteto dev mode and needs allowSelfHeal',
        })
        .optional(),
    allowSelfHeal: (z: Zod) =>
      z
        .boolean({ description: 'Allow selfHeal: true. Default false' })
        .optional(),
    prune: (z: Zod) =>
      z.boolean({ description: `Default ${options.prune}` }).optional(),
    syncOptions: (z: Zod) =>
      z
        .array(z.string(), {
          description: `Default ${JSON.stringify(
            options.syncOptions,
          )}; RespectIgnoreDifferences=true is always added`,
        })
        .optional(),
    serverUrl: text(
      `The app's public URL, written as ${c.serverUrlEnv}. Default ${
        options.serverUrl ? `'${options.serverUrl}'` : 'none'
      }`,
    ),
    envSecret: text(`Secret read with envFrom. Default '${c.envSecret}'`),
    applicationPath: text(
      `Where the Application is written. Default '${c.applicationPath}'`,
    ),
    valuesPath: text(
      `Where the values file is written. Default '${c.valuesPath}'`,
    ),
    replace: (z: Zod) =>
      z
        .boolean({
          description:
            'Overwrite existing files with different content. Default false',
        })
        .optional(),
  };
}

/** The outputs of `argocd:dev-application:create`: every resolved name the PR text needs. */
export const devApplicationOutput = {
  changed: (z: Zod) => z.boolean({ description: 'Whether a file was written' }),
  applicationName: (z: Zod) => z.string(),
  applicationNamespace: (z: Zod) => z.string(),
  namespace: (z: Zod) => z.string({ description: 'The workload namespace' }),
  workload: (z: Zod) =>
    z.string({ description: 'The Deployment the replicas guard names' }),
  targetRevision: (z: Zod) => z.string(),
  applicationPath: (z: Zod) => z.string(),
  valuesPath: (z: Zod) => z.string(),
  envVar: (z: Zod) =>
    z.object(
      { name: z.string(), value: z.string() },
      { description: 'The env var that marks the dev environment' },
    ),
  serverUrlEnv: (z: Zod) =>
    z.string({ description: "The env var of the app's public URL" }),
  envSecret: (z: Zod) => z.string({ description: 'The Secret of envFrom' }),
  diff: (z: Zod) =>
    z.string({
      description: 'Unified diff of both files; empty when nothing changed',
    }),
};

/** The input of `argocd:dev-application:create`, as the schema above declares it. */
export interface DevApplicationInput {
  app: string;
  applicationName?: string;
  applicationNamespace?: string;
  namespace?: string;
  workload?: string;
  project?: string;
  repoURL?: string;
  repoUrl?: string;
  targetRevision?: string;
  chartPath?: string;
  valueFiles?: string[];
  destinationServer?: string;
  selfHeal?: boolean;
  allowSelfHeal?: boolean;
  prune?: boolean;
  syncOptions?: string[];
  serverUrl?: string;
  envSecret?: string;
  applicationPath?: string;
  valuesPath?: string;
  replace?: boolean;
}
