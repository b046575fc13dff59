import type { JsonObject } from '../types';

/**
 * How a team names and shapes its dev environments: what Git renders for
 * an app (Argo CD Application, Helm chart objects) and its Okteto dev
 * entry. Strings are templates with `{app}` (the app key), `{slug}` (the
 * name stem, default the app key), `{namespace}` and `{application}` (the
 * names below, filled in).
 */
export interface AppConventions {
  /** Seeds revisions (`<id>/<app>`), so they stay stable. */
  id: string;
  argo: {
    /** Namespace of the Applications (Argo CD's). */
    namespace: string;
    project: string;
    repoURL: string;
    targetRevision: string;
    /** Chart folder in the repository (a template). */
    path: string;
    /** Helm value files, relative to the chart. */
    valueFiles: string[];
    destinationServer: string;
    /** Name of the ApplicationSet that generates apps (when one does). */
    applicationSet: string;
    /** Labels of the Applications. */
    labels: Record<string, string>;
  };
  names: {
    /** Workload namespace = Application destination. */
    namespace: string;
    application: string;
    deployment: string;
    service: string;
    /** Secret read with `envFrom`, created outside Git. */
    envSecret: string;
    configMap: string;
  };
  /** Labels of the chart's objects. */
  labels: Record<string, string>;
  /** The Deployment's selector and pod labels. */
  selector: Record<string, string>;
  namespaceLabels: Record<string, string>;
  /** Labels of what is made outside the chart (env Secret, ApplicationSet). */
  commonLabels: Record<string, string>;
  container: {
    name: string;
    /** Images are `<registry>/{app}:<revision[:7]>`. */
    registry: string;
    port: number;
    env: Array<{ name: string; value: string }>;
    resources: JsonObject;
  };
  configMapData: Record<string, string>;
  /** Values (not base64) of the env Secret. */
  secretData: Record<string, string>;
  /** The team's Okteto manifest entry for an app. */
  dev: {
    devName: string;
    selector: Record<string, string>;
    image: string;
    workdir: string;
    sync: string[];
    /** `name:` of the Okteto manifest. */
    manifestName: string;
  };
}

/** The names of one app under some conventions. */
export interface AppNames {
  namespace: string;
  application: string;
  /** `app.kubernetes.io/instance` of Helm: the Application (release) name. */
  instance: string;
  deployment: string;
  service: string;
  envSecret: string;
  configMap: string;
}

export interface TemplateVars {
  app: string;
  slug: string;
  namespace?: string;
  application?: string;
}

/** Fills `{app}`, `{slug}`, `{namespace}`, `{application}`. */
export function fill(template: string, vars: TemplateVars): string {
  return template.replace(
    /\{(app|slug|namespace|application)\}/g,
    (m, k: keyof TemplateVars) => vars[k] ?? m,
  );
}

export function fillAll(
  templates: Record<string, string>,
  vars: TemplateVars,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(templates).map(([k, v]) => [k, fill(v, vars)]),
  );
}

/** The template variables of an app (names filled in). */
export function varsOf(
  c: AppConventions,
  app: string,
  slug = app,
): Required<TemplateVars> {
  const namespace = fill(c.names.namespace, { app, slug });
  const application = fill(c.names.application, { app, slug, namespace });
  return { app, slug, namespace, application };
}

export function namesOf(c: AppConventions, app: string, slug = app): AppNames {
  const vars = varsOf(c, app, slug);
  return {
    namespace: vars.namespace,
    application: vars.application,
    instance: vars.application,
    deployment: fill(c.names.deployment, vars),
    service: fill(c.names.service, vars),
    envSecret: fill(c.names.envSecret, vars),
    configMap: fill(c.names.configMap, vars),
  };
}
