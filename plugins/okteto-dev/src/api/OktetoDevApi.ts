import { createApiRef } from '@backstage/core-plugin-api';
import {
  DevClustersResponse,
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * Reads dev environment status from the okteto-dev backend.
 *
 * @public
 */
export interface OktetoDevApi {
  /** Status of one entity, by entity ref (`kind:namespace/name`). */
  getStatus(entityRef: string): Promise<DevStatus>;
  /** Status of several entities; unresolvable ones come back as `failures`. */
  getStatuses(entityRefs: string[]): Promise<DevStatusBatchResponse>;
  /** The configured clusters and whether they answer. */
  getClusters(): Promise<DevClustersResponse>;
}

/**
 * Reference to the {@link OktetoDevApi}.
 *
 * @public
 */
export const oktetoDevApiRef = createApiRef<OktetoDevApi>({
  id: 'plugin.okteto-dev.service',
});
