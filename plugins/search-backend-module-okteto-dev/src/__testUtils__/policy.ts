import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
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
import { withCatalogReadForOktetoDev } from '../policy/oktetoDevPolicy';
import { CATALOG_OWNER, OUTSIDER, OWNER, TWO_CONDITIONS } from './entities';

/**
 * A hand-written policy, as an organisation writes its own (none of okteto-dev's helpers):
 * - `okteto-dev.status.read`: denied to {@link OUTSIDER}; for {@link OWNER} only on the entities
 *   they own; for {@link TWO_CONDITIONS} only on entities that name their Argo CD Application;
 *   allowed to everyone else;
 * - `catalog.entity.read`: for {@link CATALOG_OWNER} and {@link TWO_CONDITIONS} only the entities
 *   they own (conditional decisions the catalog resolves); allowed to everyone else;
 * - everything else allowed.
 */
export class OktetoDevTestPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const who = user?.info.userEntityRef;
    const owned = () =>
      catalogConditions.isEntityOwner({
        claims: user?.info.ownershipEntityRefs ?? [],
      });
    if (isPermission(request.permission, oktetoDevStatusReadPermission)) {
      if (who === OUTSIDER) return { result: AuthorizeResult.DENY };
      if (who === OWNER) {
        return createCatalogConditionalDecision(
          oktetoDevStatusReadPermission,
          owned(),
        );
      }
      if (who === TWO_CONDITIONS) {
        return createCatalogConditionalDecision(
          oktetoDevStatusReadPermission,
          catalogConditions.hasAnnotation({ annotation: 'okteto-dev/argocd-app' }),
        );
      }
    }
    if (
      isPermission(request.permission, catalogEntityReadPermission) &&
      (who === CATALOG_OWNER || who === TWO_CONDITIONS)
    ) {
      return createCatalogConditionalDecision(
        catalogEntityReadPermission,
        owned(),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The permission backend's policy, as an organisation installs its own: the test policy as it is,
 * or wrapped with `withCatalogReadForOktetoDev` (as the search module's README says to do with
 * `visibilityPermission: okteto-dev.status.read`).
 */
export function testPolicyModule(options: { wrapped: boolean }) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'okteto-dev-test-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          const own = new OktetoDevTestPolicy();
          policy.setPolicy(
            options.wrapped ? withCatalogReadForOktetoDev(own) : own,
          );
        },
      });
    },
  });
}
