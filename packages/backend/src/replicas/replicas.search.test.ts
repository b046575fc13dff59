// Search on the PostgreSQL engine (@backstage/plugin-search-backend-module-pg) with the okteto-dev
// collator, on two replicas: the index one replica builds, the other answers from.
import { eventually } from '@okteto-dev/kube-sandbox';
import {
  OKTETO_DEV_SEARCH_TYPE,
  OktetoDevSearchFields,
} from '@okteto-dev/plugin-okteto-dev-common';
import { SearchResult } from '@backstage/plugin-search-common';
import { Replica, startReplica } from './__testUtils__/replicaBackend';
import {
  describeWithEngines,
  EngineSetup,
  startEngineSetup,
} from './__testUtils__/withEngines';

jest.setTimeout(180_000);
jest.mock('@keyv/redis', () =>
  require('./__testUtils__/redisClients').trackedKeyvRedis(),
);

describeWithEngines('search on PostgreSQL over two replicas', () => {
  let setup: EngineSetup;
  let a: Replica;
  let b: Replica;

  const start = async (name: string) => {
    const replica = await startReplica({
      name,
      engines: setup.engines,
      sandbox: setup.sandbox,
      search: true,
    });
    setup.add(() => replica.stop());
    return replica;
  };

  const search = async (replica: Replica, params: Record<string, string>) => {
    const res = await replica.get(
      `/api/search/query?${new URLSearchParams(params)}`,
    );
    if (res.status !== 200) {
      throw new Error(
        `search answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body.results as Array<
      SearchResult & { document: OktetoDevSearchFields }
    >;
  };

  beforeAll(async () => {
    setup = await startEngineSetup();
    a = await start('a');
    b = await start('b');
  });
  afterAll(() => setup?.stopAll());

  it('replica a collates the dev statuses into PostgreSQL; replica b finds them', async () => {
    await a.captured.scheduler!.triggerTask('search_index_okteto_dev');
    const found = await eventually(
      async () => {
        const results = await search(b, {
          term: 'dev',
          'types[0]': OKTETO_DEV_SEARCH_TYPE,
        }).catch(() => []);
        return results.length > 0 && results;
      },
      { what: "replica b's search to find okteto-dev documents" },
    );
    const synestra = found.find(
      r => r.document.entityRef === 'component:default/synestra-io',
    );
    expect(synestra).toMatchObject({
      type: OKTETO_DEV_SEARCH_TYPE,
      document: {
        entityRef: 'component:default/synestra-io',
        oktetoState: 'active',
        driftKind: 'expected-okteto',
      },
    });
    // the search page's filter, answered by PostgreSQL's full-text search on replica b
    const active = await search(b, {
      term: 'dev',
      'types[0]': OKTETO_DEV_SEARCH_TYPE,
      'filters[oktetoState]': 'active',
    });
    expect(active.map(r => r.document.entityRef)).toEqual(
      expect.arrayContaining([
        'component:default/shop',
        'component:default/synestra-io',
      ]),
    );
    expect(active.every(r => r.document.oktetoState === 'active')).toBe(true);
  });
});
