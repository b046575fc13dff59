import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DevConventions,
  DevTargetError,
  fillTemplate,
  getDevApp,
  OKTETO_DEV_APP_ANNOTATION,
  resolveDevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { DevTargetRequest } from './fetch/fetchDevObjects';

/**
 * An Argo CD instance (`oktetoDev.argocd.instances`): where its Applications are read and its UI.
 */
export interface ArgoInstance {
  name: string;
  cluster: string;
  namespace?: string;
  baseUrl?: string;
}

/** Argo CD's UI and instances from `oktetoDev.argocd`. */
export interface ArgoSettings {
  baseUrl?: string;
  instances: ArgoInstance[];
}

export function readArgoSettings(config: Config): ArgoSettings {
  const section = config.getOptionalConfig('oktetoDev.argocd');
  return {
    baseUrl: section?.getOptionalString('baseUrl')?.replace(/\/+$/, ''),
    instances: (section?.getOptionalConfigArray('instances') ?? []).map(i => ({
      name: i.getString('name'),
      cluster: i.getString('cluster'),
      namespace: i.getOptionalString('namespace'),
      baseUrl: i.getOptionalString('baseUrl')?.replace(/\/+$/, ''),
    })),
  };
}

/**
 * An entity's dev target with every cluster resolved: the workload's (named, else the only one
 * configured) and the Application's (its Argo CD instance's, the conventions' `applicationCluster`,
 * else the workload's). A 400 InputError names the missing annotation or lists the configured
 * clusters and instances.
 */
export async function resolveRequest(
  entity: Entity,
  deps: {
    conventions: DevConventions;
    clusters: ClusterRegistry;
    argo: ArgoSettings;
  },
): Promise<DevTargetRequest> {
  const entityRef = stringifyEntityRef(entity);
  const app = getDevApp(entity);
  if (!app) {
    throw new InputError(
      `Entity ${entityRef} has no '${OKTETO_DEV_APP_ANNOTATION}' annotation, so okteto-dev is not enabled for it`,
    );
  }
  try {
    const target = resolveDevTarget(entity, deps.conventions);
    target.cluster = await deps.clusters.resolve(target.cluster || undefined);
    const { application } = target;
    let baseUrl = deps.argo.baseUrl;
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
      application.cluster = instance.cluster;
      if (instance.namespace) application.namespace = instance.namespace;
      baseUrl = instance.baseUrl ?? baseUrl;
    }
    application.cluster = await deps.clusters.resolve(
      application.cluster || target.cluster,
    );
    const holder = (await deps.clusters.list()).find(
      c => c.name === application.cluster,
    );
    baseUrl =
      (application.instance ? undefined : holder?.argocdBaseUrl) ?? baseUrl;
    return {
      entityRef,
      entity,
      target,
      conventionNamespace: fillTemplate(deps.conventions.namespace, { app }),
      ...(baseUrl ? { argocdBaseUrl: baseUrl.replace(/\/+$/, '') } : {}),
    };
  } catch (error) {
    if (
      error instanceof DevTargetError ||
      (error as Error).name === 'InputError'
    ) {
      throw new InputError(`Entity ${entityRef}: ${(error as Error).message}`);
    }
    throw error;
  }
}
