import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DevStatusClient } from './DevStatusClient';
import { DevStatusServiceApi } from './DevStatusServiceApi';

/**
 * The dev status of catalog entities for any backend plugin or module, read through the okteto-dev
 * backend with the caller's credentials (see {@link DevStatusServiceApi}).
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { auth: coreServices.auth, devStatus: devStatusServiceRef },
 *   async init({ auth, devStatus }) {
 *     const credentials = await auth.getOwnServiceCredentials();
 *     const { items, failures } = await devStatus.getStatuses(
 *       { entityRefs: ['component:default/corporate'] },
 *       { credentials },
 *     );
 *   },
 * });
 * ```
 *
 * @public
 */
export const devStatusServiceRef = createServiceRef<DevStatusServiceApi>({
  id: 'okteto-dev.status',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory: ({ auth, discovery }) =>
        new DevStatusClient({ auth, discovery }),
    }),
});
