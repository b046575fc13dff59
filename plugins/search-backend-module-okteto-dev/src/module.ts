import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { devStatusServiceRef } from '@okteto-dev/plugin-okteto-dev-node';
import { readCollatorConfig } from './collators/config';
import { OktetoDevCollatorFactory } from './collators/OktetoDevCollatorFactory';

/**
 * Search module: the `okteto-dev` collator, which reads dev statuses through the okteto-dev backend
 * (`devStatusServiceRef`), its documents visible per entity under `catalog.entity.read` (or
 * `okteto-dev.status.read`, configured, with a policy wrapped by `withCatalogReadForOktetoDev`).
 *
 * @public
 */
export const searchModuleOktetoDev = createBackendModule({
  pluginId: 'search',
  moduleId: 'okteto-dev',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        devStatus: devStatusServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, logger, scheduler, indexRegistry, ...source }) {
        const options = readCollatorConfig(config, logger);
        logger.info(
          `okteto-dev search documents are visible per entity under ${options.visibilityPermission}`,
        );
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(options.schedule),
          factory: new OktetoDevCollatorFactory({
            ...source,
            logger,
            locationTemplate: options.locationTemplate,
            visibilityPermission: options.visibilityPermission,
          }),
        });
      },
    });
  },
});
