import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkDevTarget,
  DEFAULT_DEV_TARGET_POLICY,
  DevConventions,
  DevMessage,
  DevTargetError,
  DevTargetPolicy,
  getDevApp,
  OKTETO_DEV_APP_ANNOTATION,
  resolveDevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ArgoSettings, readArgoConfig } from './argocd/settings';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { DevTargetRequest } from './fetch/fetchDevObjects';

export type { ArgoInstance, ArgoSettings } from './argocd/settings';

/** Argo CD's UI and instances from `oktetoDev.argocd` and `argocd.appLocatorMethods`. */
export function readArgoSettings(config: Config): ArgoSettings {
  return readArgoConfig(config).settings;
}

/**
 * A 400 for an entity whose target okteto-dev will not read: a bad value, or one the configuration
 * does not allow. `refusals` states each value, the annotation that asked for it and what is
 * allowed; the error middleware sends them along (`error.refusals`), so the card can show them in
 * the reader's language.
 */
export class DevTargetRefusedError extends InputError {
  readonly refusals: DevMessage[];

  constructor(entityRef: string, refusals: DevMessage[]) {
    super(`Entity ${entityRef}: ${refusals.map(r => r.message).join(' ')}`);
    this.refusals = refusals;
  }
}

/**
 * An entity's dev target with every cluster resolved: the workload's (named, else the only one
 * configured) and the Application's (its Argo CD instance's, the conventions' `applicationCluster`,
 * else the workload's), then checked against the configuration (`oktetoDev.targets`): a target
 * outside it is a {@link DevTargetRefusedError} before anything is read. A 400 InputError names a
 * missing annotation or lists the configured clusters and instances.
 */
export async function resolveRequest(
  entity: Entity,
  deps: {
    conventions: DevConventions;
    clusters: ClusterRegistry;
    argo: ArgoSettings;
    targets?: DevTargetPolicy;
  },
): Promise<DevTargetRequest> {
  const entityRef = stringifyEntityRef(entity);
  const app = getDevApp(entity);
  if (!app) {
    throw new InputError(
      `Entity ${entityRef} has no '${OKTETO_DEV_APP_ANNOTATION}' annotation, so okteto-dev is not enabled for it`,
    );
  }
  const policy = deps.targets ?? DEFAULT_DEV_TARGET_POLICY;
  try {
    const target = resolveDevTarget(entity, deps.conventions, {
      reuseForeignAnnotations: policy.reuseForeignAnnotations,
    });
    // what the naming templates alone give: always allowed
    const conventional = resolveDevTarget(
      {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { [OKTETO_DEV_APP_ANNOTATION]: app },
        },
      },
      deps.conventions,
    );
    target.cluster = await deps.clusters.resolve(target.cluster || undefined);
    const { application } = target;
    let baseUrl = deps.argo.baseUrl;
    // the entity's instance, else the default one (see argocd/settings.ts)
    application.instance ??= deps.argo.defaultInstance;
    let argocdApi: string | undefined;
    if (application.instance) {
      const instance = deps.argo.instances.find(
        i => i.name === application.instance,
      );
      if (!instance) {
        const names = deps.argo.instances.map(i => i.name).join(', ') || 'none';
        throw new InputError(
          `No Argo CD instance named '${application.instance}' is configured (configured: ${names})`,
        );
      }
      application.cluster = instance.cluster ?? '';
      if (instance.namespace) {
        // the instance's namespace is configuration: it wins, and it is the conventional one
        application.namespace = instance.namespace;
        conventional.application.namespace = instance.namespace;
      }
      baseUrl = instance.baseUrl ?? baseUrl;
      if (instance.api) argocdApi = instance.name;
    }
    // read through the API, the instance's cluster is where Argo CD runs, which Backstage may not read
    const elsewhere =
      argocdApi !== undefined &&
      application.cluster !== '' &&
      !(await deps.clusters.list()).some(c => c.name === application.cluster);
    if (!elsewhere) {
      application.cluster = await deps.clusters.resolve(
        application.cluster || target.cluster,
      );
    }
    const refusals = checkDevTarget(
      target,
      {
        namespace: conventional.namespace,
        workload: conventional.workload,
        application: conventional.application,
        ...(deps.conventions.cluster
          ? { cluster: deps.conventions.cluster }
          : {}),
      },
      policy,
    );
    if (refusals.length > 0)
      throw new DevTargetRefusedError(entityRef, refusals);
    const clusters = await deps.clusters.list();
    const holder = clusters.find(c => c.name === application.cluster);
    const workloadUrl = clusters.find(c => c.name === target.cluster)?.url;
    baseUrl =
      (application.instance ? undefined : holder?.argocdBaseUrl) ?? baseUrl;
    return {
      entityRef,
      entity,
      target,
      conventionNamespace: conventional.namespace,
      ...(baseUrl ? { argocdBaseUrl: baseUrl.replace(/\/+$/, '') } : {}),
      ...(workloadUrl ? { clusterUrl: workloadUrl } : {}),
      ...(argocdApi ? { argocdApi } : {}),
    };
  } catch (error) {
    if (error instanceof DevTargetRefusedError) throw error;
    if (error instanceof DevTargetError && error.problems.length > 0) {
      throw new DevTargetRefusedError(entityRef, error.problems);
    }
    if (
      error instanceof DevTargetError ||
      (error as Error).name === 'InputError'
    ) {
      throw new InputError(`Entity ${entityRef}: ${(error as Error).message}`);
    }
    throw error;
  }
}
