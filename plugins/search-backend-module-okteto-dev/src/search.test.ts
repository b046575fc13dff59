import { SearchResult } from '@backstage/plugin-search-common';
import {
  OKTETO_DEV_SEARCH_TYPE,
  OktetoDevSearchFields,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ALLOWED,
  OUTSIDER,
  OWNER,
  WEB_CORE,
  WEB_CORE_APPS,
} from './__testUtils__/entities';
import { SearchSetup, startSearchBackend } from './__testUtils__/searchBackend';

jest.setTimeout(120_000);

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

let setup: SearchSetup;
beforeAll(async () => {
  setup = await startSearchBackend();
  await setup.collate();
});
afterAll(() => setup?.stop());

describe('okteto-dev search documents obey okteto-dev.status.read', () => {
  const devDocuments = (user: string) =>
    setup.search(user, { term: 'dev', types: [OKTETO_DEV_SEARCH_TYPE] });

  it('an allowed user finds the dev status of every annotated entity, with the filter fields', async () => {
    const results = await devDocuments(ALLOWED);
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

  it('the outsider finds no okteto-dev document', async () => {
    await expect(devDocuments(OUTSIDER)).resolves.toEqual([]);
    const everything = await setup.search(OUTSIDER, { term: 'synestra' });
    expect(everything.length).toBeGreaterThan(0);
    for (const { type, document } of everything) {
      expect(type).toBe('software-catalog');
      expectNoDevStatus(document);
    }
  });

  it('the owner finds the dev status of the entities they own, and only those', async () => {
    expect(titles(await devDocuments(OWNER))).toEqual([
      'corporate',
      'synestra-io',
    ]);
  });

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
});

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
    expect(failures!.every(f => f.error.name === 'NotAllowedError')).toBe(true);
  });
});
