import { mockCredentials } from '@backstage/backend-test-utils';
import { eventually, Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import request from 'supertest';
import { LiveBackend, startLiveBackend } from '../../__testUtils__/liveBackend';
import { WEB_CORE_ENTITIES } from '../../__testUtils__/webCoreEntities';

jest.setTimeout(60_000);

const REFS = WEB_CORE_ENTITIES.filter(
  e => e.metadata.annotations?.['okteto-dev/app'],
).map(e => `component:default/${e.metadata.name}`);

async function batch(backend: LiveBackend): Promise<DevStatus[]> {
  const res = await request(backend.server)
    .post('/api/okteto-dev/v1/status/batch')
    .set('Authorization', mockCredentials.user.header())
    .send({ entityRefs: REFS });
  return res.body.items;
}

/** Watches the sandbox holds open now (their requests have not finished). */
const openWatches = (sandbox: Sandbox) =>
  sandbox.requests.filter(r => r.verb === 'watch' && r.status === 0);

describe('beyond maxNamespacesPerCluster', () => {
  let sandbox: Sandbox | undefined;
  let backend: LiveBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    await sandbox?.close();
  });

  it('in the cluster-wide mode (oktetoDev.rbac.clusterWide), watches each kind once across all namespaces where RBAC allows it', async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
    sandbox.forbid.namespaces.splice(0); // cluster-wide read rights
    backend = await startLiveBackend({
      sandbox,
      oktetoDev: {
        live: { maxNamespacesPerCluster: 3 },
        rbac: { clusterWide: true },
      },
    });
    const s = sandbox;
    const items = await eventually(
      async () => {
        const all = await batch(backend!);
        return all.every(i => i.live?.mode === 'watch') && all;
      },
      { what: 'every entity to be watched' },
    );
    expect(items.length).toBe(REFS.length);
    const watches = openWatches(s);
    expect(
      watches.map(w => `${w.resource} ${w.namespace ?? '*'}`).sort(),
    ).toEqual(['applications argo', 'deployments *', 'pods *']);
  });

  it('by default never watches wider than a namespace: the first namespaces are watched, the rest polled, saying why', async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
    sandbox.forbid.namespaces.splice(0); // even where RBAC would allow it
    backend = await startLiveBackend({
      sandbox,
      oktetoDev: { live: { maxNamespacesPerCluster: 3 } },
    });
    const items = await eventually(
      async () => {
        const all = await batch(backend!);
        return all.filter(i => i.live?.mode === 'watch').length >= 3 && all;
      },
      { what: 'the first namespaces to be watched' },
    );
    for (const p of items.filter(i => i.live?.mode === 'polling')) {
      expect(p.live?.reason).toMatch(
        /more than 3 dev namespaces on cluster default and the cluster-wide mode \(oktetoDev.rbac.clusterWide\) is off/,
      );
    }
    expect(
      sandbox.requests.filter(r => !r.namespace && r.resource !== undefined),
    ).toEqual([]);
  });

  it('in the cluster-wide mode with namespaced rights only, watches the first namespaces and polls the rest, saying why', async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
    backend = await startLiveBackend({
      sandbox,
      oktetoDev: {
        live: { maxNamespacesPerCluster: 3 },
        rbac: { clusterWide: true },
      },
    });
    const items = await eventually(
      async () => {
        const all = await batch(backend!);
        return all.filter(i => i.live?.mode === 'watch').length >= 3 && all;
      },
      { what: 'the first namespaces to be watched' },
    );
    const polled = items.filter(i => i.live?.mode === 'polling');
    expect(polled.length).toBeGreaterThan(0);
    for (const p of polled) {
      expect(p.live?.reason).toMatch(
        /more than 3 dev namespaces on cluster default and no right to watch across all namespaces|forbidden/,
      );
    }
    const namespaces = new Set(
      openWatches(sandbox)
        .filter(w => w.resource !== 'applications')
        .map(w => w.namespace),
    );
    expect(namespaces.has(undefined)).toBe(false);
    expect(namespaces.size).toBeLessThanOrEqual(3);
  });
});
