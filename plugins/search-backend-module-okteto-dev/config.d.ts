import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The okteto-dev collator: one document per entity with the `okteto-dev/app` annotation,
       * its dev status read through the okteto-dev backend, visible to users who hold
       * `okteto-dev.status.read` on the entity.
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
      };
    };
  };
}
