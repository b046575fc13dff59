/*
 * Clusters of the test's own (not the shared one): compaction and 410 Gone,
 * the API server restarted under a watch, and stopping without leftovers,
 * also when the process that started the cluster is killed.
 */
import { AppsV1Api, CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterState, isAlive, RealCluster, realClusterBinary, startRealCluster } from './index';
import { createDeployment, deployment, eventually, kubeConfigOf, newNamespace, statusOf } from './testUtils';

jest.setTimeout(180_000);

describe('a cluster of its own', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let pidsAtStart: number[];

  beforeAll(async () => {
    // Without the watch cache every watch and list goes to etcd, so a
    // compaction is seen at once (with it, the cache serves recent history:
    // k8s.io/apiserver/pkg/storage/cacher).
    cluster = await startRealCluster({ shared: false, nodes: 1, extraArgs: { apiserver: ['--watch-cache=false'] } });
    kc = kubeConfigOf(cluster);
    core = kc.makeApiClient(CoreV1Api);
    pidsAtStart = await cluster.pids();
  });
  afterAll(() => cluster?.close());

  it('runs the supervisor (with etcd) and four component processes', async () => {
    const state = await cluster.state();
    expect(Object.keys(state.components).sort()).toEqual(['apiserver', 'controller-manager', 'etcd', 'kwok', 'scheduler']);
    expect(state.components.etcd.pid).toBe(state.pid);
    expect(new Set(pidsAtStart).size).toBe(5);
    for (const pid of pidsAtStart) expect(isAlive(pid)).toBe(true);
    expect(cluster.shared).toBe(false);
  });

  it('compact(): a list and a watch from a compacted resourceVersion get 410 Gone', async () => {
    const ns = await newNamespace(kc, 'compact');
    const cm = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' }, data: { n: '0' } } });
    const oldRv = cm.metadata!.resourceVersion!;
    for (let i = 1; i <= 3; i++) {
      const cur = await core.readNamespacedConfigMap({ name: 'c', namespace: ns });
      cur.data = { n: String(i) };
      await core.replaceNamespacedConfigMap({ name: 'c', namespace: ns, body: cur });
    }
    // Before: the old revision is still readable.
    const before = await core.listNamespacedConfigMap({ namespace: ns, resourceVersion: oldRv, resourceVersionMatch: 'Exact' });
    expect(before.items.find(i => i.metadata?.name === 'c')?.data?.n).toBe('0');

    const { revision } = await cluster.compact();
    expect(revision).toBeGreaterThan(Number(oldRv));

    const list = await statusOf(core.listNamespacedConfigMap({ namespace: ns, resourceVersion: oldRv, resourceVersionMatch: 'Exact' }));
    expect(list.code).toBe(410);
    expect(list.body.reason).toBe('Expired');

    const events: Array<{ type: string; object: any }> = [];
    const done = new Promise<unknown>(resolve => {
      new Watch(kc)
        .watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: oldRv }, (type, object) => events.push({ type, object }), resolve)
        .catch(resolve);
    });
    await eventually(() => events.length > 0, { what: 'the watch to answer' });
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    await done;
  });

  it('restartApiServer(): a watch open across it ends; the controllers carry on afterwards', async () => {
    const ns = await newNamespace(kc, 'restart');
    const before = await cluster.state();
    let ended = false;
    const aborter = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      {},
      () => {},
      () => {
        ended = true;
      },
    );
    const { pid } = await cluster.restartApiServer();
    expect(pid).not.toBe(before.components.apiserver.pid);
    expect(isAlive(before.components.apiserver.pid)).toBe(false);
    expect(isAlive(pid)).toBe(true);
    await eventually(() => ended, { what: 'the watch to end' });
    aborter.abort();
    // Same URL, same credentials; the controller manager, scheduler and kwok reconnect.
    await createDeployment(kc, ns, deployment('after', { replicas: 1 }));
    await eventually(
      async () => (await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'after', namespace: ns })).status?.readyReplicas === 1,
      { what: 'a Deployment made after the restart to be ready', timeoutMs: 60_000 },
    );
  });

  it('close() stops every process and removes its directory', async () => {
    const pids = await cluster.pids();
    const dir = cluster.dir;
    await cluster.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
    // A second close() is harmless.
    await cluster.close();
  });
});

describe('when the process that started the cluster is killed', () => {
  it('the cluster stops by itself and leaves no process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-cluster-orphan-'));
    // A shell stands for the test process: it starts the supervisor and waits.
    const shell = spawn('sh', ['-c', `"$0" up --exit-with-parent --nodes 1 --quiet --dir "$1" >/dev/null; echo ended`, realClusterBinary(), dir], {
      stdio: 'ignore',
    });
    try {
      const state = await eventually(
        () => {
          try {
            return JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8')) as ClusterState;
          } catch {
            return undefined;
          }
        },
        { what: 'the cluster to be ready', timeoutMs: 120_000, intervalMs: 200 },
      );
      const pids = [state.pid, ...Object.values(state.components).map(c => c.pid)];
      for (const pid of pids) expect(isAlive(pid)).toBe(true);
      shell.kill('SIGKILL');
      await eventually(() => pids.every(pid => !isAlive(pid)), { what: 'every process to be gone', timeoutMs: 40_000 });
      expect(fs.existsSync(path.join(dir, 'cluster.json'))).toBe(false);
    } finally {
      shell.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
