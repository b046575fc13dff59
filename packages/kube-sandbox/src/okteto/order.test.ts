import { oktetoDown, oktetoUp } from '.';
import { recordWrites, specOf, webCoreStore } from '../__testUtils__';

const NS = 'web-corporate-dev';
const DEPLOY = 'web-corporate-dev-web-app';
const CLONE = `${DEPLOY}-okteto`;
const DEV = { devName: 'corp', namespace: NS, workload: DEPLOY, user: 'dave' };
const KINDS = ['Deployment', 'Secret', 'PersistentVolumeClaim'];

const podsOf = (store: Awaited<ReturnType<typeof webCoreStore>>['store']) =>
  store.list('pods', NS).map(p => p.metadata.name);

describe('okteto up/down: order of writes', () => {
  it('up writes the volume, the secret, the clone FIRST, then the original (okteto cmd/up/activate.go, cmd/up/devdeployer.go deploy)', async () => {
    const { store } = await webCoreStore();
    const rec = recordWrites(store, KINDS);
    await oktetoUp(store, DEV);
    rec.stop();
    expect(rec.writes).toEqual([
      { type: 'ADDED', kind: 'PersistentVolumeClaim', name: 'corp-okteto' },
      { type: 'ADDED', kind: 'Secret', name: 'okteto-corp' },
      { type: 'ADDED', kind: 'Deployment', name: CLONE },
      { type: 'MODIFIED', kind: 'Deployment', name: DEPLOY },
    ]);
  });

  it('down restores the original FIRST, then deletes the clone, then the secret; the volume stays (okteto pkg/cmd/down/run.go)', async () => {
    const { store } = await webCoreStore();
    await oktetoUp(store, DEV);
    const rec = recordWrites(store, KINDS);
    const r = await oktetoDown(store, DEV);
    rec.stop();
    expect(rec.writes).toEqual([
      { type: 'MODIFIED', kind: 'Deployment', name: DEPLOY },
      { type: 'DELETED', kind: 'Deployment', name: CLONE },
      { type: 'DELETED', kind: 'Secret', name: 'okteto-corp' },
    ]);
    expect(r).toMatchObject({
      deletedClone: true,
      deletedSecret: true,
      deletedVolume: false,
    });
    expect(
      store.get('persistentvolumeclaims', NS, 'corp-okteto'),
    ).toBeDefined();
  });

  it('down -v also deletes the dev volume', async () => {
    const { store } = await webCoreStore();
    await oktetoUp(store, DEV);
    const r = await oktetoDown(store, { ...DEV, removeVolume: true });
    expect(r.deletedVolume).toBe(true);
    expect(
      store.get('persistentvolumeclaims', NS, 'corp-okteto'),
    ).toBeUndefined();
  });
});

describe('okteto up/down: interrupted (devdeployer.go, down/run.go)', () => {
  it('up stopped after the clone leaves it next to the UNLABELLED original at full replicas: both pods serve', async () => {
    const { store } = await webCoreStore();
    const r = await oktetoUp(store, { ...DEV, stopAfter: 'clone' });
    expect(r.stoppedAfter).toBe('clone');
    const original = store.get('deployments', NS, DEPLOY)!;
    expect(original.metadata.labels?.['dev.okteto.com']).toBeUndefined();
    expect(
      original.metadata.annotations?.['dev.okteto.com/replicas'],
    ).toBeUndefined();
    expect(specOf(original).replicas).toBe(1);
    expect(store.get('deployments', NS, CLONE)).toBeDefined();
    expect(podsOf(store)).toEqual([
      expect.stringMatching(new RegExp(`^${DEPLOY}-[a-z0-9]+-[a-z0-9]{5}$`)),
      expect.stringMatching(new RegExp(`^${CLONE}-`)),
    ]);
  });

  it('up stopped after the volume or the secret writes no Deployment', async () => {
    const { store } = await webCoreStore();
    const rec = recordWrites(store, ['Deployment']);
    await oktetoUp(store, { ...DEV, stopAfter: 'volume' });
    await oktetoUp(store, { ...DEV, stopAfter: 'secret' });
    rec.stop();
    expect(rec.writes).toEqual([]);
    expect(store.get('secrets', NS, 'okteto-corp')).toBeDefined();
  });

  it('down stopped after the original leaves the clone running next to the restored original', async () => {
    const { store } = await webCoreStore();
    await oktetoUp(store, DEV);
    const r = await oktetoDown(store, { ...DEV, stopAfter: 'original' });
    expect(r).toMatchObject({ stoppedAfter: 'original', deletedClone: false });
    const original = store.get('deployments', NS, DEPLOY)!;
    expect(original.metadata.labels?.['dev.okteto.com']).toBeUndefined();
    expect(specOf(original).replicas).toBe(1);
    expect(store.get('deployments', NS, CLONE)).toBeDefined();
    expect(podsOf(store)).toHaveLength(2);
    // A later `okteto down` cleans up what is left.
    await oktetoDown(store, DEV);
    expect(store.get('deployments', NS, CLONE)).toBeUndefined();
    expect(podsOf(store)).toHaveLength(1);
  });

  it('no write sequence of up or down leaves a labelled original without its clone', async () => {
    const { store } = await webCoreStore();
    const labelledWithoutClone = () =>
      store.get('deployments', NS, DEPLOY)?.metadata.labels?.[
        'dev.okteto.com'
      ] === 'true' && !store.get('deployments', NS, CLONE);
    const seen: boolean[] = [];
    const off = store.subscribe(() => seen.push(labelledWithoutClone()));
    await oktetoUp(store, DEV);
    await oktetoDown(store, DEV);
    off();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some(Boolean)).toBe(false);
  });
});
