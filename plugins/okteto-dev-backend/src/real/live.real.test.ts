/*
 * Live mode on real watches (issue 21.2): the backend's list-then-watch (service/live: Reflector,
 * KubeHttp) against the real kube-apiserver — a change reaches the answer through the watch, a
 * namespace deleted under a watch and made again, bookmarks that keep a quiet watch's
 * resourceVersion current, 410 Gone after an etcd compaction, and the API server restarted in the
 * middle of a watch.
 *
 * Upstream read for it: k8s.io/apiserver/pkg/storage/cacher (the watch cache answers watches; a
 * resourceVersion older than its window is 410 "too old resource version", its window starts when
 * the API server does; bookmarks about once a minute, cacher.go dispatchEvents / cache_watcher.go
 * nextBookmarkTime), k8s.io/apiserver/pkg/storage/etcd3/watcher.go (with the watch cache off, a
 * watch from a compacted revision is 410), packages/real-cluster/README.md (compaction and
 * restarts of the test cluster).
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
} from '@kubernetes/client-node';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { httpOps, namesOf, oktetoDown } from '@okteto-dev/kube-sandbox';
import { RealCluster, startRealCluster } from '@okteto-dev/real-cluster';
import { recordingSignals } from '../__testUtils__/liveBackend';
import { KubeHttp } from '../service/live/kubeHttp';
import { ObjectChange, Reflector } from '../service/live/Reflector';
import { KINDS } from '../service/live/resources';
import {
  applyDevMode,
  applyState,
  AppState,
  STATES,
  suffixedConventions,
} from './__testUtils__/states';
import {
  Backend,
  ensureArgoCrds,
  newSuffix,
  realSide,
  removeReader,
  Side,
  startBackendFor,
  statusOf,
  until,
} from './__testUtils__/sides';

jest.setTimeout(600_000);

const pick = (...apps: string[]): AppState[] =>
  STATES.filter(s => apps.includes(s.app));

/** A live backend: watches on, answers otherwise cached for an hour (so polling would show). */
function startLive(
  side: Side,
  suffix: string,
  states: AppState[],
  signals?: ReturnType<typeof recordingSignals>,
  watchTimeoutSeconds = 300,
) {
  return startBackendFor(side, suffix, states, {
    oktetoDev: {
      cache: { ttlSeconds: 3600 },
      live: { enabled: true, debounceMs: 50, watchTimeoutSeconds },
    },
    features: signals ? [signals.factory] : [],
  });
}

const watched = (backend: Backend, app: string) =>
  until(async () => {
    const s = await statusOf(backend, app);
    return s.live?.mode === 'watch' && s;
  }, `${app} to be watched`);

const answer = (
  backend: Backend,
  app: string,
  done: (s: DevStatus) => boolean,
  what: string,
) =>
  until(async () => {
    const s = await statusOf(backend, app);
    return done(s) && s;
  }, `${app}: ${what}`);

/** A Reflector of Deployments in one namespace, on a cluster's admin kubeconfig. */
function deploymentReflector(
  cluster: RealCluster,
  namespace: string,
  watchTimeoutSeconds: number,
) {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  const changes: ObjectChange[] = [];
  const reflector = new Reflector({
    cluster: 'default',
    spec: KINDS.deployments,
    namespace,
    http: new KubeHttp(kc, 5000),
    keep: () => true,
    onChange: change => changes.push(change),
    onState: () => undefined,
    logger: mockServices.logger.mock(),
    watchTimeoutSeconds,
    backoff: { initialMs: 100, maxMs: 1000 },
  });
  reflector.start();
  return { reflector, changes };
}

function deployment(name: string): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.example/a:1' }] },
      },
    },
  };
}

/** Writes elsewhere: the cluster's resourceVersion moves on while `namespace` stays quiet. */
async function writeElsewhere(kc: KubeConfig, namespace: string, n: number) {
  const core = kc.makeApiClient(CoreV1Api);
  for (let i = 0; i < n; i++) {
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { generateName: 'noise-' }, data: { i: String(i) } },
    });
  }
}

/** A cluster of a test's own, read by the backend with its admin token. */
function adminSide(cluster: RealCluster): Side {
  return {
    name: 'real',
    access: { server: cluster.url, token: cluster.token, ca: cluster.ca },
    clusters: () => [
      {
        name: 'default',
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: cluster.token,
        caData: Buffer.from(cluster.ca).toString('base64'),
      },
    ],
  };
}

async function newNamespace(kc: KubeConfig, prefix: string) {
  const name = `${prefix}-${newSuffix()}`;
  await kc
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name } } });
  return name;
}

describe('live mode on the shared real cluster', () => {
  const suffix = newSuffix();
  const c = suffixedConventions(suffix);
  const states = pick('healthy', 'devon');
  const signals = recordingSignals();
  let real: Awaited<ReturnType<typeof realSide>>;
  let backend: Backend;

  beforeAll(async () => {
    real = await realSide();
    for (const state of states) await applyState(real.side.access, c, state);
    for (const state of states) await applyDevMode(real.side.access, c, state);
    // bound cluster-wide: a namespace deleted and made again keeps its reader's rights
    await real.reader(
      suffix,
      states.map(s => namesOf(c, s.app).namespace),
      c.argo.namespace,
      { clusterWide: true },
    );
    backend = await startLive(real.side, suffix, states, signals);
  });
  afterAll(async () => {
    await backend?.stop();
    if (real) {
      const core = real.kc.makeApiClient(CoreV1Api);
      for (const ns of [
        ...states.map(s => namesOf(c, s.app).namespace),
        c.argo.namespace,
      ]) {
        await core.deleteNamespace({ name: ns }).catch(() => undefined);
      }
      await removeReader(real.kc, suffix);
      await real.cluster.close();
    }
  });

  it('a change reaches the answer through the watch, and its channel is signalled', async () => {
    const first = await watched(backend, 'healthy');
    expect(first.workload).toMatchObject({ state: 'ok', replicas: 1 });
    const n = namesOf(c, 'healthy');
    await httpOps(real.side.access).patch(
      'deployments',
      n.namespace,
      n.deployment,
      {
        spec: { replicas: 2 },
      },
    );
    // answers are cached for an hour: only the watch can bring this
    const s = await answer(
      backend,
      'healthy',
      x => x.workload.state === 'ok' && x.workload.replicas === 2,
      'replicas 2',
    );
    expect(s.live).toMatchObject({ mode: 'watch' });
    // the change is pushed on the entity's channel (after the debounce)
    await until(
      () => signals.of(first.live?.channel).length > 0,
      'a signal on the channel of healthy',
      10_000,
    );
  });

  it('okteto down on the real cluster: dev mode off follows through the watches', async () => {
    const on = await watched(backend, 'devon');
    expect(on.okteto).toMatchObject({ state: 'on', user: 'bob' });
    const n = namesOf(c, 'devon');
    await oktetoDown(httpOps(real.side.access), {
      devName: n.application,
      namespace: n.namespace,
      selector: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/instance': n.application,
      },
    });
    const off = await answer(
      backend,
      'devon',
      x => x.okteto.state === 'off',
      'dev mode off',
    );
    expect(off.workload).toMatchObject({ state: 'ok', replicas: 1 });
    expect(off.live).toMatchObject({ mode: 'watch' });
  });

  it('a namespace deleted under its watches: the answer says so, and follows it back', async () => {
    await watched(backend, 'healthy');
    const n = namesOf(c, 'healthy');
    const core = real.kc.makeApiClient(CoreV1Api);
    await core.deleteNamespace({ name: n.namespace });
    const gone = await answer(
      backend,
      'healthy',
      x => x.workload.state === 'not-found',
      'the workload gone',
    );
    expect(gone.okteto.state).toBe('off');
    // the namespace controller finishes, then the app is made again
    await until(
      () =>
        core
          .readNamespace({ name: n.namespace })
          .then(() => false)
          .catch(() => true),
      'the namespace gone',
    );
    await applyState(real.side.access, c, pick('healthy')[0]);
    const back = await answer(
      backend,
      'healthy',
      x => x.workload.state === 'ok' && x.workload.readyReplicas === 1,
      'the workload back and ready',
    );
    expect(back.live).toMatchObject({ mode: 'watch' });
  });

  it('bookmarks keep a quiet watch current: its resourceVersion moves on without a change', async () => {
    const quiet = await newNamespace(real.kc, 'quiet');
    const noisy = await newNamespace(real.kc, 'noisy');
    await real.kc
      .makeApiClient(AppsV1Api)
      .createNamespacedDeployment({ namespace: quiet, body: deployment('q') });
    const { reflector, changes } = deploymentReflector(
      real.cluster,
      quiet,
      300,
    );
    try {
      await until(
        () => reflector.state === 'ready',
        'the quiet reflector ready',
      );
      const eventsBefore = reflector.stats.events;
      const changesBefore = changes.length;
      await writeElsewhere(real.kc, noisy, 3);
      // A bookmark reaches a watcher only at a revision newer than its own (cache_watcher.go
      // process): the Deployments' cache moves past the ConfigMap writes on a Deployment event or
      // on etcd's progress notification, which a consistent read (resourceVersion "") of
      // Deployments requests (watch_cache.go waitUntilFreshAndBlock, ConditionalProgressRequester).
      // On a busy shared cluster other suites' writes do it too; here a list does it.
      await real.kc
        .makeApiClient(AppsV1Api)
        .listNamespacedDeployment({ namespace: noisy });
      // the watch cache sends a bookmark about once a minute (cacher.go dispatchEvents)
      await until(
        () => reflector.stats.events > eventsBefore,
        'a bookmark on the quiet watch',
        90_000,
      );
      expect(changes.length).toBe(changesBefore);
      expect(reflector.stats.gone).toBe(0);
      expect(reflector.list()).toHaveLength(1);
    } finally {
      reflector.stop();
      const core = real.kc.makeApiClient(CoreV1Api);
      await core.deleteNamespace({ name: quiet }).catch(() => undefined);
      await core.deleteNamespace({ name: noisy }).catch(() => undefined);
    }
  });
});

describe('410 Gone after an etcd compaction, watch cache off (every watch goes to etcd)', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  beforeAll(async () => {
    cluster = await startRealCluster({
      shared: false,
      extraArgs: { apiserver: ['--watch-cache=false'] },
    });
    kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    await ensureArgoCrds(kc);
  });
  afterAll(() => cluster?.close());

  it('a watch resumed from a compacted resourceVersion gets 410 and relists; the backend’s answer follows a change made after it', async () => {
    const suffix = newSuffix();
    const c = suffixedConventions(suffix);
    const states = pick('healthy');
    const side = adminSide(cluster);
    await applyState(side.access, c, states[0]);
    const backend = await startLive(side, suffix, states, undefined, 2);
    const ns = await newNamespace(kc, 'gone');
    const noisy = await newNamespace(kc, 'noisy');
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('one'),
    });
    // short watches: each one ends and is resumed from the last resourceVersion seen
    const { reflector } = deploymentReflector(cluster, ns, 2);
    try {
      await until(() => reflector.list().length === 1, 'the first list');
      await watched(backend, 'healthy');
      await writeElsewhere(kc, noisy, 3);
      await cluster.compact();
      // the open watches end within their timeout; the next ones start from resourceVersions
      // etcd no longer has
      await until(
        () => reflector.stats.gone >= 1,
        'a 410 for the watch resumed after the compaction',
      );
      await until(() => reflector.stats.lists >= 2, 'the relist after the 410');
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: deployment('two'),
      });
      await until(
        () => reflector.list().length === 2,
        'the Deployment made after the compaction',
      );
      expect(reflector.state).toBe('ready');
      // the backend's watches went through the same (their timeout is as short)
      const n = namesOf(c, 'healthy');
      await httpOps(side.access).patch(
        'deployments',
        n.namespace,
        n.deployment,
        { spec: { replicas: 3 } },
      );
      const s = await answer(
        backend,
        'healthy',
        x => x.workload.state === 'ok' && x.workload.replicas === 3,
        'replicas 3 after the compaction',
      );
      expect(s.live).toMatchObject({ mode: 'watch' });
    } finally {
      reflector.stop();
      await backend.stop();
    }
  });
});

describe('the watch cache (the default): compaction and an API server restart', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  beforeAll(async () => {
    cluster = await startRealCluster({ shared: false });
    kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    await ensureArgoCrds(kc);
  });
  afterAll(() => cluster?.close());

  it('a compaction does not reach watches the cache serves: resumed without a relist', async () => {
    const ns = await newNamespace(kc, 'cached');
    const noisy = await newNamespace(kc, 'noisy');
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('one'),
    });
    const { reflector } = deploymentReflector(cluster, ns, 2);
    try {
      await until(() => reflector.list().length === 1, 'the first list');
      const watchesBefore = reflector.stats.watches;
      await writeElsewhere(kc, noisy, 3);
      await cluster.compact();
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: deployment('two'),
      });
      await until(() => reflector.list().length === 2, 'the new Deployment');
      // resumed at least once across the compaction, from the cache's window
      await until(
        () => reflector.stats.watches > watchesBefore + 1,
        'a watch resumed after the compaction',
      );
      expect(reflector.stats.gone).toBe(0);
      expect(reflector.stats.lists).toBe(1);
    } finally {
      reflector.stop();
    }
  });

  it('the API server restarted mid-watch: resumed from before the new cache’s window, 410, relist, current', async () => {
    const ns = await newNamespace(kc, 'restart');
    const noisy = await newNamespace(kc, 'noisy');
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('one'),
    });
    const { reflector } = deploymentReflector(cluster, ns, 300);
    const suffix = newSuffix();
    const c = suffixedConventions(suffix);
    const states = pick('healthy');
    const side = adminSide(cluster);
    await applyState(side.access, c, states[0]);
    const backend = await startLive(side, suffix, states);
    try {
      await until(() => reflector.list().length === 1, 'the first list');
      await watched(backend, 'healthy');
      // the cluster moves on, so the reflector's resourceVersion is older than what the new
      // watch cache will start from
      await writeElsewhere(kc, noisy, 3);
      const { ms } = await cluster.restartApiServer();
      expect(ms).toBeGreaterThan(0);
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: deployment('two'),
      });
      await until(
        () => reflector.list().length === 2,
        'the Deployment made after the restart',
      );
      expect(reflector.stats.gone).toBeGreaterThanOrEqual(1);
      expect(reflector.state).toBe('ready');
      // and the backend's answer follows a change made after the restart
      const n = namesOf(c, 'healthy');
      await httpOps(side.access).patch(
        'deployments',
        n.namespace,
        n.deployment,
        {
          spec: { replicas: 2 },
        },
      );
      const s = await answer(
        backend,
        'healthy',
        x => x.workload.state === 'ok' && x.workload.replicas === 2,
        'replicas 2 after the restart',
      );
      expect(s.live).toMatchObject({ mode: 'watch' });
    } finally {
      reflector.stop();
      await backend.stop();
    }
  });
});
