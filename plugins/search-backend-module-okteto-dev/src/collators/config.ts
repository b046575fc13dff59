import {
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
  decorateCatalog: true,
  locationTemplate: '/catalog/:namespace/:kind/:name',
};

export function readCollatorConfig(config: Config) {
  const section = config.getOptionalConfig('search.collators.oktetoDev');
  return {
    schedule: section?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          section.getConfig('schedule'),
        )
      : defaults.schedule,
    decorateCatalog:
      section?.getOptionalBoolean('decorateCatalog') ??
      defaults.decorateCatalog,
    locationTemplate:
      section?.getOptionalString('locationTemplate') ??
      defaults.locationTemplate,
  };
}
