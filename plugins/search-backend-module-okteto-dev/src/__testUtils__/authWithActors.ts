import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * `mockServices.auth`, except that a token issued on behalf of a user names the calling plugin as
 * its actor, as the real auth service's on-behalf-of tokens do (the mock drops it). The permission
 * backend needs the actor: it refuses conditional queries (a resource permission without a
 * resourceRef, as the catalog and the search backend send) that come from a user directly.
 */
export const authWithActorsFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const serviceToken = auth.getPluginRequestToken.bind(auth);
    const getPluginRequestToken: AuthService['getPluginRequestToken'] =
      async options => {
        const { onBehalfOf } = options;
        if (auth.isPrincipal(onBehalfOf, 'user')) {
          return {
            token: mockCredentials.user.token(
              onBehalfOf.principal.userEntityRef,
              {
                actor: { subject: `plugin:${plugin.getId()}` },
              },
            ),
          };
        }
        return serviceToken(options);
      };
    // Keep the mock's prototype methods: only the on-behalf-of token changes.
    return Object.assign(auth, { getPluginRequestToken });
  },
});
