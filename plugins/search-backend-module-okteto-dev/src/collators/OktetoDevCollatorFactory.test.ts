import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { OktetoDevSearchDocument } from '@okteto-dev/plugin-okteto-dev-common';
import {
  generateWebCoreApps,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { OktetoDevCollatorFactory } from './OktetoDevCollatorFactory';
import { component, sourceFor, WEB_CORE } from '../__testUtils__/testSource';

jest.setTimeout(120_000);

async function collate(factory: OktetoDevCollatorFactory) {
  const { documents } = await TestPipeline.fromCollator(
    await factory.getCollator(),
  ).execute();
  return documents as OktetoDevSearchDocument[];
}

describe('OktetoDevCollatorFactory against the web-core scenario', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
  });
  afterAll(() => sandbox.close());

  it('emits one document per annotated entity with the dev status fields', async () => {
    const factory = new OktetoDevCollatorFactory(
      sourceFor(sandbox, WEB_CORE),
      '/catalog/:namespace/:kind/:name',
    );
    expect(factory.type).toBe('okteto-dev');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
    const documents = await collate(factory);
    const byApp = Object.fromEntries(documents.map(d => [d.app, d]));
    expect(Object.keys(byApp).sort()).toEqual([
      'corporate',
      'landings',
      'payload-core',
      'saas',
      'secret',
      'shop',
      'synestra-io',
    ]);
    expect(byApp['synestra-io']).toMatchObject({
      title: 'synestra-io',
      location: '/catalog/default/component/synestra-io',
      entityRef: 'component:default/synestra-io',
      namespace: 'web-synestra-io-dev',
      argoSync: 'OutOfSync',
      argoHealth: 'Healthy',
      oktetoState: 'active',
      oktetoUser: 'alice',
      driftKind: 'expected-okteto',
      authorization: { resourceRef: 'component:default/synestra-io' },
    });
    expect(byApp['synestra-io'].text).toMatch(
      /^synestra-io dev \(web-synestra-io-dev\): OutOfSync Healthy, Okteto dev mode on by alice since .+ image ghcr\.io\/neograiph\/web-core\/dev:node22-pnpm/,
    );
    expect(byApp.corporate).toMatchObject({
      argoSync: 'Synced',
      oktetoState: 'inactive',
      driftKind: 'none',
    });
    expect(byApp.landings.argoHealth).toBe('Degraded');
    expect(byApp.saas).toMatchObject({
      argoSync: 'Missing',
      checklistFailed: expect.arrayContaining([
        'argo-application',
        'env-secret',
      ]),
    });
    expect(byApp['payload-core'].oktetoState).toBe('broken');
    expect(byApp.shop.driftKind).toBe('self-heal-conflict');
    // the forbidden namespace: still a document, with what could not be read as unknown
    expect(byApp.secret).toMatchObject({
      oktetoState: 'unknown',
      argoSync: 'Synced',
    });
  });

  it('still emits every document when the cluster is down, with state unknown', async () => {
    const dead = { url: 'http://127.0.0.1:1', token: 'x' };
    const documents = await collate(
      new OktetoDevCollatorFactory(
        sourceFor(dead, WEB_CORE, 500),
        '/catalog/:namespace/:kind/:name',
      ),
    );
    expect(documents).toHaveLength(7);
    for (const document of documents) {
      expect(document).toMatchObject({
        argoSync: 'unknown',
        argoHealth: 'unknown',
        oktetoState: 'unknown',
        driftKind: 'unknown',
      });
    }
  });
});

describe('collating 2,000 entities', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: generateWebCoreApps(2000) });
  });
  afterAll(() => sandbox.close());

  it('costs at most one LIST per kind per cluster', async () => {
    const entities = Array.from({ length: 2000 }, (_, i) =>
      component(`app-${String(i + 1).padStart(4, '0')}`),
    );
    sandbox.counters.reset();
    const documents = await collate(
      new OktetoDevCollatorFactory(
        sourceFor(sandbox, entities, 30_000),
        '/catalog/:namespace/:kind/:name',
      ),
    );
    expect(documents).toHaveLength(2000);
    expect(
      documents.every(
        d => d.argoSync === 'Synced' && d.oktetoState === 'inactive',
      ),
    ).toBe(true);
    const requests = sandbox.requests;
    expect(requests.every(r => r.verb === 'list')).toBe(true);
    const perResource = new Map<string, number>();
    for (const r of requests)
      perResource.set(r.resource!, (perResource.get(r.resource!) ?? 0) + 1);
    for (const count of perResource.values()) expect(count).toBe(1);
    expect(requests.length).toBeLessThanOrEqual(4);
  });
});
