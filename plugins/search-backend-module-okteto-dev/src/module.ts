import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { DevStatusService } from '@okteto-dev/plugin-okteto-dev-node';
import { readCollatorConfig } from './collators/config';
import { OktetoDevCatalogDecoratorFactory } from './collators/OktetoDevCatalogDecoratorFactory';
import { OktetoDevCollatorFactory } from './collators/OktetoDevCollatorFactory';

/**
 * Search module: the `okteto-dev` collator and the `software-catalog` decorator.
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
        cache: coreServices.cache,
        urlReader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init(deps) {
        const { config, logger, scheduler, indexRegistry } = deps;
        const options = readCollatorConfig(config);
        const source = {
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          service: DevStatusService.fromConfig(config, {
            logger,
            cache: deps.cache,
            urlReader: deps.urlReader,
          }),
        };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(options.schedule),
          factory: new OktetoDevCollatorFactory(
            source,
            options.locationTemplate,
          ),
        });
        if (options.decorateCatalog) {
          indexRegistry.addDecorator({
            factory: new OktetoDevCatalogDecoratorFactory(source),
          });
        }
      },
    });
  },
});
