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
  oktetoDevClustersReadPermission,
];
