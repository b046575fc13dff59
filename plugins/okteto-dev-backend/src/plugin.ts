import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { oktetoDevPermissions } from '@okteto-dev/plugin-okteto-dev-common';
import type {
  AuthenticationStrategy,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import {
  oktetoDevAuthStrategyExtensionPoint,
  OktetoDevClusterSupplier,
  oktetoDevClusterSupplierExtensionPoint,
} from '@okteto-dev/plugin-okteto-dev-node';
import { openDatabase } from './service/database/migrations';
import { startClaims } from './service/claims';
import { DevStatusService } from './service/DevStatusService';
import { startLive } from './service/live';
import { setUpCrossReplica } from './service/replicas';
import { devStatusOptionsFromConfig } from './service/serviceOptions';
import { EntityAuthorizer } from './authorize';
import { registerActions } from './actions';
import { ResponseRedaction } from './redaction';
import { createRouter } from './router';
import { Redactor } from './service/answers/redact';

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
    const kubernetesSuppliers: KubernetesClustersSupplier[] = [];
    const strategies = new Map<string, AuthenticationStrategy>();
    env.registerExtensionPoint(oktetoDevClusterSupplierExtensionPoint, {
      setClusterSupplier(next) {
        if (supplier) {
          throw new Error('The okteto-dev cluster supplier was already set');
        }
        supplier = next;
      },
      addClusterSupplier(next) {
        kubernetesSuppliers.push(next);
      },
    });
    env.registerExtensionPoint(oktetoDevAuthStrategyExtensionPoint, {
      addAuthStrategy(key, strategy) {
        if (!key || /[^A-Za-z0-9_]/.test(key)) {
          throw new Error(
            `okteto-dev auth strategy key '${key}' must be letters, digits and underscores (as the Kubernetes plugin's, no dashes)`,
          );
        }
        strategies.set(key, strategy);
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
        // the plugin's tables, migrated before anything reads them (unless migrations are skipped)
        await openDatabase(deps.database);
        const options = devStatusOptionsFromConfig(deps.config, {
          logger: deps.logger,
          cache: deps.cache,
          urlReader: deps.urlReader,
          catalog: deps.catalog,
          auth: deps.auth,
          clusterSupplier: supplier,
          clusterExtensions: {
            kubernetesSuppliers,
            authStrategies: strategies,
          },
        });
        // what cannot be used is logged once the other plugins (the catalog) have started
        deps.lifecycle.addStartupHook(async () => {
          await options.clusters
            .snapshot()
            .catch(error =>
              deps.logger.error(
                'okteto-dev: reading the clusters failed',
                error,
              ),
            );
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
        const authorizationTtlMs =
          (deps.config.getOptionalNumber(
            'oktetoDev.authorization.cacheSeconds',
          ) ?? 10) * 1000;
        const authorizer = new EntityAuthorizer(deps, authorizationTtlMs);
        const redaction = new ResponseRedaction(
          new Redactor(() => service.clusterAndInstanceNames()),
          deps.permissions,
          authorizationTtlMs,
        );
        deps.permissionsRegistry.addPermissions(oktetoDevPermissions);
        registerActions({ ...deps, service, redaction });
        deps.httpRouter.use(
          await createRouter({ ...deps, service, authorizer, redaction }),
        );
      },
    });
  },
});
