import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  fetchStatus,
  startWebCoreBackend,
  TestSetup,
} from './__testUtils__/testBackend';

/**
 * Case 1 as it happens on web-core's own set-up: while someone is in dev mode, a new commit to
 * `main` (anyone's) starts an automated sync — selfHeal off does not stop it, argo-cd
 * `controller/appcontroller.go` skips only an already attempted revision — and the original comes
 * back next to the dev clone. Okteto does not react (its watch follows
 * `deployment.kubernetes.io/revision`, okteto `pkg/k8s/apps/deployments.go`). With the
 * `/spec/replicas` guard (ignoreDifferences + RespectIgnoreDifferences, argo-cd
 * `controller/sync.go`) the same commit leaves dev mode alone.
 */
jest.setTimeout(60_000);

let setup: TestSetup;
beforeAll(async () => {
  setup = await startWebCoreBackend({ cache: { ttlSeconds: 0.001 } });
});
afterAll(() => setup.stop());

async function until(
  name: string,
  done: (s: DevStatus) => boolean,
): Promise<DevStatus> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = await fetchStatus(setup, name);
    if (done(s) || Date.now() > deadline) return s;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

it('a new commit to main turns expected drift into a conflict on web-core’s Application', async () => {
  const before = await fetchStatus(setup, 'synestra-io');
  expect(before.drift.kind).toBe('expected-okteto');
  const deployed =
    before.argo.state === 'ok' ? before.argo.revision : undefined;

  setup.sandbox.argocd!.newCommit('web-synestra-io-dev');

  const after = await until('synestra-io', s => s.drift.kind === 'conflict');
  expect(after.drift).toMatchObject({
    kind: 'conflict',
    cause: 'auto-sync',
    params: expect.objectContaining({ replicas: 1 }),
  });
  expect(after.okteto.state).toBe('on');
  expect(after.argo).toMatchObject({
    state: 'ok',
    operation: { phase: 'Succeeded', automated: true },
  });
  expect(after.argo.state === 'ok' && after.argo.revision).not.toBe(deployed);
  // the checklist had predicted it
  expect(after.checklist.find(i => i.id === 'replicas-ignored')?.status).toBe(
    'fail',
  );
});

it('with the /spec/replicas guard the same commit leaves dev mode alone', async () => {
  await setup.sandbox.store.patch('applications', 'argo', 'web-admin-dev', {
    spec: {
      ignoreDifferences: [
        {
          group: 'apps',
          kind: 'Deployment',
          name: 'web-admin-dev-web-app',
          jsonPointers: ['/spec/replicas'],
        },
      ],
      syncPolicy: {
        automated: { prune: true, selfHeal: false },
        syncOptions: ['RespectIgnoreDifferences=true'],
      },
    },
  });
  const guarded = await until('admin', s =>
    s.checklist.some(i => i.id === 'replicas-ignored' && i.status === 'pass'),
  );
  expect(guarded.argo).toMatchObject({ replicasIgnored: true });

  setup.sandbox.argocd!.newCommit('web-admin-dev');
  // compared with the new revision, nothing but the ignored replicas differs: Synced, so
  // automated sync has nothing to do (autoSync acts only on OutOfSync)
  const after = await until(
    'admin',
    s => s.argo.state === 'ok' && s.argo.comparedRevision !== undefined,
  );
  expect(after.argo).toMatchObject({
    sync: 'Synced',
    comparedRevision: expect.stringMatching(/^[0-9a-f]{40}$/),
  });
  expect(after.argo.state === 'ok' && after.argo.history).toHaveLength(1);
  expect(after.drift.kind).not.toBe('conflict');
  expect(after.workload).toMatchObject({ replicas: 0 });
  expect(after.okteto).toMatchObject({ state: 'on' });
});
