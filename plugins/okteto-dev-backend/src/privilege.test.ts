import { ConfigReader } from '@backstage/config';
import { eventually, Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { LiveBackend, startLiveBackend } from './__testUtils__/liveBackend';
import {
  fetchStatus,
  startWebCoreBackend,
  TestSetup,
} from './__testUtils__/testBackend';
import { readChecklistSettings } from './service/checklistConfig';

jest.setTimeout(60_000);

const secretItem = (s: DevStatus) =>
  s.checklist.find(i => i.id === 'env-secret');

describe('the opt-in Secret read (oktetoDev.checklist.env-secret.readSecretMetadata)', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      // a fresh answer each time, not the last good one while a read fails
      cache: { ttlSeconds: 0.001, staleOnErrorSeconds: 0.001 },
      checklist: { 'env-secret': { readSecretMetadata: true } },
    });
  });
  afterAll(() => setup.stop());

  it('is one GET by name per required Secret, metadata only, in the same round trip', async () => {
    setup.sandbox.counters.reset();
    const saas = await fetchStatus(setup, 'saas');
    expect(secretItem(saas)).toMatchObject({
      status: 'fail',
      code: 'checkSecretMissingByGet',
      params: { secrets: 'web-saas-dev-env', namespace: 'web-saas-dev' },
    });
    const secretReads = setup.sandbox.requests.filter(
      r => r.resource === 'secrets',
    );
    expect(secretReads.map(r => [r.verb, r.name, r.accept, r.status])).toEqual([
      ['get', 'web-saas-dev-env', 'metadata', 404],
    ]);
    const corporate = await fetchStatus(setup, 'corporate');
    expect(secretItem(corporate)).toMatchObject({
      status: 'pass',
      code: 'checkSecretExistsByGet',
    });
    expect(JSON.stringify(corporate)).not.toMatch(/DATABASE_URI|postgres:/);
  });

  it('refused, it names the permission (get secrets <name> in <namespace>) and falls back to the pods', async () => {
    setup.sandbox.forbid.resources.push('secrets');
    try {
      const corporate = await fetchStatus(setup, 'corporate');
      expect(corporate.errors).toEqual([
        expect.objectContaining({
          type: 'forbidden',
          permission: {
            verb: 'get',
            resource: 'secrets',
            group: '',
            namespace: 'web-corporate-dev',
            name: 'web-corporate-dev-env',
          },
        }),
      ]);
      // the running pod still proves it existed when it started
      expect(secretItem(corporate)).toMatchObject({
        status: 'pass',
        code: 'checkSecretExistedAtStart',
      });
    } finally {
      setup.sandbox.forbid.resources.pop();
    }
  });
});

describe('live mode with the opt-in: no Secret watch, GETs reused until the resync', () => {
  let sandbox: Sandbox;
  let backend: LiveBackend;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
    backend = await startLiveBackend({
      sandbox,
      oktetoDev: {
        live: { resyncSeconds: 600 },
        checklist: { 'env-secret': { readSecretMetadata: true } },
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
  });

  it('views of a watched entity cost no read, Secrets included', async () => {
    await eventually(
      async () => (await backend.status('corporate')).live?.mode === 'watch',
      { what: 'corporate to be watched' },
    );
    await backend.status('corporate');
    sandbox.counters.reset();
    for (let i = 0; i < 3; i++) {
      const s = await backend.status('corporate');
      expect(secretItem(s)?.code).toBe('checkSecretExistsByGet');
    }
    // (the catalog's other entities are derived in the background as they get watched)
    expect(
      sandbox.requests.filter(
        r => r.verb !== 'watch' && r.namespace === 'web-corporate-dev',
      ),
    ).toEqual([]);
    expect(
      sandbox.requests.filter(
        r => r.resource === 'secrets' && r.verb !== 'get',
      ),
    ).toEqual([]);
  });
});

describe('the checklist fits other stacks through config (oktetoDev.checklist)', () => {
  let setup: TestSetup;
  beforeAll(async () => {
    setup = await startWebCoreBackend({
      checklist: {
        'replicas-ignored': false,
        'dev-image': { enabled: false },
        'env-var': { name: 'NODE_ENV', value: 'development' },
        stignore: { entries: ['**/node_modules/'] },
      },
    });
  });
  afterAll(() => setup.stop());

  it('a switched-off item is not checked and not counted, and the answer names it', async () => {
    const s = await fetchStatus(setup, 'synestra-io');
    expect(s.checklist.map(i => i.id)).not.toContain('replicas-ignored');
    expect(s.checklist.map(i => i.id)).not.toContain('dev-image');
    expect(s.checklistOff).toEqual(['replicas-ignored', 'dev-image']);
    expect(s.target.envVar).toEqual({
      name: 'NODE_ENV',
      value: 'development',
    });
    expect(s.checklist.find(i => i.id === 'env-var')).toMatchObject({
      status: 'fail',
      code: 'checkEnvVarMissing',
    });
  });

  it('rejects a typo at startup, naming what is valid', () => {
    const read = (checklist: object) => () =>
      readChecklistSettings(new ConfigReader({ oktetoDev: { checklist } }));
    expect(read({ 'env-secrets': false })).toThrow(
      /oktetoDev.checklist.env-secrets is not a checklist item; the items are argo-application, .*stignore/,
    );
    expect(read({ 'env-secret': { secret: ['x'] } })).toThrow(
      /env-secret.secret is not a setting of this item; it takes enabled, secrets, readSecretMetadata/,
    );
    expect(read({ 'env-secret': { secrets: ['{app} env'] } })).toThrow(
      /does not name a Secret/,
    );
    expect(read({ 'env-var': { name: 'A' } })).toThrow(/both name and value/);
    expect(read({}).call(undefined).off.size).toBe(0);
  });
});
