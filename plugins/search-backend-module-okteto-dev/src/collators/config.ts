import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

export const defaults = {
  schedule: {
    frequency: { minutes: 2 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 10 },
  } as SchedulerServiceTaskScheduleDefinition,
  locationTemplate: '/catalog/:namespace/:kind/:name',
};

/** `search.collators.oktetoDev`: the schedule and the entity page template. */
export function readCollatorConfig(config: Config, logger?: LoggerService) {
  const section = config.getOptionalConfig('search.collators.oktetoDev');
  if (section?.has('decorateCatalog')) {
    logger?.warn(
      'search.collators.oktetoDev.decorateCatalog is no longer supported and is ignored: the dev status is only in okteto-dev documents, which obey okteto-dev.status.read',
    );
  }
  return {
    schedule: section?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          section.getConfig('schedule'),
        )
      : defaults.schedule,
    locationTemplate:
      section?.getOptionalString('locationTemplate') ??
      defaults.locationTemplate,
  };
}
