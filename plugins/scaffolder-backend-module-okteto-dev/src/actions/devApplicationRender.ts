import yaml from 'yaml';

export { RESPECT_IGNORE_DIFFERENCES } from '@okteto-dev/plugin-okteto-dev-common';

/** Everything the two dev files are made from, every default resolved and validated. */
export interface DevApplicationSpec {
  app: string;
  applicationName: string;
  applicationNamespace: string;
  project: string;
  repoURL: string;
  targetRevision: string;
  chartPath: string;
  valueFiles: string[];
  destinationServer: string;
  namespace: string;
  /** The dev Deployment, whose `/spec/replicas` Argo CD must leave to Okteto. */
  workload: string;
  selfHeal: boolean;
  prune: boolean;
  /** Includes {@link RESPECT_IGNORE_DIFFERENCES}. */
  syncOptions: string[];
  serverUrl?: string;
  serverUrlEnv: string;
  /**
   * The chart's Ingress in the values file: the host of the server URL, `false` for none, absent to
   * leave the chart's default (`oktetoDev.scaffolder.ingressFromServerUrl`).
   */
  ingressHost?: string | false;
  envSecret: string;
  envVar: { name: string; value: string };
}

/**
 * The `/spec/replicas` guard of a dev Application: Argo CD's comparison ignores the workload's
 * replicas, so `okteto up` scaling the original to 0 is not drift, and (with
 * {@link RESPECT_IGNORE_DIFFERENCES}) a sync of a new revision keeps the live value instead of
 * putting the chart's `replicas: 1` back while Okteto's clone runs.
 */
export function replicasGuard(workload: string) {
  return [
    {
      group: 'apps',
      kind: 'Deployment',
      name: workload,
      jsonPointers: ['/spec/replicas'],
    },
  ];
}

/**
 * The dev Argo CD Application, shaped like web-core's `deploy/argocd/apps/dev/*.yaml`, with the
 * replicas guard after `syncPolicy`.
 */
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
      metadata: {
        name: spec.applicationName,
        namespace: spec.applicationNamespace,
      },
      spec: {
        project: spec.project,
        source,
        destination: {
          server: spec.destinationServer,
          namespace: spec.namespace,
        },
        syncPolicy,
        ignoreDifferences: replicasGuard(spec.workload),
      },
    },
    { lineWidth: 0 },
  );
}

/** The env the values file sets: the dev marker, then the public URL when there is one. */
function valuesEnv(spec: DevApplicationSpec): Record<string, string> {
  const env: Record<string, string> = {
    [spec.envVar.name]: spec.envVar.value,
  };
  if (spec.serverUrl) env[spec.serverUrlEnv] = spec.serverUrl;
  return env;
}

/**
 * The chart's Ingress as web-core's dev values set it (deploy/env/dev/synestra-io.yaml): the dev
 * host at `/`, or off when the app has no public URL. web-core's chart `web-app` enables its
 * Ingress with `hosts: []`, which renders an Ingress without rules that kube-apiserver refuses
 * (pkg/apis/networking/validation/validation.go: "either `defaultBackend` or `rules` must be
 * specified"), so a dev values file must say one or the other.
 */
function renderIngress(host: string | false): string {
  if (host === false) {
    return yaml.stringify({ ingress: { enabled: false } });
  }
  const doc = new yaml.Document({
    ingress: {
      enabled: true,
      hosts: [{ host, paths: [{ path: '/', pathType: 'Prefix' }] }],
    },
  });
  // quoted like the env values above, the path and its type plain: web-core's text
  (doc.getIn(['ingress', 'hosts', 0, 'host'], true) as yaml.Scalar).type =
    'QUOTE_DOUBLE';
  return doc.toString({ lineWidth: 0 });
}

/** The first line of a dev values file, as web-core's: a comment naming the app. */
export function valuesHeader(app: string): string {
  return `# Dev values for ${app} deployment (non-secret only).`;
}

/** The dev values file (non-secret env and the env Secret), shaped like web-core's. */
export function renderValues(spec: DevApplicationSpec): string {
  const options = {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  } as const;
  return [
    `${valuesHeader(spec.app)}\n`,
    yaml.stringify({ env: valuesEnv(spec) }, options),
    yaml.stringify({ envFrom: { secretRef: spec.envSecret } }, options),
    ...(spec.ingressHost === undefined
      ? []
      : [renderIngress(spec.ingressHost)]),
  ].join('\n');
}
