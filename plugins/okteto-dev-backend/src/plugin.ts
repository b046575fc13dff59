import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { oktetoDevPermissions } from '@okteto-dev/plugin-okteto-dev-common';
import {
  OktetoDevClusterSupplier,
  oktetoDevClusterSupplierExtensionPoint,
} from '@okteto-dev/plugin-okteto-dev-node';
import { DevStatusService } from './service/DevStatusService';
import { registerActions } from './actions';
import { createRouter } from './router';

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
        const service = DevStatusService.fromConfig(deps.config, {
          logger: deps.logger,
          cache: deps.cache,
          urlReader: deps.urlReader,
          clusterSupplier: supplier,
        });
        deps.permissionsRegistry.addPermissions(oktetoDevPermissions);
        registerActions({ ...deps, service });
        deps.httpRouter.use(await createRouter({ ...deps, service }));
      },
    });
  },
});
