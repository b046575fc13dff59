import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/**
 * What may guard the `okteto-dev` documents: reading the entity (the default, so search never
 * shows what the catalog hides, whatever the policy), or reading its dev status (for a policy
 * that makes that imply reading the entity: `withCatalogReadForOktetoDev`).
 */
export const VISIBILITY_PERMISSIONS = [
  'catalog.entity.read',
  'okteto-dev.status.read',
] as const;

/** One of {@link VISIBILITY_PERMISSIONS}. */
export type VisibilityPermissionName = (typeof VISIBILITY_PERMISSIONS)[number];

export const defaults = {
  schedule: {
    frequency: { minutes: 2 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 10 },
  } as SchedulerServiceTaskScheduleDefinition,
  locationTemplate: '/catalog/:namespace/:kind/:name',
  visibilityPermission: 'catalog.entity.read' as VisibilityPermissionName,
};

/** `search.collators.oktetoDev`: the schedule and the entity page template. */
export function readCollatorConfig(config: Config, logger?: LoggerService) {
  const section = config.getOptionalConfig('search.collators.oktetoDev');
  if (section?.has('decorateCatalog')) {
    logger?.warn(
      'search.collators.oktetoDev.decorateCatalog is no longer supported and is ignored: the dev status is only in okteto-dev documents, which have a permission of their own',
    );
  }
  const visibilityPermission =
    section?.getOptionalString('visibilityPermission') ??
    defaults.visibilityPermission;
  if (
    !(VISIBILITY_PERMISSIONS as readonly string[]).includes(
      visibilityPermission,
    )
  ) {
    throw new Error(
      `search.collators.oktetoDev.visibilityPermission must be one of ${VISIBILITY_PERMISSIONS.join(
        ', ',
      )}, not '${visibilityPermission}'`,
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
    visibilityPermission: visibilityPermission as VisibilityPermissionName,
  };
}
