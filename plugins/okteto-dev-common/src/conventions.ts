import { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_INSTANCE_ANNOTATION,
  ARGOCD_APP_NAMESPACE_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  OKTETO_DEV_APP_ANNOTATION,
  OKTETO_DEV_ARGOCD_APP_ANNOTATION,
  OKTETO_DEV_ARGOCD_APP_NAMESPACE_ANNOTATION,
  OKTETO_DEV_ARGOCD_INSTANCE_ANNOTATION,
  OKTETO_DEV_NAMESPACE_ANNOTATION,
  OKTETO_DEV_APP_DIR_ANNOTATION,
  OKTETO_DEV_CLUSTER_ANNOTATION,
  OKTETO_DEV_DEV_SERVICE_ANNOTATION,
  OKTETO_DEV_PACKAGE_ANNOTATION,
  OKTETO_DEV_WORKLOAD_ANNOTATION,
  OKTETO_DEV_WORKLOAD_KIND_ANNOTATION,
} from './annotations';
import { devMessage, DevMessage } from './messages';
import { shown } from './shown';

/**
 * The kinds of dev workload Okteto supports: it looks for a Deployment, then a StatefulSet
 * (okteto `pkg/k8s/apps/crud.go` Get), and clones either as `<name>-okteto`.
 *
 * @public
 */
export const DEV_WORKLOAD_KINDS = ['Deployment', 'StatefulSet'] as const;

/**
 * A kind of dev workload: one of {@link DEV_WORKLOAD_KINDS}.
 *
 * @public
 */
export type DevWorkloadKind = (typeof DEV_WORKLOAD_KINDS)[number];

/**
 * Naming conventions of a monorepo's dev environments, as templates.
 *
 * Placeholders: `{app}` (the app key), `{application}` (the resolved Argo CD Application name),
 * `{namespace}` (the resolved workload namespace). Defaults follow NeoGrAIph/web-core.
 *
 * @public
 */
export interface DevConventions {
  /**
   * Cluster used when the entity does not name one. Default: none — with one configured cluster,
   * that one; with several, each entity must name its own (`okteto-dev/cluster`).
   */
  cluster?: string;
  /** Namespace of the dev workload. Default `web-{app}-dev`. */
  namespace: string;
  /** Name of the dev Argo CD Application. Default `web-{app}-dev`. */
  applicationName: string;
  /** Namespace the Argo CD Applications live in. Default `argo`. */
  applicationNamespace: string;
  /**
   * Cluster whose API holds the Argo CD Applications, when it is not the workload's (hub and
   * spoke). Default: the workload's cluster.
   */
  applicationCluster?: string;
  /** Dev workload (Deployment) name. Default `{application}-web-app` (chart `web-app`). */
  workload: string;
  /** Kind of the dev workload: `Deployment` or `StatefulSet`. Default `Deployment`. */
  workloadKind?: DevWorkloadKind;
  /** Container of the workload that Okteto replaces. Default `app`. */
  container: string;
  /**
   * Labels that select the workload, written as the `selector` of new dev entries. Default the
   * `web-app` chart's `{app.kubernetes.io/name: web-app, app.kubernetes.io/instance: {application}}`.
   */
  selector: Record<string, string>;
  /** Key of the dev entry in the Okteto manifest. Default `web-{app}-dev`. */
  devService: string;
  /**
   * pnpm package of the app, the last resort when neither an annotation nor the app folder's
   * `package.json` gives it. Default `{app}`.
   */
  package: string;
  /** Folder of the app in the monorepo, the last resort. Default `apps/{app}`. */
  appDir: string;
  /** Path of the Okteto manifest from the repository root. Default `.okteto/okteto.yml`. */
  manifestPath: string;
  /** Env var (and value) that marks the dev environment. Default `SYNESTRA_ENV=dev`. */
  envVar: { name: string; value: string };
  /** Env var of the workload that holds the app's public URL. Default `NEXT_PUBLIC_SERVER_URL`. */
  serverUrlEnv: string;
  /** The Secret the workload reads with `envFrom`. Default `{application}-env`. */
  envSecret: string;
  /** Where the dev Application manifest lives in the repository. Default `deploy/argocd/apps/dev/{app}.yaml`. */
  applicationPath: string;
  /** Where the dev env values file lives in the repository. Default `deploy/env/dev/{app}.yaml`. */
  valuesPath: string;
  /** Argo CD project of the dev Applications. Default `synestra-web`. */
  project: string;
  /** Git revision the dev Applications track. Default `main`. */
  targetRevision: string;
  /** Chart folder in the repository. Default `deploy/charts/web-app`. */
  chartPath: string;
  /** Helm value files, relative to the chart folder. Default `['../../env/release-dev/{app}.yaml', '../../env/dev/{app}.yaml']`. */
  valueFiles: string[];
  /** Destination cluster of the dev Applications. Default `https://kubernetes.default.svc`. */
  destinationServer: string;
}

/**
 * The web-core conventions.
 *
 * @public
 */
export const DEFAULT_DEV_CONVENTIONS: DevConventions = Object.freeze({
  namespace: 'web-{app}-dev',
  applicationName: 'web-{app}-dev',
  applicationNamespace: 'argo',
  workload: '{application}-web-app',
  container: 'app',
  selector: Object.freeze({
    'app.kubernetes.io/name': 'web-app',
    'app.kubernetes.io/instance': '{application}',
  }) as Record<string, string>,
  devService: 'web-{app}-dev',
  package: '{app}',
  appDir: 'apps/{app}',
  manifestPath: '.okteto/okteto.yml',
  envVar: Object.freeze({ name: 'SYNESTRA_ENV', value: 'dev' }),
  serverUrlEnv: 'NEXT_PUBLIC_SERVER_URL',
  envSecret: '{application}-env',
  applicationPath: 'deploy/argocd/apps/dev/{app}.yaml',
  valuesPath: 'deploy/env/dev/{app}.yaml',
  project: 'synestra-web',
  targetRevision: 'main',
  chartPath: 'deploy/charts/web-app',
  valueFiles: Object.freeze([
    '../../env/release-dev/{app}.yaml',
    '../../env/dev/{app}.yaml',
  ]) as unknown as string[],
  destinationServer: 'https://kubernetes.default.svc',
}) as DevConventions;

/**
 * Which annotation gave each value of a {@link DevTarget}; a value without one follows the naming
 * templates (`oktetoDev.conventions`).
 *
 * @public
 */
export interface DevTargetOrigins {
  /** The annotation that named the cluster. */
  cluster?: string;
  /** The annotation that named the namespace. */
  namespace?: string;
  /** The annotation that named the workload. */
  workload?: string;
  /** The annotation that named the dev entry. */
  devService?: string;
  /** The annotation that named the package. */
  package?: string;
  /** The annotation that named the app folder. */
  appDir?: string;
  /** The Application's name. */
  application?: string;
  /** The Application's namespace. */
  applicationNamespace?: string;
  /** The Argo CD instance. */
  instance?: string;
}

/**
 * Where an entity's dev environment lives, fully resolved.
 *
 * @public
 */
export interface DevTarget {
  /** The app key (`okteto-dev/app`). */
  app: string;
  /** The cluster named by the entity or the conventions; empty when neither names one. */
  cluster: string;
  /** The namespace of the dev workload. */
  namespace: string;
  /** The dev workload. */
  workload: string;
  /**
   * Its kind (`okteto-dev/workload-kind`, else the conventions' `workloadKind`); absent means
   * `Deployment`.
   */
  workloadKind?: DevWorkloadKind;
  /** The container that Okteto replaces. */
  container: string;
  /**
   * The key of the dev entry in the Okteto manifest. Not validated here: it only reaches a command
   * after `buildDevCommands` checked it as an Okteto dev name.
   */
  devService: string;
  /** The package of the app (see `sources`); checked as an npm package name before any command. */
  package: string;
  /** The folder of the app in the monorepo (see `sources`). */
  appDir: string;
  /** The Okteto manifest, from the repository root. */
  manifestPath: string;
  /** The env var (and value) that marks the dev environment. */
  envVar: { name: string; value: string };
  /** The env var of the workload that holds the app's public URL. */
  serverUrlEnv: string;
  /** The Secret the workload reads with `envFrom`. */
  envSecret: string;
  /** The dev Application's manifest in the repository. */
  applicationPath: string;
  /** The dev env values file in the repository. */
  valuesPath: string;
  /** The selector of a new dev entry, filled in. */
  selector: Record<string, string>;
  /**
   * The Argo CD Application; `cluster` is the cluster whose API holds it (empty: the workload's),
   * `instance` the Argo CD instance named by the entity.
   */
  application: {
    name: string;
    namespace: string;
    cluster: string;
    instance?: string;
  };
  /** Where `package` and `appDir` came from (annotation or convention; the repository refines them). */
  sources: {
    package: 'annotation' | 'convention';
    appDir: 'annotation' | 'convention';
  };
  /** The annotation behind each value that one set. */
  origins: DevTargetOrigins;
}

/**
 * Thrown when an entity cannot be resolved to a dev target: every value that failed, with where it
 * came from, as statements of the status (`problems`).
 *
 * @public
 */
export class DevTargetError extends Error {
  /** Each value that failed, and why. */
  readonly problems: DevMessage[];

  constructor(message: string | DevMessage[]) {
    super(
      typeof message === 'string'
        ? message
        : message.map(m => m.message).join(' '),
    );
    this.name = 'InputError';
    this.problems =
      typeof message === 'string' ? [] : message.map(m => ({ ...m }));
  }
}

/**
 * Options of {@link resolveDevTarget}.
 *
 * @public
 */
export interface ResolveDevTargetOptions {
  /**
   * Let the annotations of Backstage's Kubernetes plugin and of the Argo CD card
   * (`backstage.io/kubernetes-namespace`, `argocd/app-name`, `argocd/app-namespace`,
   * `argocd/instance-name`) stand in for okteto-dev's own when those are absent. Off by default:
   * in catalogs set up for those plugins they name production
   * (`oktetoDev.targets.reuseForeignAnnotations`).
   */
  reuseForeignAnnotations?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * True when `value` is a DNS-1123 label (namespaces, most names): at most 63 lower-case
 * alphanumerics or '-', starting and ending with an alphanumeric.
 *
 * @public
 */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

/**
 * True when `value` is a DNS-1123 subdomain (Deployment and Application names).
 *
 * @public
 */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/**
 * Fills `{placeholders}` of a convention template.
 *
 * @public
 */
export function fillTemplate(
  template: string,
  values: Record<string, string>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? values[key] : whole,
  );
}

/**
 * Merges partial conventions (from config) over the web-core defaults.
 *
 * @public
 */
export function mergeConventions(
  overrides?: Partial<DevConventions>,
): DevConventions {
  const defined = Object.fromEntries(
    Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined),
  );
  return {
    ...DEFAULT_DEV_CONVENTIONS,
    ...defined,
    envVar: { ...DEFAULT_DEV_CONVENTIONS.envVar, ...(overrides?.envVar ?? {}) },
    valueFiles: [
      ...(overrides?.valueFiles ?? DEFAULT_DEV_CONVENTIONS.valueFiles),
    ],
    selector: { ...(overrides?.selector ?? DEFAULT_DEV_CONVENTIONS.selector) },
  };
}

/**
 * The app key of an entity, or undefined when okteto-dev is not enabled for it.
 *
 * @public
 */
export function getDevApp(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[OKTETO_DEV_APP_ANNOTATION];
  return value?.trim() ? value.trim() : undefined;
}

/**
 * True when the entity carries the `okteto-dev/app` annotation.
 *
 * @public
 */
export function isOktetoDevEnabled(entity: Entity): boolean {
  return getDevApp(entity) !== undefined;
}

function resolveWorkloadKind(
  annotation: string | undefined,
  convention: DevWorkloadKind | undefined,
): DevWorkloadKind {
  const value = annotation?.trim();
  if (!value) return convention ?? 'Deployment';
  const kind = DEV_WORKLOAD_KINDS.find(
    k => k.toLowerCase() === value.toLowerCase(),
  );
  if (!kind) {
    throw new DevTargetError(
      `Annotation '${OKTETO_DEV_WORKLOAD_KIND_ANNOTATION}' must be one of ${DEV_WORKLOAD_KINDS.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return kind;
}

/**
 * Resolves where an entity's dev environment lives: okteto-dev's own annotations first (and, only
 * with `reuseForeignAnnotations`, those of the Kubernetes plugin and the Argo CD card), else the
 * naming templates. Every name that reaches the cluster is validated, so a bad annotation is an
 * error here (naming each bad value and where it came from) and never a strange request later.
 * Whether the configuration allows the result is {@link checkDevTarget}'s question.
 *
 * @public
 */
export function resolveDevTarget(
  entity: Entity,
  conventions: DevConventions = DEFAULT_DEV_CONVENTIONS,
  options: ResolveDevTargetOptions = {},
): DevTarget {
  const annotations = entity.metadata.annotations ?? {};
  const app = getDevApp(entity);
  if (!app) {
    throw new DevTargetError(
      `Entity has no '${OKTETO_DEV_APP_ANNOTATION}' annotation`,
    );
  }
  if (!isDnsLabel(app)) {
    throw new DevTargetError([
      devMessage('targetNameInvalid', {
        value: shown(app),
        source: OKTETO_DEV_APP_ANNOTATION,
      }),
    ]);
  }
  const origins: DevTargetOrigins = {};
  const foreign = options.reuseForeignAnnotations === true;
  /** The value of the first of `keys` that is set, remembering which; else the fallback. */
  const pick = (
    field: keyof DevTargetOrigins,
    keys: Array<string | false>,
    fallback: string,
  ) => {
    for (const key of keys) {
      const value = key ? annotations[key]?.trim() : undefined;
      if (key && value) {
        origins[field] = key;
        return value;
      }
    }
    return fallback;
  };

  const base = { app };
  const applicationName = pick(
    'application',
    [OKTETO_DEV_ARGOCD_APP_ANNOTATION, foreign && ARGOCD_APP_NAME_ANNOTATION],
    fillTemplate(conventions.applicationName, base),
  );
  const namespace = pick(
    'namespace',
    [
      OKTETO_DEV_NAMESPACE_ANNOTATION,
      foreign && KUBERNETES_NAMESPACE_ANNOTATION,
    ],
    fillTemplate(conventions.namespace, {
      ...base,
      application: applicationName,
    }),
  );
  const values = { app, application: applicationName, namespace };
  const instance = pick(
    'instance',
    [
      OKTETO_DEV_ARGOCD_INSTANCE_ANNOTATION,
      foreign && ARGOCD_INSTANCE_ANNOTATION,
    ],
    '',
  );
  const target: DevTarget = {
    app,
    cluster: pick(
      'cluster',
      [OKTETO_DEV_CLUSTER_ANNOTATION],
      conventions.cluster ?? '',
    ),
    namespace,
    workload: pick(
      'workload',
      [OKTETO_DEV_WORKLOAD_ANNOTATION],
      fillTemplate(conventions.workload, values),
    ),
    container: fillTemplate(conventions.container, values),
    workloadKind: resolveWorkloadKind(
      annotations[OKTETO_DEV_WORKLOAD_KIND_ANNOTATION],
      conventions.workloadKind,
    ),
    devService: pick(
      'devService',
      [OKTETO_DEV_DEV_SERVICE_ANNOTATION],
      fillTemplate(conventions.devService, values),
    ),
    package: pick(
      'package',
      [OKTETO_DEV_PACKAGE_ANNOTATION],
      fillTemplate(conventions.package, values),
    ),
    appDir: pick(
      'appDir',
      [OKTETO_DEV_APP_DIR_ANNOTATION],
      fillTemplate(conventions.appDir, values),
    ),
    manifestPath: fillTemplate(conventions.manifestPath, values),
    envVar: { ...conventions.envVar },
    serverUrlEnv: conventions.serverUrlEnv,
    envSecret: fillTemplate(conventions.envSecret, values),
    selector: Object.fromEntries(
      Object.entries(conventions.selector).map(([k, v]) => [
        k,
        fillTemplate(v, values),
      ]),
    ),
    applicationPath: fillTemplate(conventions.applicationPath, values),
    valuesPath: fillTemplate(conventions.valuesPath, values),
    sources: { package: 'convention', appDir: 'convention' },
    application: {
      name: applicationName,
      namespace: pick(
        'applicationNamespace',
        [
          OKTETO_DEV_ARGOCD_APP_NAMESPACE_ANNOTATION,
          foreign && ARGOCD_APP_NAMESPACE_ANNOTATION,
        ],
        fillTemplate(conventions.applicationNamespace, values),
      ),
      cluster: conventions.applicationCluster ?? '',
      ...(instance ? { instance } : {}),
    },
    origins,
  };
  if (origins.package) target.sources.package = 'annotation';
  if (origins.appDir) target.sources.appDir = 'annotation';

  const source = (field: keyof DevTargetOrigins, template: string) =>
    origins[field] ?? `oktetoDev.conventions.${template}`;
  const checks: Array<[string, string, (v: string) => boolean]> = [
    [target.namespace, source('namespace', 'namespace'), isDnsLabel],
    [
      target.application.namespace,
      source('applicationNamespace', 'applicationNamespace'),
      isDnsLabel,
    ],
    [target.container, 'oktetoDev.conventions.container', isDnsLabel],
    [target.workload, source('workload', 'workload'), isDnsSubdomain],
    [
      target.application.name,
      source('application', 'applicationName'),
      isDnsSubdomain,
    ],
    ...(target.cluster
      ? [
          [target.cluster, source('cluster', 'cluster'), isDnsSubdomain] as [
            string,
            string,
            (v: string) => boolean,
          ],
        ]
      : []),
    ...(instance
      ? [
          [instance, origins.instance!, isDnsSubdomain] as [
            string,
            string,
            (v: string) => boolean,
          ],
        ]
      : []),
  ];
  const problems = checks
    .filter(([value, , valid]) => !valid(value))
    .map(([value, from]) =>
      devMessage('targetNameInvalid', { value: shown(value), source: from }),
    );
  if (problems.length > 0) throw new DevTargetError(problems);
  return target;
}
