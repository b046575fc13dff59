import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import {
  generateWebCoreApps,
  Sandbox,
  startSandbox,
} from '@okteto-dev/kube-sandbox';
import { OktetoDevSearchDocument } from '@okteto-dev/plugin-okteto-dev-common';
import { DevStatusServiceApi } from '@okteto-dev/plugin-okteto-dev-node';
import { component, WEB_CORE, WEB_CORE_APPS } from '../__testUtils__/entities';
import { startOktetoDevBackend } from '../__testUtils__/oktetoDevBackend';
import { OktetoDevCollatorFactory } from './OktetoDevCollatorFactory';

jest.setTimeout(120_000);

/** The collator as the module builds it: the search plugin's catalog and auth, and the service ref. */
function collator(devStatus: DevStatusServiceApi, entities: Entity[]) {
  return new OktetoDevCollatorFactory({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth({ pluginId: 'search' }),
    devStatus,
    logger: mockServices.logger.mock(),
    locationTemplate: '/catalog/:namespace/:kind/:name',
  });
}

async function collate(factory: OktetoDevCollatorFactory) {
  const { documents } = await TestPipeline.fromCollator(
    await factory.getCollator(),
  ).execute();
  return documents as OktetoDevSearchDocument[];
}

describe('OktetoDevCollatorFactory against the web-core scenario', () => {
  let sandbox: Sandbox;
  let backend: Awaited<ReturnType<typeof startOktetoDevBackend>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
    backend = await startOktetoDevBackend(sandbox, WEB_CORE);
  });
  afterAll(async () => {
    await backend.stop();
    await sandbox.close();
  });

  it('emits one document per annotated entity, visible where its entity is', async () => {
    const factory = collator(backend.devStatus, WEB_CORE);
    expect(factory.type).toBe('okteto-dev');
    // the default: the permission that always follows the catalog
    expect(factory.visibilityPermission).toMatchObject({
      name: 'catalog.entity.read',
      resourceType: 'catalog-entity',
    });
    expect(
      new OktetoDevCollatorFactory({
        catalog: catalogServiceMock({ entities: WEB_CORE }),
        auth: mockServices.auth({ pluginId: 'search' }),
        devStatus: backend.devStatus,
        logger: mockServices.logger.mock(),
        locationTemplate: '/catalog/:namespace/:kind/:name',
        visibilityPermission: 'okteto-dev.status.read',
      }).visibilityPermission,
    ).toMatchObject({
      name: 'okteto-dev.status.read',
      resourceType: 'catalog-entity',
    });
    const documents = await collate(factory);
    const byApp = Object.fromEntries(documents.map(d => [d.app, d]));
    expect(Object.keys(byApp).sort()).toEqual([
      'admin',
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
      location: '/catalog/default/component/synestra-io#okteto-dev',
      entityRef: 'component:default/synestra-io',
      namespace: 'web-synestra-io-dev',
      argoSync: 'OutOfSync',
      argoHealth: 'Healthy',
      oktetoState: 'active',
      driftKind: 'expected-okteto',
      fetchedAt: expect.any(String),
      authorization: { resourceRef: 'component:default/synestra-io' },
    });
    expect(byApp['synestra-io'].text).toMatch(
      /^synestra-io dev \(web-synestra-io-dev\): OutOfSync Healthy, Okteto dev mode on by a developer unknown to the cluster since .+ image ghcr\.io\/neograiph\/web-core\/dev:node22-pnpm/,
    );
    expect(byApp['synestra-io'].oktetoUser).toBeUndefined();
    expect(byApp['synestra-io'].oktetoAbandoned).toBeUndefined();
    // a session older than abandonedAfterHours (8): flagged, with the command that ends it
    expect(byApp.admin).toMatchObject({
      oktetoState: 'active',
      oktetoUser: 'dave',
      oktetoAbandoned: true,
    });
    expect(byApp.admin.text).toMatch(
      /Okteto dev mode on by dave since \S+ probably abandoned .*run okteto down web-admin-dev --namespace web-admin-dev\./,
    );
    expect(byApp.corporate).toMatchObject({
      argoSync: 'Synced',
      oktetoState: 'inactive',
      driftKind: 'none',
    });
    expect(byApp.saas).toMatchObject({
      argoSync: 'Missing',
      checklistFailed: expect.arrayContaining([
        'argo-application',
        'env-secret',
      ]),
    });
    expect(byApp.shop).toMatchObject({
      oktetoState: 'active',
      oktetoUser: 'bob',
      driftKind: 'conflict',
    });
    // the text carries the English message of the drift, not its code
    expect(byApp.shop.text).toMatch(
      /drift conflict, .*\. Conflict: both the original/,
    );
    // a broken session: the problems' English messages, never codes or templates
    expect(byApp['payload-core'].oktetoState).toBe('broken');
    expect(byApp['payload-core'].text).toMatch(
      /Okteto dev mode broken\. .*dev clone/,
    );
    for (const document of documents) {
      expect(document.text).not.toMatch(/\{\{|\[object Object\]/);
    }
    // the forbidden namespace: still a document, with what could not be read as unknown
    expect(byApp.secret).toMatchObject({
      oktetoState: 'unknown',
      argoSync: 'Synced',
    });
  });
});

describe('OktetoDevCollatorFactory when the cluster is down', () => {
  let backend: Awaited<ReturnType<typeof startOktetoDevBackend>>;
  beforeAll(async () => {
    backend = await startOktetoDevBackend(
      { url: 'http://127.0.0.1:1', token: 'x' },
      WEB_CORE,
      500,
    );
  });
  afterAll(() => backend.stop());

  it('still emits every document, with state unknown', async () => {
    const documents = await collate(collator(backend.devStatus, WEB_CORE));
    expect(documents).toHaveLength(WEB_CORE_APPS.length);
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
  const entities = Array.from({ length: 2000 }, (_, i) =>
    component(`app-${String(i + 1).padStart(4, '0')}`),
  );
  let sandbox: Sandbox;
  let backend: Awaited<ReturnType<typeof startOktetoDevBackend>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: generateWebCoreApps(2000) });
    // 2,000 dev namespaces: the cluster-wide mode, whose ClusterRoleBinding allows one LIST per kind
    backend = await startOktetoDevBackend(sandbox, entities, 30_000, {
      rbac: { clusterWide: true },
    });
  });
  afterAll(async () => {
    await backend.stop();
    await sandbox.close();
  });

  it('asks the backend in batches of 500, each at most one LIST per kind', async () => {
    const getStatuses = jest.spyOn(backend.devStatus, 'getStatuses');
    sandbox.counters.reset();
    const documents = await collate(collator(backend.devStatus, entities));
    expect(documents).toHaveLength(2000);
    expect(
      documents.every(
        d => d.argoSync === 'Synced' && d.oktetoState === 'inactive',
      ),
    ).toBe(true);
    expect(getStatuses.mock.calls.map(([r]) => r.entityRefs.length)).toEqual([
      500, 500, 500, 500,
    ]);
    const requests = sandbox.requests;
    expect(requests.every(r => r.verb === 'list')).toBe(true);
    const perResource = new Map<string, number>();
    for (const r of requests)
      perResource.set(r.resource!, (perResource.get(r.resource!) ?? 0) + 1);
    expect(perResource.size).toBeLessThanOrEqual(4);
    for (const count of perResource.values())
      expect(count).toBeLessThanOrEqual(4);
  });
});
