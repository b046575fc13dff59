import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { oktetoDevPermissions } from '@okteto-dev/plugin-okteto-dev-common';
import {
  OktetoDevClusterSupplier,
  oktetoDevClusterSupplierExtensionPoint,
} from '@okteto-dev/plugin-okteto-dev-node';
import { startClaims } from './service/claims';
import { DevStatusService } from './service/DevStatusService';
import { startLive } from './service/live';
import { setUpCrossReplica } from './service/replicas';
import { devStatusOptionsFromConfig } from './service/serviceOptions';
import { EntityAuthorizer } from './authorize';
import { registerActions } from './actions';
import { createRouter } from './router';

/**
 * The okteto-dev backend plugin: read-only, cached dev status of catalog entities; with live mode
 * (the default) fed by watches, with changes pushed through signals and, when enabled, problems
 * sent to the owners as notifications.
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
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const options = devStatusOptionsFromConfig(deps.config, {
          logger: deps.logger,
          cache: deps.cache,
          urlReader: deps.urlReader,
          clusterSupplier: supplier,
        });
        // who claims which dev target: every answer and notification checks it
        const claims = startClaims({ ...deps, options });
        const { live, observer } = await startLive({
          ...deps,
          claims,
          options,
        });
        const crossReplica = await setUpCrossReplica({
          ...deps,
          timeoutMs: options.timeoutMs,
        });
        const service = new DevStatusService({
          ...options,
          live,
          observer,
          crossReplica,
          claims,
        });
        const authorizer = new EntityAuthorizer(
          deps,
          (deps.config.getOptionalNumber(
            'oktetoDev.authorization.cacheSeconds',
          ) ?? 10) * 1000,
        );
        deps.permissionsRegistry.addPermissions(oktetoDevPermissions);
        registerActions({ ...deps, service });
        deps.httpRouter.use(
          await createRouter({ ...deps, service, authorizer }),
        );
      },
    });
  },
});
