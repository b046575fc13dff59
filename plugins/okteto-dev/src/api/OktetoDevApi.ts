import { createApiRef } from '@backstage/core-plugin-api';
import {
  DevClustersResponse,
  DevEventsResponse,
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
  /**
   * Recent Warning events of the entity's workload, its dev clone and their pods. Behind its own
   * permission (`okteto-dev.events.read`): a denied caller gets a `ResponseError` with status 403.
   */
  getEvents(entityRef: string): Promise<DevEventsResponse>;
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
