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
import {
  oktetoDevEventsReadPermission,
  oktetoDevStatusReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * Both decisions at once: denied if either denies, allowed if both allow, else the conditions of
 * both (a conditional decision is a catalog-entity resource's, applied by the catalog to each
 * entity). Conditions of two different plugins or resource types cannot be joined: denied.
 */
export function allOfDecisions(
  a: PolicyDecision,
  b: PolicyDecision,
): PolicyDecision {
  if (a.result === AuthorizeResult.DENY || b.result === AuthorizeResult.DENY) {
    return { result: AuthorizeResult.DENY };
  }
  if (a.result !== AuthorizeResult.CONDITIONAL) return b;
  if (b.result !== AuthorizeResult.CONDITIONAL) return a;
  if (a.pluginId !== b.pluginId || a.resourceType !== b.resourceType) {
    return { result: AuthorizeResult.DENY };
  }
  return { ...a, conditions: { allOf: [a.conditions, b.conditions] } };
}

/**
 * Wraps a permission policy so that reading okteto-dev data about an entity
 * (`okteto-dev.status.read`, `okteto-dev.events.read`) is allowed only where reading the entity
 * (`catalog.entity.read`) is too: the policy is asked for both, and its decisions are joined
 * (conditions included, which the catalog applies per entity). Every other request is the
 * policy's alone.
 *
 * The okteto-dev backend checks both on every request anyway. What this adds is for search: the
 * search backend authorizes a document type with one permission, so the `okteto-dev` documents,
 * with `visibilityPermission: okteto-dev.status.read` configured, are shown only to callers who
 * may read both the entity and its dev status once the policy is wrapped. Install it where the
 * policy is set:
 *
 * ```ts
 * policy.setPolicy(withCatalogReadForOktetoDev(new MyPolicy()));
 * ```
 *
 * @public
 */
export function withCatalogReadForOktetoDev(
  policy: PermissionPolicy,
): PermissionPolicy {
  return {
    async handle(
      request: PolicyQuery,
      user?: PolicyQueryUser,
    ): Promise<PolicyDecision> {
      const decision = await policy.handle(request, user);
      if (
        !isPermission(request.permission, oktetoDevStatusReadPermission) &&
        !isPermission(request.permission, oktetoDevEventsReadPermission)
      ) {
        return decision;
      }
      if (decision.result === AuthorizeResult.DENY) return decision;
      const entity = await policy.handle(
        { ...request, permission: catalogEntityReadPermission },
        user,
      );
      return allOfDecisions(decision, entity);
    },
  };
}
