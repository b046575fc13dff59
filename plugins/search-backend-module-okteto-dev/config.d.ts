import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The okteto-dev collator: one document per entity with the `okteto-dev/app` annotation,
       * its dev status read through the okteto-dev backend, visible per entity under
       * `visibilityPermission`.
       */
      oktetoDev?: {
        /** How often to collate. Default every 2 minutes (dev mode changes faster than the catalog). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The entity page, with `:namespace`, `:kind` and `:name`. Default
         * `/catalog/:namespace/:kind/:name`. Documents get the fragment `#okteto-dev` unless the
         * template has a fragment: their location must differ from the entity's catalog document.
         */
        locationTemplate?: string;
        /**
         * The permission the search backend checks for each document (it checks one per
         * document type). Default `catalog.entity.read`: a document shows where its entity does,
         * whatever the policy, and `okteto-dev.status.read` is not checked by search.
         * `okteto-dev.status.read`: a document shows where the entity's dev status may be read;
         * only together with a policy in which that implies reading the entity (wrap the policy
         * with `withCatalogReadForOktetoDev`), else search shows what the catalog hides.
         */
        visibilityPermission?: 'catalog.entity.read' | 'okteto-dev.status.read';
      };
    };
  };
}
