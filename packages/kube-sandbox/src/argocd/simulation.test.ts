import { oktetoUp } from '../okteto';
import {
  Any,
  appsStore,
  specOf,
  statusOf,
  webCoreStore,
} from '../__testUtils__';
import type { SandboxStore } from '../store';
import type { KubeObject } from '../types';
import { LAST_APPLIED } from './diff';
import {
  INSTANCE_LABEL,
  TRACKING_ANNOTATION,
  TRACKING_METHOD_ANNOTATION,
} from './model';

const names = (ns: string) => ({
  ns,
  deploy: `${ns}-web-app`,
  clone: `${ns}-web-app-okteto`,
});
const app = (store: SandboxStore, name: string) =>
  statusOf(store.get('applications', 'argo', name));
const replicas = (store: SandboxStore, ns: string, name: string) =>
  specOf(store.get('deployments', ns, name)).replicas;
const outOfSync = (store: SandboxStore, name: string) =>
  app(store, name)
    .resources.filter((r: Any) => r.status === 'OutOfSync')
    .map((r: Any) => `${r.kind}/${r.name}${r.requiresPruning ? '!' : ''}`);
const up = (store: SandboxStore, ns: string, user?: string) =>
  oktetoUp(store, {
    devName: ns,
    namespace: ns,
    workload: `${ns}-web-app`,
    user,
  });

describe('Argo CD simulation: a new commit (argo-cd controller/appcontroller.go autoSync)', () => {
  it('with selfHeal: false, syncs the new revision: the original is back at 1 replica while the clone runs', async () => {
    const { store, argocd } = await webCoreStore();
    const { ns, deploy, clone } = names('web-synestra-io-dev');
    const before = app(store, ns);
    expect(before.sync.status).toBe('OutOfSync');
    expect(outOfSync(store, ns)).toEqual([`Deployment/${deploy}`]);
    // the same revision was already synced: no sync (alreadyAttemptedSync)
    argocd.refresh(ns);
    expect(replicas(store, ns, deploy)).toBe(0);

    argocd.clock = () => new Date('2025-06-03T08:00:00Z');
    const { [ns]: revs } = argocd.newCommit(ns);
    expect(revs[0]).toMatch(/^[0-9a-f]{40}$/);
    expect(revs[0]).not.toBe(before.sync.revision);
    expect(replicas(store, ns, deploy)).toBe(1);
    expect(store.get('deployments', ns, clone)).toBeDefined();
    expect(store.list('pods', ns).map(p => p.metadata.name)).toEqual([
      expect.stringMatching(new RegExp(`^${deploy}-[a-z0-9]+-[a-z0-9]{5}$`)),
      expect.stringMatching(new RegExp(`^${clone}-`)),
    ]);
    const after = app(store, ns);
    expect(after.sync).toMatchObject({ status: 'Synced', revision: revs[0] });
    expect(after.reconciledAt).toBe('2025-06-03T08:00:00Z');
    expect(after.operationState).toMatchObject({
      phase: 'Succeeded',
      startedAt: '2025-06-03T08:00:00Z',
      finishedAt: '2025-06-03T08:00:00Z',
      operation: {
        initiatedBy: { automated: true },
        sync: { revision: revs[0], prune: true },
      },
      syncResult: { revision: revs[0] },
    });
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({
      id: before.history.at(-1).id + 1,
      revision: revs[0],
      deployedAt: '2025-06-03T08:00:00Z',
      deployStartedAt: '2025-06-03T08:00:00Z',
      initiatedBy: { automated: true },
    });
  });

  it('with ignoreDifferences /spec/replicas + RespectIgnoreDifferences=true (controller/sync.go), leaves the original at 0', async () => {
    const { store, argocd } = await appsStore([
      { app: 'a', ignoreReplicas: true },
    ]);
    const { ns, deploy } = names('web-a-dev');
    await up(store, ns);
    // replicas are ignored: nothing else differs
    expect(app(store, ns).sync.status).toBe('Synced');
    // a commit that changes the image makes it sync; replicas keep their live value
    const declared = argocd.declaredState(ns);
    const d = declared.find(o => o.kind === 'Deployment')!;
    specOf(d).template.spec.containers[0].image = 'registry/a:new';
    argocd.newCommit(ns, { declared });
    expect(replicas(store, ns, deploy)).toBe(0);
    expect(
      specOf(store.get('deployments', ns, deploy)).template.spec.containers[0]
        .image,
    ).toBe('registry/a:new');
    expect(app(store, ns).operationState.phase).toBe('Succeeded');
  });

  it('ignoreDifferences without RespectIgnoreDifferences only hides the diff: the sync still writes replicas', async () => {
    const { store, argocd } = await appsStore([{ app: 'a' }]);
    const { ns, deploy } = names('web-a-dev');
    store.patch('applications', 'argo', ns, {
      spec: {
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            jsonPointers: ['/spec/replicas'],
          },
        ],
      },
    });
    await up(store, ns);
    expect(app(store, ns).sync.status).toBe('Synced');
    const declared = argocd.declaredState(ns);
    specOf(
      declared.find(o => o.kind === 'Deployment'),
    ).template.spec.containers[0].image = 'registry/a:new';
    argocd.newCommit(ns, { declared });
    expect(replicas(store, ns, deploy)).toBe(1);
  });

  it('a commit that changes nothing for a Synced app moves status.sync.revision only (no sync, no history)', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    const before = app(store, ns);
    const { [ns]: revs } = argocd.newCommit(ns);
    const after = app(store, ns);
    expect(after.sync).toMatchObject({ status: 'Synced', revision: revs[0] });
    expect(after.operationState.syncResult.revision).toBe(
      before.operationState.syncResult.revision,
    );
    expect(after.history).toEqual(before.history);
  });

  it('all: one new commit per repository for every app', async () => {
    const { store, argocd } = await webCoreStore();
    const out = argocd.newCommit('all');
    const shas = new Set(Object.values(out).map(r => r[0]));
    expect(shas.size).toBe(1);
    expect(Object.keys(out)).toHaveLength(11);
    expect(app(store, 'web-corporate-dev').sync.revision).toBe([...shas][0]);
  });
});

describe('Argo CD simulation: selfHeal', () => {
  it('scales the original back right after okteto up: both pods serve; a partial sync, no history entry (controller/sync.go)', async () => {
    const { store } = await webCoreStore();
    const { ns, deploy, clone } = names('web-shop-dev');
    const s = app(store, ns);
    expect(replicas(store, ns, deploy)).toBe(1);
    expect(store.get('deployments', ns, deploy)!.metadata.labels).toMatchObject(
      {
        'dev.okteto.com': 'true',
      },
    );
    expect(store.list('pods', ns)).toHaveLength(2);
    expect(store.get('deployments', ns, clone)).toBeDefined();
    expect(s.sync.status).toBe('Synced');
    // Every resource not Synced is named, the clone too (status ""); the
    // sync then skips what is not the app's own (WithResourcesFilter).
    expect(s.operationState.operation.sync).toMatchObject({
      autoHealAttemptsCount: 1,
      resources: [
        { group: 'apps', kind: 'Deployment', name: deploy },
        { group: 'apps', kind: 'Deployment', name: clone },
      ],
    });
    expect(s.operationState.syncResult.resources).toEqual([
      expect.objectContaining({ name: deploy, status: 'Synced' }),
    ]);
    expect(s.history).toHaveLength(1);
  });
});

describe('Argo CD simulation: tracking (controller/state.go isSelfReferencedObj)', () => {
  it('label tracking: the clone inherits app.kubernetes.io/instance, requires pruning, and an auto-sync with prune deletes it', async () => {
    const { store, argocd } = await appsStore([
      { app: 'p', trackingMethod: 'label', ignoreReplicas: true },
    ]);
    const { ns, deploy, clone } = names('web-p-dev');
    await up(store, ns, 'carol');
    expect(app(store, ns).sync.status).toBe('OutOfSync');
    expect(outOfSync(store, ns)).toEqual([`Deployment/${clone}!`]);
    argocd.newCommit(ns);
    expect(store.get('deployments', ns, clone)).toBeUndefined();
    const original = store.get('deployments', ns, deploy)!;
    expect(original.metadata.labels?.['dev.okteto.com']).toBe('true');
    expect(specOf(original).replicas).toBe(0);
    expect(app(store, ns).operationState.syncResult.resources).toContainEqual(
      expect.objectContaining({ name: clone, status: 'Pruned' }),
    );
    expect(app(store, ns).sync.status).toBe('Synced');
  });

  it('label tracking without prune: the clone stays, requiring pruning (autoSync: prune-only is skipped)', async () => {
    const { store, argocd } = await appsStore([
      { app: 'p', trackingMethod: 'label', ignoreReplicas: true },
    ]);
    const { ns, clone } = names('web-p-dev');
    store.patch('applications', 'argo', ns, {
      spec: { syncPolicy: { automated: { prune: false } } },
    });
    await up(store, ns);
    argocd.newCommit(ns);
    expect(store.get('deployments', ns, clone)).toBeDefined();
    expect(outOfSync(store, ns)).toEqual([`Deployment/${clone}!`]);
  });

  it('annotation tracking: the copied tracking id names the original, so the clone has no sync status and is never pruned', async () => {
    const { store, argocd } = await webCoreStore();
    const { ns, clone } = names('web-synestra-io-dev');
    const entry = app(store, ns).resources.find((r: Any) => r.name === clone);
    expect(entry).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: ns,
      name: clone,
    });
    argocd.newCommit(ns);
    expect(store.get('deployments', ns, clone)).toBeDefined();
  });
  it('a switch to label tracking: what the last apply set and Git no longer has is a diff (kubectl three-way, last-applied-configuration); the next sync removes it', async () => {
    const { store, argocd } = await appsStore([{ app: 'p' }]);
    const { ns, deploy } = names('web-p-dev');
    const live = () => store.get('deployments', ns, deploy)!;
    // Git's objects, as helm renders them: no tracking (the scenario's carry Argo CD's)
    const declared = argocd.declaredState(ns).map(o => {
      const { [TRACKING_ANNOTATION]: _t, ...annotations } =
        o.metadata.annotations ?? {};
      return { ...o, metadata: { ...o.metadata, annotations } };
    });
    // a sync applies the Deployment: kubectl records what it applied
    argocd.driftResource(ns, 'Deployment', deploy, { spec: { replicas: 3 } });
    argocd.newCommit(ns, { declared });
    expect(specOf(live()).replicas).toBe(1);
    const last = JSON.parse(
      live().metadata.annotations![LAST_APPLIED],
    ) as KubeObject;
    expect(last.metadata.annotations).toHaveProperty([TRACKING_ANNOTATION]);
    expect(last.metadata.annotations).not.toHaveProperty([LAST_APPLIED]);
    expect(outOfSync(store, ns)).toEqual([]);
    const application = store.get('applications', 'argo', ns)!;
    store.put({
      ...application,
      metadata: {
        ...application.metadata,
        annotations: {
          ...application.metadata.annotations,
          [TRACKING_METHOD_ANNOTATION]: 'label',
        },
      },
    });
    argocd.refresh(ns);
    expect(outOfSync(store, ns)).toContain(`Deployment/${deploy}`);
    argocd.newCommit(ns);
    expect(live().metadata.annotations).not.toHaveProperty([
      TRACKING_ANNOTATION,
    ]);
    expect(live().metadata.labels).toHaveProperty([INSTANCE_LABEL], ns);
    expect(outOfSync(store, ns)).toEqual([]);
  });
});

describe('Argo CD simulation: drift, failures, conditions', () => {
  it('a ConfigMap changed live is OutOfSync next to the Deployment; the next sync puts it back', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-portal-dev';
    expect(outOfSync(store, ns)).toEqual([
      'ConfigMap/web-portal-dev-config',
      'Deployment/web-portal-dev-web-app',
    ]);
    argocd.newCommit(ns);
    expect(
      store.get('configmaps', ns, 'web-portal-dev-config')!.data,
    ).toMatchObject({
      LOG_LEVEL: 'info',
    });
    expect(outOfSync(store, ns)).toEqual([]);
  });

  it('driftResource changes a live object: that resource goes OutOfSync', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    argocd.driftResource(ns, 'Service', `${ns}-web-app`, {
      spec: {
        ports: [
          { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
        ],
      },
    });
    expect(outOfSync(store, ns)).toEqual([`Service/${ns}-web-app`]);
  });

  it('a failed sync: phase Failed with message and finishedAt, no history entry; not retried for the same revision (SyncError)', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    const before = app(store, ns);
    argocd.clock = () => new Date('2025-06-03T08:00:00Z');
    argocd.failSync(ns, 'one or more objects failed to apply');
    let s = app(store, ns);
    expect(s.operationState).toMatchObject({
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      finishedAt: '2025-06-03T08:00:00Z',
      syncResult: { revision: before.sync.revision },
    });
    expect(s.history).toEqual(before.history);
    store.patch('deployments', ns, `${ns}-web-app`, { spec: { replicas: 3 } });
    s = app(store, ns);
    expect(s.sync.status).toBe('OutOfSync');
    expect(s.conditions).toEqual([
      {
        type: 'SyncError',
        message: `Failed last sync attempt to [${before.sync.revision}]: one or more objects failed to apply`,
        lastTransitionTime: '2025-06-03T08:00:00Z',
      },
    ]);
    argocd.newCommit(ns);
    s = app(store, ns);
    expect(s.operationState.phase).toBe('Succeeded');
    expect(s.conditions).toBeUndefined();
    expect(replicas(store, ns, `${ns}-web-app`)).toBe(1);
  });

  it('landings: Degraded, its last operation Failed, generated by an ApplicationSet', async () => {
    const { store } = await webCoreStore();
    const a = store.get('applications', 'argo', 'web-landings-dev')!;
    expect(statusOf(a)).toMatchObject({
      sync: { status: 'Synced' },
      health: {
        status: 'Degraded',
        message:
          'Caused by apps/Deployment:web-landings-dev/web-landings-dev-web-app',
      },
      operationState: {
        phase: 'Failed',
        message: expect.stringContaining('completed unsuccessfully'),
        finishedAt: expect.any(String),
      },
    });
    expect(statusOf(a).history).toHaveLength(1);
    expect(a.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'ApplicationSet',
        name: 'web-core-dev',
        controller: true,
        uid: store.get('applicationsets', 'argo', 'web-core-dev')!.metadata.uid,
      }),
    ]);
  });

  it('a ComparisonError makes sync Unknown (status.conditions), and clears', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    argocd.setComparisonError(ns, 'rpc error: helm template failed');
    let s = app(store, ns);
    expect(s.sync.status).toBe('Unknown');
    expect(s.sync.revision).toBe('main');
    expect(s.conditions).toEqual([
      expect.objectContaining({
        type: 'ComparisonError',
        message: 'Failed to load target state: rpc error: helm template failed',
      }),
    ]);
    expect(s.resources.every((r: Any) => r.status === 'Unknown')).toBe(true);
    argocd.setComparisonError(ns, undefined);
    s = app(store, ns);
    expect(s.sync.status).toBe('Synced');
    expect(s.conditions).toBeUndefined();
  });

  it('a sync keeps what the API server defaulted in a container (kubectl apply merges containers by name): a crash-looping rollout is not restarted, the old pod keeps serving', async () => {
    const { store, argocd } = await appsStore([{ app: 'p' }]);
    const { ns, deploy } = names('web-p-dev');
    const replicaSets = () =>
      store.list('replicasets', ns).map(r => r.metadata.name);
    store.patch(
      'deployments',
      ns,
      deploy,
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'sandbox.okteto-dev/pod-state': 'CrashLoopBackOff',
              },
            },
          },
        },
      },
      'merge',
    );
    store.settle();
    const rolling = replicaSets();
    expect(rolling).toHaveLength(2);
    // Git's objects, as helm renders them: no tracking, no defaults
    const declared = argocd.declaredState(ns).map(o => {
      const { [TRACKING_ANNOTATION]: _t, ...annotations } =
        o.metadata.annotations ?? {};
      return { ...o, metadata: { ...o.metadata, annotations } };
    });
    argocd.newCommit(ns, { declared });
    store.settle();
    expect(replicaSets()).toEqual(rolling);
    expect(store.list('pods', ns)).toHaveLength(2);
  });

  it('the repo-server answers a failing render from its cache after 3 failures in a row (reposerver/repository/repository.go getManifestCacheEntry)', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    const error =
      'failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = failed to execute helm template command: boom';
    argocd.setComparisonError(ns, error);
    const message = () => app(store, ns).conditions[0].message;
    expect(message()).toBe(`Failed to load target state: ${error}`);
    argocd.refresh(ns);
    argocd.refresh(ns);
    expect(message()).toBe(`Failed to load target state: ${error}`);
    argocd.refresh(ns);
    expect(message()).toBe(
      'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Manifest generation error (cached): failed to execute helm template command: boom',
    );
    argocd.newCommit(ns);
    expect(message()).toBe(`Failed to load target state: ${error}`);
  });

  it('a frozen controller leaves reconciledAt (and everything) as it was', async () => {
    const { store, argocd } = await webCoreStore();
    const ns = 'web-corporate-dev';
    argocd.freeze(ns, '2025-05-30T09:00:00Z');
    store.patch('deployments', ns, `${ns}-web-app`, { spec: { replicas: 0 } });
    expect(app(store, ns)).toMatchObject({
      reconciledAt: '2025-05-30T09:00:00Z',
      sync: { status: 'Synced' },
    });
    argocd.unfreeze(ns);
    expect(app(store, ns).sync.status).toBe('OutOfSync');
  });

  it('health: Progressing while the dev pod cannot start, Missing when nothing is live', async () => {
    const { store } = await webCoreStore();
    expect(app(store, 'web-docs-dev').health).toMatchObject({
      status: 'Progressing',
      message:
        'Caused by apps/Deployment:web-docs-dev/web-docs-dev-web-app-okteto',
    });
    const ns = 'web-corporate-dev';
    store.patch('applications', 'argo', ns, {
      spec: { syncPolicy: { automated: null } },
    });
    store.delete('deployments', ns, `${ns}-web-app`);
    store.delete('services', ns, `${ns}-web-app`);
    expect(app(store, ns).health.status).toBe('Missing');
    expect(app(store, ns).sync.status).toBe('OutOfSync');
  });
});

describe('Argo CD simulation: spec.sources (types.go HasMultipleSources)', () => {
  it('compares and syncs a multi-source app with one revision per source', async () => {
    const { store, argocd } = await appsStore([{ app: 'm' }]);
    const { ns, deploy } = names('web-m-dev');
    const source = specOf(store.get('applications', 'argo', ns)).source;
    store.patch('applications', 'argo', ns, {
      spec: {
        source: null,
        sources: [
          { ...source, helm: { valueFiles: ['$values/env/dev/m.yaml'] } },
          {
            repoURL: 'https://github.com/NeoGrAIph/web-values.git',
            targetRevision: 'main',
            ref: 'values',
          },
        ],
      },
    });
    const out = argocd.newCommit(ns);
    expect(out[ns]).toHaveLength(2);
    expect(out[ns][0]).not.toBe(out[ns][1]);
    let s = app(store, ns);
    expect(s.sync).toMatchObject({ status: 'Synced', revisions: out[ns] });
    expect(s.sync.revision).toBeUndefined();
    expect(s.sync.comparedTo.sources).toHaveLength(2);
    // the revisions were never synced: the drift makes it sync them
    await up(store, ns);
    s = app(store, ns);
    expect(replicas(store, ns, deploy)).toBe(1);
    expect(s.operationState.syncResult).toMatchObject({ revisions: out[ns] });
    expect(s.operationState.syncResult.sources).toHaveLength(2);
    expect(s.history.at(-1)).toMatchObject({ revisions: out[ns] });
  });
});
