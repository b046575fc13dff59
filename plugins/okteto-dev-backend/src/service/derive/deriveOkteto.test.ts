import { deriveDevStatus } from './deriveStatus';
import { DEFAULT_DERIVE_OPTIONS } from './deriveStatus';
import {
  application,
  deployment,
  devModeOn,
  fetched,
  pod,
} from './testFixtures';

const devPod = (overrides: Parameters<typeof pod>[1] = {}) =>
  pod('web-corporate-dev-web-app-okteto-5f6d-xyz12', {
    dev: true,
    ...overrides,
  });

describe('Okteto dev mode', () => {
  it('on: the dev container runs, the session has an age, and nobody is named on plain Kubernetes (okteto pkg/okteto/context.go)', () => {
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
        deployments: { ok: true, value: devModeOn() },
        pods: { ok: true, value: [devPod()] },
      }),
    );
    expect(status.okteto).toEqual({
      state: 'on',
      mode: 'sync',
      image: 'ghcr.io/neograiph/web-core/dev:node22-pnpm',
      clone: 'web-corporate-dev-web-app-okteto',
      since: '2026-11-25T09:00:00Z',
      ageSeconds: 3900,
      abandoned: false,
      pods: [
        {
          name: 'web-corporate-dev-web-app-okteto-5f6d-xyz12',
          phase: 'Running',
          ready: true,
          restarts: 0,
          startedAt: '2026-11-25T09:01:00Z',
        },
      ],
    });
  });

  it('OKTETO_USERNAME (Okteto Platform contexts only) names the developer', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: {
          ok: true,
          value: devModeOn({ user: 'bob', mode: 'hybrid' }),
        },
        pods: { ok: true, value: [devPod()] },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'on',
      user: 'bob',
      mode: 'hybrid',
    });
  });

  it('a session older than the configured age is probably abandoned (okteto cmd/up/up.go: dev mode outlives okteto up)', () => {
    const objects = fetched({
      deployments: {
        ok: true,
        value: devModeOn({ created: '2026-11-23T10:05:00Z' }),
      },
      pods: { ok: true, value: [devPod()] },
    });
    expect(deriveDevStatus(objects).okteto).toMatchObject({
      state: 'on',
      ageSeconds: 2 * 24 * 3600,
      abandoned: true,
    });
    expect(
      deriveDevStatus(objects, {
        ...DEFAULT_DERIVE_OPTIONS,
        abandonedAfterSeconds: 7 * 24 * 3600,
      }).okteto,
    ).toMatchObject({ abandoned: false });
  });

  it('a clone that cannot create its pod is broken with the reason (okteto pkg/k8s/deployments/crud.go CheckConditionErrors)', () => {
    const message =
      'pods "web-corporate-dev-web-app-okteto-5f6d-" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true';
    const status = deriveDevStatus(
      fetched({
        deployments: {
          ok: true,
          value: devModeOn({
            cloneConditions: [
              {
                type: 'ReplicaFailure',
                status: 'True',
                reason: 'FailedCreate',
                message,
              },
            ],
          }),
        },
        pods: { ok: true, value: [] },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({
          code: 'oktetoCloneCreateFailed',
          params: {
            clone: 'web-corporate-dev-web-app-okteto',
            reason: 'FailedCreate',
            message,
          },
        }),
      ],
    });
  });

  it('a dev pod that cannot be scheduled because its PVC is Pending names the PVC', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: devModeOn() },
        pods: {
          ok: true,
          value: [
            devPod({
              phase: 'Pending',
              reason: 'PodInitializing',
              init: { name: 'okteto-bin', reason: 'PodInitializing' },
              conditions: [
                {
                  type: 'PodScheduled',
                  status: 'False',
                  reason: 'Unschedulable',
                  message:
                    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available',
                },
              ],
            }),
          ],
        },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({
          code: 'oktetoPvcPending',
          params: expect.objectContaining({ pvc: 'web-corporate-dev-okteto' }),
        }),
      ],
    });
  });

  it('an init container failing to pull (okteto-bin) is broken, one still starting is not', () => {
    const failing = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: devModeOn() },
        pods: {
          ok: true,
          value: [
            devPod({
              phase: 'Pending',
              reason: 'PodInitializing',
              init: { name: 'okteto-bin', reason: 'ImagePullBackOff' },
            }),
          ],
        },
      }),
    );
    expect(failing.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({
          code: 'oktetoInitFailing',
          params: expect.objectContaining({
            container: 'okteto-bin',
            reason: 'ImagePullBackOff',
          }),
        }),
      ],
      pods: [expect.objectContaining({ reason: 'Init:ImagePullBackOff' })],
    });
    const starting = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: devModeOn() },
        pods: {
          ok: true,
          value: [
            devPod({
              phase: 'Pending',
              reason: 'PodInitializing',
              init: { name: 'okteto-bin', reason: 'PodInitializing' },
            }),
          ],
        },
      }),
    );
    expect(starting.okteto.state).toBe('on');
  });

  it('a crash-looping dev container is broken', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: devModeOn() },
        pods: {
          ok: true,
          value: [devPod({ reason: 'CrashLoopBackOff', restarts: 4 })],
        },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({
          code: 'oktetoPodCrashing',
          params: expect.objectContaining({ restarts: 4 }),
        }),
      ],
    });
  });

  it('a labelled original without its clone under label tracking + prune: Argo CD pruned the clone (argo-cd controller/state.go)', () => {
    const [original] = devModeOn({ tracking: 'label' });
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: application({ sync: 'OutOfSync' }) },
        deployments: { ok: true, value: [original] },
        pods: { ok: true, value: [] },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({ code: 'oktetoCloneDeletedByPrune' }),
      ],
    });
    expect(status.workload).toMatchObject({ tracking: 'label' });
    expect(status.drift).toMatchObject({
      kind: 'expected-okteto',
      code: 'driftExpectedNoClone',
    });
  });

  it('a labelled original without its clone under annotation tracking was deleted from outside', () => {
    const [original] = devModeOn();
    const status = deriveDevStatus(
      fetched({
        deployments: { ok: true, value: [original] },
        pods: { ok: true, value: [] },
      }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [expect.objectContaining({ code: 'oktetoCloneDeleted' })],
    });
  });

  it('an original at 0 replicas without the replicas annotation is a problem', () => {
    const [original, clone] = devModeOn();
    delete original.metadata.annotations!['dev.okteto.com/replicas'];
    const status = deriveDevStatus(
      fetched({ deployments: { ok: true, value: [original, clone] } }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({ code: 'oktetoZeroWithoutReplicas' }),
      ],
    });
  });

  it('a clone whose original is gone is broken', () => {
    const [, clone] = devModeOn();
    const status = deriveDevStatus(
      fetched({ deployments: { ok: true, value: [clone] } }),
    );
    expect(status.okteto).toMatchObject({
      state: 'broken',
      problems: [
        expect.objectContaining({ code: 'oktetoCloneWithoutWorkload' }),
      ],
    });
    expect(status.workload).toEqual({ state: 'not-found' });
    expect(deployment().metadata.name).toBe('web-corporate-dev-web-app');
  });
});
