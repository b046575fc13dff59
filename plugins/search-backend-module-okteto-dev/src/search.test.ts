import { SearchResult } from '@backstage/plugin-search-common';
import {
  OKTETO_DEV_SEARCH_TYPE,
  OktetoDevSearchFields,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ALLOWED,
  CATALOG_OWNER,
  OUTSIDER,
  OWNER,
  TWO_CONDITIONS,
  WEB_CORE,
  WEB_CORE_APPS,
} from './__testUtils__/entities';
import { SearchSetup, startSearchBackend } from './__testUtils__/searchBackend';

jest.setTimeout(180_000);

/** Every field okteto-dev puts on a document: none may reach a `software-catalog` document. */
const DEV_FIELDS: Array<keyof OktetoDevSearchFields> = [
  'entityRef',
  'app',
  'argoSync',
  'argoHealth',
  'oktetoState',
  'oktetoUser',
  'driftKind',
  'checklistFailed',
  'fetchedAt',
];

const USERS = [ALLOWED, OUTSIDER, OWNER, CATALOG_OWNER, TWO_CONDITIONS];

/**
 * A catalog document as the catalog collator made it. This also catches a catalog hit that returns
 * the okteto-dev document of the same entity (Lunr keys its document store by location).
 */
function expectNoDevStatus(document: SearchResult['document']) {
  for (const field of DEV_FIELDS) expect(document).not.toHaveProperty(field);
  expect(document.location).not.toContain('#okteto-dev');
  expect(document.text).not.toMatch(/okteto|Synced|dev mode/i);
}

const titles = (results: SearchResult[]) =>
  results.map(r => r.document.title).sort();

const devDocuments = (setup: SearchSetup, user: string) =>
  setup.search(user, { term: 'dev', types: [OKTETO_DEV_SEARCH_TYPE] });

/** The okteto-dev documents `user` finds of entities the catalog hides from them: none, ever. */
async function foundButHidden(setup: SearchSetup, user: string) {
  const visible = await setup.catalogNames(user);
  const found = titles(await devDocuments(setup, user));
  return found.filter(name => !visible.includes(name));
}

describe('by default: an okteto-dev document shows where its entity does, whatever the policy', () => {
  let setup: SearchSetup;
  beforeAll(async () => {
    // the policy as written, not wrapped: nothing of okteto-dev's in it
    setup = await startSearchBackend({ wrappedPolicy: false });
    await setup.collate();
  });
  afterAll(() => setup?.stop());

  it('a policy that allows the dev status but conditions catalog reads: only the entities the catalog shows', async () => {
    // carol may read every dev status, but the catalog shows her only what she owns
    expect(await setup.catalogNames(CATALOG_OWNER)).toEqual(['admin', 'shop']);
    expect(titles(await devDocuments(setup, CATALOG_OWNER))).toEqual([
      'admin',
      'shop',
    ]);
    // not through a search for a hidden entity's name or its namespace, of any type, either
    for (const term of ['synestra', 'web-synestra-io-dev', 'corporate']) {
      const results = await setup.search(CATALOG_OWNER, { term });
      for (const { document } of results) {
        expect(['admin', 'shop']).toContain(document.title);
        expect(JSON.stringify(document)).not.toMatch(/synestra|corporate/);
      }
    }
    const active = await setup.search(CATALOG_OWNER, {
      term: 'dev',
      types: [OKTETO_DEV_SEARCH_TYPE],
      filters: { oktetoState: 'active' },
    });
    expect(titles(active)).toEqual(['admin', 'shop']);
  });

  it.each(USERS)(
    'no okteto-dev document of an entity the catalog hides from %s',
    async user => {
      expect(await foundButHidden(setup, user)).toEqual([]);
    },
  );

  it('an allowed user finds every annotated entity', async () => {
    expect(titles(await devDocuments(setup, ALLOWED))).toEqual(
      [...WEB_CORE_APPS].sort(),
    );
  });
});

describe('visibilityPermission okteto-dev.status.read with the policy wrapped: both permissions', () => {
  let setup: SearchSetup;
  beforeAll(async () => {
    setup = await startSearchBackend({
      visibilityPermission: 'okteto-dev.status.read',
      wrappedPolicy: true,
    });
    await setup.collate();
  });
  afterAll(() => setup?.stop());

  it('an allowed user finds the dev status of every annotated entity, with the filter fields', async () => {
    const results = await devDocuments(setup, ALLOWED);
    expect(titles(results)).toEqual([...WEB_CORE_APPS].sort());
    const synestra = results.find(r => r.document.title === 'synestra-io');
    expect(synestra).toMatchObject({
      type: 'okteto-dev',
      document: {
        location: '/catalog/default/component/synestra-io#okteto-dev',
        entityRef: 'component:default/synestra-io',
        argoSync: 'OutOfSync',
        oktetoState: 'active',
        driftKind: 'expected-okteto',
      },
    });
    // the filters of the search page
    const active = await setup.search(ALLOWED, {
      term: 'dev',
      types: [OKTETO_DEV_SEARCH_TYPE],
      filters: { oktetoState: 'active' },
    });
    expect(titles(active)).toEqual(['admin', 'shop', 'synestra-io']);
  });

  it('the outsider, denied the dev status, finds no okteto-dev document', async () => {
    await expect(devDocuments(setup, OUTSIDER)).resolves.toEqual([]);
    const everything = await setup.search(OUTSIDER, { term: 'synestra' });
    expect(everything.length).toBeGreaterThan(0);
    for (const { type, document } of everything) {
      expect(type).toBe('software-catalog');
      expectNoDevStatus(document);
    }
  });

  it('catalog allowed, dev status conditioned (owners only): the dev status of the entities they own only', async () => {
    expect(await setup.catalogNames(OWNER)).toEqual(
      WEB_CORE.map(e => e.metadata.name).sort(),
    );
    expect(titles(await devDocuments(setup, OWNER))).toEqual([
      'corporate',
      'synestra-io',
    ]);
  });

  it('dev status allowed, catalog conditioned: only the entities the catalog shows', async () => {
    expect(titles(await devDocuments(setup, CATALOG_OWNER))).toEqual([
      'admin',
      'shop',
    ]);
  });

  it('both conditioned: where both conditions hold', async () => {
    // owns landings and payload-core; may read the dev status of the entities naming their
    // Application, payload-core and saas: both, payload-core alone
    expect(titles(await devDocuments(setup, TWO_CONDITIONS))).toEqual([
      'payload-core',
    ]);
  });

  it.each(USERS)(
    'no okteto-dev document of an entity the catalog hides from %s',
    async user => {
      expect(await foundButHidden(setup, user)).toEqual([]);
    },
  );

  it.each([
    ['the outsider', OUTSIDER],
    ['an allowed user', ALLOWED],
  ])(
    'software-catalog documents carry no dev status, for %s',
    async (_, user) => {
      const results = await setup.search(user, {
        term: 'web',
        types: ['software-catalog'],
      });
      expect(titles(results)).toEqual(
        WEB_CORE.map(e => e.metadata.name).sort(),
      );
      for (const { document } of results) expectNoDevStatus(document);
    },
  );

  describe('devStatusServiceRef against the okteto-dev backend', () => {
    const as = (user: string) => ({
      credentials: {
        $$type: '@backstage/BackstageCredentials' as const,
        principal: { type: 'user' as const, userEntityRef: user },
      },
    });
    const ref = (name: string) => ({ entityRef: `component:default/${name}` });

    it('reads with the credentials it is given, under the same policy as search', async () => {
      const { devStatus } = setup;
      await expect(
        devStatus.getStatus(ref('synestra-io'), as(ALLOWED)),
      ).resolves.toMatchObject({
        entityRef: 'component:default/synestra-io',
        okteto: { state: 'on' },
      });
      await expect(
        devStatus.getStatus(ref('synestra-io'), as(OUTSIDER)),
      ).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
        cause: { name: 'NotAllowedError' },
      });
      await expect(
        devStatus.getStatus(ref('corporate'), as(OWNER)),
      ).resolves.toMatchObject({ entityRef: 'component:default/corporate' });
      await expect(
        devStatus.getStatus(ref('shop'), as(OWNER)),
      ).rejects.toMatchObject({ statusCode: 403 });
      await expect(
        devStatus.getStatus(ref('no-such-app'), as(ALLOWED)),
      ).rejects.toMatchObject({
        statusCode: 404,
        cause: { name: 'NotFoundError' },
      });
    });

    it("serves the README example plugin with the signed-in user's view", async () => {
      const refs = WEB_CORE_APPS.map(name => ref(name).entityRef);
      await expect(setup.inDevMode(ALLOWED, refs)).resolves.toEqual([
        'component:default/synestra-io',
        'component:default/shop',
        'component:default/admin',
      ]);
      await expect(setup.inDevMode(OWNER, refs)).resolves.toEqual([
        'component:default/synestra-io',
      ]);
      await expect(setup.inDevMode(OUTSIDER, refs)).resolves.toEqual([]);
    });

    it('answers a batch with the visible statuses and the rest as failures', async () => {
      const { items, failures } = await setup.devStatus.getStatuses(
        { entityRefs: WEB_CORE_APPS.map(name => ref(name).entityRef) },
        as(OWNER),
      );
      expect(items.map(s => s.entityRef).sort()).toEqual([
        'component:default/corporate',
        'component:default/synestra-io',
      ]);
      expect(failures).toHaveLength(WEB_CORE_APPS.length - 2);
      expect(failures!.every(f => f.error.name === 'NotAllowedError')).toBe(
        true,
      );
    });
  });
});
