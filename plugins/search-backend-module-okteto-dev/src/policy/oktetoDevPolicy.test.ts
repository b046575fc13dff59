import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  oktetoDevClustersReadPermission,
  oktetoDevEventsReadPermission,
  oktetoDevStatusReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import { allOfDecisions, withCatalogReadForOktetoDev } from './oktetoDevPolicy';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
const owned = createCatalogConditionalDecision(
  catalogEntityReadPermission,
  catalogConditions.isEntityOwner({ claims: ['user:default/carol'] }),
);
const annotated = createCatalogConditionalDecision(
  oktetoDevStatusReadPermission,
  catalogConditions.hasAnnotation({ annotation: 'okteto-dev/argocd-app' }),
);

/** A policy answering each permission by name (unknown: allowed), recording what it was asked. */
function policyOf(decisions: Record<string, PolicyDecision>) {
  const asked: string[] = [];
  const policy: PermissionPolicy = {
    async handle(request) {
      asked.push(request.permission.name);
      return decisions[request.permission.name] ?? ALLOW;
    },
  };
  return { policy, asked };
}

describe('allOfDecisions', () => {
  it('denies if either denies, allows if both allow, else keeps the conditions', () => {
    expect(allOfDecisions(DENY, ALLOW)).toEqual(DENY);
    expect(allOfDecisions(owned, DENY)).toEqual(DENY);
    expect(allOfDecisions(ALLOW, ALLOW)).toEqual(ALLOW);
    expect(allOfDecisions(ALLOW, owned)).toEqual(owned);
    expect(allOfDecisions(annotated, ALLOW)).toEqual(annotated);
  });

  it('joins two conditional decisions of the catalog as allOf', () => {
    expect(allOfDecisions(annotated, owned)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: { allOf: [annotated.conditions, owned.conditions] },
    });
  });

  it('denies conditions it cannot join (another plugin or resource type)', () => {
    expect(
      allOfDecisions(annotated, {
        ...owned,
        pluginId: 'elsewhere',
      } as PolicyDecision),
    ).toEqual(DENY);
  });
});

describe('withCatalogReadForOktetoDev', () => {
  it('allows reading the dev status only where reading the entity is allowed too', async () => {
    const { policy } = policyOf({ 'catalog.entity.read': owned });
    const wrapped = withCatalogReadForOktetoDev(policy);
    await expect(
      wrapped.handle({ permission: oktetoDevStatusReadPermission }),
    ).resolves.toEqual(owned);
    await expect(
      wrapped.handle({ permission: oktetoDevEventsReadPermission }),
    ).resolves.toEqual(owned);
  });

  it('keeps the policy’s own conditions and denials of the dev status', async () => {
    const both = policyOf({
      'okteto-dev.status.read': annotated,
      'catalog.entity.read': owned,
    });
    await expect(
      withCatalogReadForOktetoDev(both.policy).handle({
        permission: oktetoDevStatusReadPermission,
      }),
    ).resolves.toMatchObject({
      conditions: { allOf: [annotated.conditions, owned.conditions] },
    });

    const denied = policyOf({ 'okteto-dev.status.read': DENY });
    await expect(
      withCatalogReadForOktetoDev(denied.policy).handle({
        permission: oktetoDevStatusReadPermission,
      }),
    ).resolves.toEqual(DENY);
    // a denial needs no second question
    expect(denied.asked).toEqual(['okteto-dev.status.read']);
  });

  it('leaves every other permission to the policy alone', async () => {
    const { policy, asked } = policyOf({ 'catalog.entity.read': owned });
    const wrapped = withCatalogReadForOktetoDev(policy);
    await expect(
      wrapped.handle({ permission: catalogEntityReadPermission }),
    ).resolves.toEqual(owned);
    await expect(
      wrapped.handle({ permission: catalogEntityDeletePermission }),
    ).resolves.toEqual(ALLOW);
    await expect(
      wrapped.handle({ permission: oktetoDevClustersReadPermission }),
    ).resolves.toEqual(ALLOW);
    expect(asked).toEqual([
      'catalog.entity.read',
      'catalog.entity.delete',
      'okteto-dev.clusters.read',
    ]);
  });
});
