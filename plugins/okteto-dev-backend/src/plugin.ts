import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  mergeConventions,
  oktetoDevPermissions,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  OktetoDevClusterSupplier,
  oktetoDevClusterSupplierExtensionPoint,
} from '@okteto-dev/plugin-okteto-dev-node';
import { registerActions } from './actions';
import { createRouter } from './router';
import { ClusterRegistry } from './services/clusters/ClusterRegistry';
import { configClusterSupplier } from './services/clusters/readClusterConfig';
import { readConventions } from './services/readConventions';
import { DevStatusService } from './services/DevStatusService';
import { RepoFileReader } from './services/repo/RepoFileReader';

/**
 * The okteto-dev backend plugin: read-only, cached dev status of catalog entities.
 *
 * @public
 */
export const oktetoDevPlugin = createBackendPlugin({
  pluginId: 'okteto-dev',
  register(env) {
    let supplier: OktetoDevClusterSupplier | undefined;
    env.registerExtensionPoint(oktetoDevClusterSupplierExtensionPoint, {
      setClusterSupplier(next) {
        if (supplier) {
          throw new Error('The okteto-dev cluster supplier was already set');
        }
        supplier = next;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, httpRouter } = deps;
        const timeoutMs = config.getOptionalNumber('oktetoDev.timeoutMs') ?? 5000;
        const service = new DevStatusService({
          logger,
          cache: deps.cache,
          clusters: new ClusterRegistry(
            supplier ?? configClusterSupplier(config),
            timeoutMs,
          ),
          repo: new RepoFileReader(
            deps.urlReader,
            ScmIntegrations.fromConfig(config),
          ),
          conventions: mergeConventions(readConventions(config)),
          ttlSeconds:
            config.getOptionalNumber('oktetoDev.cache.ttlSeconds') ?? 15,
          staleOnErrorSeconds:
            config.getOptionalNumber('oktetoDev.cache.staleOnErrorSeconds') ??
            300,
        });
        deps.permissionsRegistry.addPermissions(oktetoDevPermissions);
        registerActions({ ...deps, service });
        httpRouter.use(await createRouter({ ...deps, service }));
      },
    });
  },
});
