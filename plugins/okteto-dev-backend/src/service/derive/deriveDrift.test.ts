import { deriveDevStatus } from './deriveStatus';
import {
  application,
  deployment,
  devModeOn,
  fetched,
  pod,
  resource,
  WEB_CORE_APPLICATION,
} from './testFixtures';

const ORIGINAL = 'web-corporate-dev-web-app';
const CLONE = 'web-corporate-dev-web-app-okteto';
const devPod = pod('web-corporate-dev-web-app-okteto-5f6d-xyz12', {
  dev: true,
});
const originalPod = pod('web-corporate-dev-web-app-7d9c-abcde');

describe('drift: both pods serve (a conflict), whatever the cause', () => {
  it('automated sync of a new revision restores the original while selfHeal is off (argo-cd controller/appcontroller.go autoSync)', () => {
    const status = deriveDevStatus(
      fetched({
        // after the sync the app is Synced again: Git says 1 replica, the cluster has 1
        application: { ok: true, value: application(WEB_CORE_APPLICATION) },
        deployments: { ok: true, value: devModeOn({ originalReplicas: 1 }) },
        pods: { ok: true, value: [originalPod, devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'conflict',
      cause: 'auto-sync',
      code: 'driftConflictAutoSync',
      params: { workload: ORIGINAL, clone: CLONE, replicas: 1 },
    });
    expect(status.drift.message).toMatch(
      /both the original .* and the dev clone .* serve/,
    );
    expect(status.drift.message).toMatch(/selfHeal off does not prevent that/);
    // the session itself is fine: the conflict is the drift's to tell
    expect(status.okteto.state).toBe('on');
  });

  it('self-heal brings the original back', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ selfHeal: true }) },
        deployments: { ok: true, value: devModeOn({ originalReplicas: 1 }) },
        pods: { ok: true, value: [originalPod, devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'conflict',
      cause: 'self-heal',
    });
  });

  it('a running original pod is a conflict even at 0 replicas', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [originalPod, devPod] },
      }),
    );
    expect(status.drift.kind).toBe('conflict');
  });

  it('an interrupted okteto up leaves a clone next to an unlabelled original at full replicas (okteto cmd/up/devdeployer.go: clone first)', () => {
    const [, clone] = devModeOn();
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: [deployment(), clone] },
        pods: { ok: true, value: [originalPod, devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'conflict',
      cause: 'interrupted',
    });
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [expect.objectContaining({ code: 'oktetoInterrupted' })],
    });
    expect(status.drift.message).not.toMatch(/interrupted/);
  });
});

describe('drift from status.resources[]: only dev mode’s change is expected', () => {
  it('only the target Deployment OutOfSync during dev mode is expected', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'expected-okteto',
      code: 'driftExpected',
      resources: [
        expect.objectContaining({
          kind: 'Deployment',
          name: ORIGINAL,
          cause: 'dev-mode',
        }),
      ],
    });
  });

  it('under label tracking the clone to be pruned is also dev mode’s (argo-cd controller/state.go isSelfReferencedObj)', () => {
    const status = deriveDevStatus(
      fetched({
        application: {
          ok: true,
          value: application({
            sync: 'OutOfSync',
            automated: false,
            resources: [
              resource('Deployment', ORIGINAL, 'OutOfSync'),
              resource('Deployment', CLONE, 'OutOfSync', {
                requiresPruning: true,
              }),
            ],
          }),
        },
        deployments: { ok: true, value: devModeOn({ tracking: 'label' }) },
        pods: { ok: true, value: [devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'expected-okteto',
      code: 'driftExpectedPrunable',
    });
  });

  it('a ConfigMap OutOfSync during dev mode is named as not caused by dev mode', () => {
    const status = deriveDevStatus(
      fetched({
        application: {
          ok: true,
          value: application({
            sync: 'OutOfSync',
            resources: [
              resource('Deployment', ORIGINAL, 'OutOfSync'),
              resource('ConfigMap', 'web-corporate-dev-config', 'OutOfSync'),
              resource('Service', ORIGINAL, 'Synced'),
            ],
          }),
        },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'unexpected',
      code: 'driftUnexpectedDuringDevMode',
      params: { resources: 'ConfigMap web-corporate-dev-config' },
    });
    expect(status.drift.message).toMatch(
      /not because of dev mode: ConfigMap web-corporate-dev-config/,
    );
    expect(status.drift.resources.map(r => r.cause)).toEqual([
      'dev-mode',
      'other',
    ]);
  });

  it('the workload OutOfSync without dev mode is not dev mode’s', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'unexpected',
      params: { resources: `Deployment ${ORIGINAL}` },
    });
  });

  it('OutOfSync during dev mode without per-resource state cannot be called expected', () => {
    const status = deriveDevStatus(
      fetched({
        application: {
          ok: true,
          value: application({ sync: 'OutOfSync', resources: [] }),
        },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'unknown',
      code: 'driftUnknownNoResources',
    });
  });

  it('sync Unknown (a ComparisonError) and a missing Application are unknown', () => {
    expect(
      deriveDevStatus(
        fetched({
          application: { ok: true, value: application({ sync: 'Unknown' }) },
        }),
      ).drift,
    ).toMatchObject({ kind: 'unknown', code: 'driftUnknownSync' });
    expect(
      deriveDevStatus(fetched({ application: { ok: true, value: undefined } }))
        .drift,
    ).toMatchObject({
      kind: 'unknown',
      code: 'driftUnknownArgoMissing',
    });
  });

  it('Synced during dev mode: Git does not declare what Okteto changed', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ ignoreReplicas: true }) },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [devPod] },
      }),
    );
    expect(status.drift).toMatchObject({
      kind: 'none',
      code: 'driftNoneDevMode',
    });
  });
});
