import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The okteto-dev collator: one document per entity with the `okteto-dev/app` annotation. */
      oktetoDev?: {
        /** How often to collate. Default every 2 minutes (dev mode changes faster than the catalog). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Add the dev status fields to the `software-catalog` documents too, so a plain catalog
         * search shows the dev state. Default true.
         */
        decorateCatalog?: boolean;
      };
    };
  };
}
