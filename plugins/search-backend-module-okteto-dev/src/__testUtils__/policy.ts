import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { oktetoDevStatusReadPermission } from '@okteto-dev/plugin-okteto-dev-common';
import { OUTSIDER, OWNER } from './entities';

/**
 * `okteto-dev.status.read`: denied to {@link OUTSIDER}, only on owned entities for {@link OWNER}
 * (a conditional decision the catalog resolves), allowed to everyone else; everything else allowed.
 */
export class OktetoDevTestPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, oktetoDevStatusReadPermission)) {
      if (user?.info.userEntityRef === OUTSIDER) {
        return { result: AuthorizeResult.DENY };
      }
      if (user?.info.userEntityRef === OWNER) {
        return createCatalogConditionalDecision(
          oktetoDevStatusReadPermission,
          catalogConditions.isEntityOwner({
            claims: user.info.ownershipEntityRefs,
          }),
        );
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** The permission backend's policy, as an organisation installs its own. */
export const testPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'okteto-dev-test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OktetoDevTestPolicy());
      },
    });
  },
});
