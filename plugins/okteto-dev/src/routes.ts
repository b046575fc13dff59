import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The "Dev environments" page of the legacy frontend system (`oktetoDevPlugin.routes.root`).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'okteto-dev' });
