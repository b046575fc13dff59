import { ArgoApplicationObject } from './types';
import { deriveArgo } from './deriveArgo';
import { application, NOW, target } from './testFixtures';

const OPTIONS = { reconcileStaleSeconds: 600 };
const derive = (app: ArgoApplicationObject) =>
  deriveArgo({ ok: true, value: app }, target, NOW, OPTIONS);

describe('deriveArgo: fields read as Argo CD means them (argo-cd pkg/apis/application/v1alpha1/types.go)', () => {
  it('the deployed revision is the last sync’s, not the compared one', () => {
    const app = application({ sync: 'OutOfSync' });
    app.status!.sync!.revision = '1111111111111111111111111111111111111111';
    expect(derive(app)).toMatchObject({
      revision: 'e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      revisionUrl:
        'https://github.com/NeoGrAIph/web-core/commit/e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      comparedRevision: '1111111111111111111111111111111111111111',
      lastSyncedAt: '2026-11-25T10:00:00Z',
      operation: { phase: 'Succeeded', failed: false, automated: true },
      history: [{ id: 1, automated: true, deployedAt: '2026-11-25T10:00:00Z' }],
    });
  });

  it('a failed last operation is failed, and "last synced" stays the last successful history entry', () => {
    const app = application();
    app.status!.operationState = {
      phase: 'Failed',
      message: 'one or more objects failed to apply: Deployment is invalid',
      startedAt: '2026-11-25T10:04:00Z',
      finishedAt: '2026-11-25T10:04:10Z',
      operation: { initiatedBy: { username: 'alice' } },
      syncResult: { revision: '2222222222222222222222222222222222222222' },
    };
    expect(derive(app)).toMatchObject({
      revision: 'e35fb36ba6616dedc4b81b1559667a83a00d3b57',
      lastSyncedAt: '2026-11-25T10:00:00Z',
      operation: {
        phase: 'Failed',
        failed: true,
        username: 'alice',
        finishedAt: '2026-11-25T10:04:10Z',
        message: expect.stringContaining('failed to apply'),
      },
    });
  });

  it('spec.sources wins over spec.source (HasMultipleSources)', () => {
    const app = application();
    app.spec!.sources = [
      {
        repoURL: 'https://github.com/acme/values.git',
        targetRevision: 'main',
        ref: 'values',
      },
      {
        repoURL: 'https://github.com/acme/charts.git',
        targetRevision: 'v2',
        path: 'charts/web',
        helm: { valueFiles: ['$values/dev.yaml'] },
      },
    ];
    expect(derive(app)).toMatchObject({
      repoURL: 'https://github.com/acme/charts.git',
      targetRevision: 'v2',
      path: 'charts/web',
      valueFiles: ['$values/dev.yaml'],
    });
  });

  it('conditions, a stale reconcile and an owning ApplicationSet are reported', () => {
    const app = application({
      sync: 'Unknown',
      reconciledAt: '2026-11-25T09:00:00Z',
    });
    app.status!.conditions = [
      {
        type: 'ComparisonError',
        message: 'rpc error: code = Unknown desc = helm template failed',
      },
    ];
    app.metadata.ownerReferences = [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        name: 'web-core-dev',
        controller: true,
      },
    ];
    expect(derive(app)).toMatchObject({
      sync: 'Unknown',
      conditions: [
        {
          type: 'ComparisonError',
          message: expect.stringContaining('helm template'),
        },
      ],
      reconcileStale: true,
      applicationSet: 'web-core-dev',
    });
    expect(derive(application())).toMatchObject({ reconcileStale: false });
  });

  it('replicas are ignored only with ignoreDifferences on /spec/replicas AND RespectIgnoreDifferences=true (argo-cd controller/sync.go)', () => {
    expect(
      derive(application({ ignoreReplicas: false, syncOptions: [] })),
    ).toMatchObject({
      replicasIgnored: false,
      replicasIgnoredInDiff: false,
    });
    expect(derive(application({ syncOptions: [] }))).toMatchObject({
      replicasIgnored: false,
      replicasIgnoredInDiff: true,
    });
    expect(derive(application())).toMatchObject({ replicasIgnored: true });
    // matched as util/argo/normalizers/diff_normalizer.go does: group and kind by glob, name exact
    const other = application();
    other.spec!.ignoreDifferences = [
      {
        group: 'apps',
        kind: 'Deployment',
        name: 'someone-else',
        jsonPointers: ['/spec/replicas'],
      },
    ];
    expect(derive(other)).toMatchObject({ replicasIgnored: false });
    const glob = application();
    glob.spec!.ignoreDifferences = [
      { group: '*', kind: '*', jqPathExpressions: ['.spec.replicas'] },
    ];
    expect(derive(glob)).toMatchObject({ replicasIgnored: true });
  });

  it('automated.enabled: false turns automated sync off', () => {
    const app = application({ selfHeal: true });
    app.spec!.syncPolicy!.automated!.enabled = false;
    expect(derive(app)).toMatchObject({
      autoSync: false,
      selfHeal: false,
      prune: false,
    });
  });
});
