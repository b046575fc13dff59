import { InputError } from '@backstage/errors';
import {
  DevConventions,
  DevTarget,
  fillTemplate,
  isValidDevName,
  OKTETO_DEV_APP_ANNOTATION,
  OKTETO_DEV_ARGOCD_APP_ANNOTATION,
  OKTETO_DEV_ARGOCD_APP_NAMESPACE_ANNOTATION,
  OKTETO_DEV_NAMESPACE_ANNOTATION,
  OKTETO_DEV_DEV_SERVICE_ANNOTATION,
  OKTETO_DEV_WORKLOAD_ANNOTATION,
  resolveDevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { requireDnsLabel } from './validation';

/** Names an action input may set instead of the convention. */
export interface AppTargetOverrides {
  applicationName?: string;
  applicationNamespace?: string;
  namespace?: string;
  workload?: string;
  devService?: string;
}

/** An app's dev target as the card resolves it, plus the Application's source and destination. */
export interface AppTarget extends DevTarget {
  project: string;
  targetRevision: string;
  chartPath: string;
  valueFiles: string[];
  destinationServer: string;
}

/**
 * Resolves an app key to the names and paths of its dev environment with `resolveDevTarget` of the
 * common package, the function the card and search use: an input given to an action plays the part
 * of the entity annotation with the same meaning (`okteto-dev/argocd-app`, `okteto-dev/workload`, ...),
 * so what the template writes is what the card then looks for.
 */
export function resolveAppTarget(
  conventions: DevConventions,
  app: string,
  overrides: AppTargetOverrides = {},
): AppTarget {
  requireDnsLabel('app', app);
  const annotations: Record<string, string> = {
    [OKTETO_DEV_APP_ANNOTATION]: app,
  };
  const byAnnotation: Array<[string, string | undefined]> = [
    [OKTETO_DEV_ARGOCD_APP_ANNOTATION, overrides.applicationName],
    [
      OKTETO_DEV_ARGOCD_APP_NAMESPACE_ANNOTATION,
      overrides.applicationNamespace,
    ],
    [OKTETO_DEV_NAMESPACE_ANNOTATION, overrides.namespace],
    [OKTETO_DEV_WORKLOAD_ANNOTATION, overrides.workload],
    [OKTETO_DEV_DEV_SERVICE_ANNOTATION, overrides.devService],
  ];
  for (const [annotation, value] of byAnnotation) {
    if (value !== undefined) annotations[annotation] = value;
  }
  let target: DevTarget;
  try {
    target = resolveDevTarget(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: app, annotations },
      },
      conventions,
    );
  } catch (error) {
    throw new InputError(
      `The names of app '${app}' do not resolve: ${(error as Error).message}`,
    );
  }
  // resolveDevTarget leaves the dev service to the commands' check; a file the template writes
  // needs it valid now (okteto/okteto pkg/model/dev.go, Validate)
  if (!isValidDevName(target.devService)) {
    throw new InputError(
      `The dev service of app '${app}' is '${target.devService}', which Okteto rejects: lower-case letters, digits and '-', not starting or ending with '-'`,
    );
  }
  const values = {
    app,
    application: target.application.name,
    namespace: target.namespace,
  };
  const fill = (template: string) => fillTemplate(template, values);
  return {
    ...target,
    project: fill(conventions.project),
    targetRevision: fill(conventions.targetRevision),
    chartPath: fill(conventions.chartPath),
    valueFiles: conventions.valueFiles.map(fill),
    destinationServer: fill(conventions.destinationServer),
  };
}
