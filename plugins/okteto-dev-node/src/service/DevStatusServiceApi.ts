import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DevStatus,
  DevStatusBatchResponse,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * The most entity refs the okteto-dev backend accepts in one `POST /v1/status/batch`. The client
 * splits larger sets into requests of this size.
 *
 * @public
 */
export const DEV_STATUS_BATCH_LIMIT = 500;

/**
 * On whose behalf a dev status is read: the caller's own credentials (a user's from
 * `httpAuth.credentials(req)`, or the plugin's from `auth.getOwnServiceCredentials()`).
 *
 * @public
 */
export interface DevStatusRequestOptions {
  /** The credentials the read is for: the backend authorizes it as them. */
  credentials: BackstageCredentials;
}

/**
 * The dev status of catalog entities, as the okteto-dev backend answers it for the given
 * credentials: the backend checks that they may see the entity in the catalog and hold
 * `okteto-dev.status.read` on it, and serves every caller from one cache and one set of cluster
 * reads (including clusters from the `okteto-dev.cluster-supplier` extension point).
 *
 * @public
 */
export interface DevStatusServiceApi {
  /**
   * The dev status of one entity (`GET /v1/status`).
   *
   * Rejects with a `ResponseError` (from `@backstage/errors`) whose `statusCode` and `cause.name`
   * say why: 404 `NotFoundError` when the entity does not exist or is not visible to the
   * credentials, 403 `NotAllowedError` when `okteto-dev.status.read` is denied, 400 `InputError`
   * for a malformed ref or an entity without the `okteto-dev/app` annotation.
   */
  getStatus(
    request: { entityRef: string },
    options: DevStatusRequestOptions,
  ): Promise<DevStatus>;

  /**
   * The dev status of many entities (`POST /v1/status/batch`), any number of refs: duplicates are
   * dropped and the rest is sent in requests of at most {@link DEV_STATUS_BATCH_LIMIT}.
   *
   * Entities that are invisible to the credentials, denied, or unresolvable come back in
   * `failures`, not as an error. Rejects with a `ResponseError` when a request fails as a whole
   * (for example 401, or the backend is down).
   */
  getStatuses(
    request: { entityRefs: string[] },
    options: DevStatusRequestOptions,
  ): Promise<DevStatusBatchResponse>;
}
