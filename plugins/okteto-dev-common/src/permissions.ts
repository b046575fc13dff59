import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading an entity's dev status. A resource permission on the catalog entity, so a policy can decide
 * per entity (for example: only the owners). The backend also requires the entity to be visible to
 * the caller in the catalog.
 *
 * @public
 */
export const oktetoDevStatusReadPermission = createPermission({
  name: 'okteto-dev.status.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Reading the recent Warning events of an entity's workload, its dev clone and their pods (the card's
 * "Events" section, fetched only when opened). A resource permission on the catalog entity, separate
 * from the status because events can carry more detail than a policy wants every reader to see.
 *
 * @public
 */
export const oktetoDevEventsReadPermission = createPermission({
  name: 'okteto-dev.events.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Reading the list of configured clusters and whether each is reachable.
 *
 * @public
 */
export const oktetoDevClustersReadPermission = createPermission({
  name: 'okteto-dev.clusters.read',
  attributes: { action: 'read' },
});

/**
 * All permissions of okteto-dev.
 *
 * @public
 */
export const oktetoDevPermissions = [
  oktetoDevStatusReadPermission,
  oktetoDevEventsReadPermission,
  oktetoDevClustersReadPermission,
];
