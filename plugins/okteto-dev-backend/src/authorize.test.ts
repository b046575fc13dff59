import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { oktetoDevEventsReadPermission } from '@okteto-dev/plugin-okteto-dev-common';
import { EntityAuthorizer } from './authorize';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'corporate',
    annotations: { 'okteto-dev/app': 'corporate' },
  },
};
const REF = 'component:default/corporate';

function setUp(ttlMs: number) {
  let now = 0;
  const catalog = catalogServiceMock({ entities: [entity] });
  const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
  const permissions = mockServices.permissions.mock();
  let result: AuthorizeResult = AuthorizeResult.ALLOW;
  permissions.authorize.mockImplementation(
    async requests => requests.map(() => ({ result })) as any,
  );
  const authorizer = new EntityAuthorizer(
    { catalog, permissions },
    ttlMs,
    10_000,
    () => now,
  );
  return {
    authorizer,
    lookups,
    permissions,
    deny: () => (result = AuthorizeResult.DENY),
    allow: () => (result = AuthorizeResult.ALLOW),
    advance: (ms: number) => (now += ms),
  };
}

describe('EntityAuthorizer', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it('remembers "visible and allowed" per user for ttl, then asks again', async () => {
    const t = setUp(10_000);
    expect((await t.authorizer.authorize([REF], alice))[0].entity).toEqual(
      entity,
    );
    expect((await t.authorizer.authorize([REF], alice))[0].entity).toEqual(
      entity,
    );
    expect(t.lookups).toHaveBeenCalledTimes(1);
    expect(t.permissions.authorize).toHaveBeenCalledTimes(1);
    // another user, or another permission, is asked for
    await t.authorizer.authorize([REF], bob);
    await t.authorizer.authorize([REF], alice, oktetoDevEventsReadPermission);
    expect(t.permissions.authorize).toHaveBeenCalledTimes(3);
    // access taken away stops within the ttl
    t.deny();
    t.advance(10_000);
    expect((await t.authorizer.authorize([REF], alice))[0].error?.name).toBe(
      'NotAllowedError',
    );
  });

  it('never remembers a denial, a missing entity or an anonymous caller', async () => {
    const t = setUp(10_000);
    t.deny();
    await t.authorizer.authorize([REF], alice);
    t.allow();
    expect(
      (await t.authorizer.authorize([REF], alice))[0].entity,
    ).toBeDefined();
    const missing = 'component:default/nope';
    await t.authorizer.authorize([missing], alice);
    await t.authorizer.authorize([missing], alice);
    await t.authorizer.authorize([REF], mockCredentials.none());
    await t.authorizer.authorize([REF], mockCredentials.none());
    expect(t.permissions.authorize).toHaveBeenCalledTimes(6);
  });

  it('with a ttl of 0 asks every time', async () => {
    const t = setUp(0);
    await t.authorizer.authorize([REF], alice);
    await t.authorizer.authorize([REF], alice);
    expect(t.permissions.authorize).toHaveBeenCalledTimes(2);
    expect(t.lookups).toHaveBeenCalledTimes(2);
  });
});
