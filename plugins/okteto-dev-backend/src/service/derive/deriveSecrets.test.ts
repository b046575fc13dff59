import { ChecklistItem } from '@okteto-dev/plugin-okteto-dev-common';
import {
  ChecklistSettings,
  DEFAULT_CHECKLIST_SETTINGS,
} from './checklistSettings';
import { DEFAULT_DERIVE_OPTIONS, deriveDevStatus } from './deriveStatus';
import { deployment, devModeOn, fetched, pod } from './testFixtures';
import { FetchedDevObjects, KubePod } from './types';

/*
 * The `env-secret` item without reading Secrets. What the kubelet writes follows kubernetes
 * `pkg/kubelet/kubelet_pods.go` (makeEnvironmentVariables: envFrom, then env valueFrom; a missing
 * non-optional Secret is the secret manager's NotFound, `secret "<name>" not found`; a missing
 * key `couldn't find key <key> in Secret <ns>/<name>`) and
 * `pkg/kubelet/kuberuntime/kuberuntime_container.go` (startContainer: reason
 * CreateContainerConfigError, that error as the message).
 */

const POD = 'web-corporate-dev-web-app-7d9c-abcde';

function secretItem(
  objects: FetchedDevObjects,
  checklist?: ChecklistSettings,
): ChecklistItem {
  const status = deriveDevStatus(objects, {
    ...DEFAULT_DERIVE_OPTIONS,
    ...(checklist ? { checklist } : {}),
  });
  return status.checklist.find(i => i.id === 'env-secret')!;
}

const pods = (...value: KubePod[]) => ({ ok: true as const, value });

describe('env-secret: what the cluster already says about the Secrets', () => {
  it('a started container proves every non-optional Secret it takes existed when it started', () => {
    expect(secretItem(fetched())).toMatchObject({
      status: 'pass',
      code: 'checkSecretExistedAtStart',
      params: { secrets: 'web-corporate-dev-env', pod: POD, container: 'app' },
    });
    // restarted (crash-looping) counts: it ran
    expect(
      secretItem(
        fetched({
          pods: pods(pod(POD, { reason: 'CrashLoopBackOff', restarts: 4 })),
        }),
      ).status,
    ).toBe('pass');
  });

  it('a container waiting in CreateContainerConfigError names the missing Secret', () => {
    expect(
      secretItem(
        fetched({
          pods: pods(
            pod(POD, {
              reason: 'CreateContainerConfigError',
              message: 'secret "web-corporate-dev-env" not found',
            }),
          ),
        }),
      ),
    ).toMatchObject({
      status: 'fail',
      code: 'checkSecretMissingFromPod',
      params: {
        secret: 'web-corporate-dev-env',
        namespace: 'web-corporate-dev',
        pod: POD,
        container: 'app',
        message: 'secret "web-corporate-dev-env" not found',
      },
    });
  });

  it('a missing key of an env secretKeyRef: the Secret exists, the key does not', () => {
    const d = deployment({ secret: null });
    d.spec!.template!.spec!.containers![0].env!.push({
      name: 'DATABASE_URI',
      valueFrom: { secretKeyRef: { name: 'web-corporate-dev-env', key: 'DB' } },
    });
    expect(
      secretItem(
        fetched({
          deployments: { ok: true, value: [d] },
          pods: pods(
            pod(POD, {
              reason: 'CreateContainerConfigError',
              message:
                "couldn't find key DB in Secret web-corporate-dev/web-corporate-dev-env",
            }),
          ),
        }),
      ),
    ).toMatchObject({
      status: 'fail',
      code: 'checkSecretKeyMissing',
      params: { secret: 'web-corporate-dev-env', key: 'DB' },
    });
  });

  it('unknown, with the reason, when no pod tells: none running, not started yet, pods unreadable', () => {
    expect(
      secretItem(
        fetched({
          deployments: { ok: true, value: [deployment({ replicas: 0 })] },
          pods: pods(),
        }),
      ),
    ).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnknownNoPod',
      params: {
        secrets: 'web-corporate-dev-env',
        workload: 'web-corporate-dev-web-app',
      },
    });
    expect(
      secretItem(
        fetched({ pods: pods(pod(POD, { reason: 'ContainerCreating' })) }),
      ),
    ).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnknownNotStarted',
      params: { pod: POD, reason: 'ContainerCreating' },
    });
    const forbidden = {
      type: 'forbidden' as const,
      message: 'pods in web-corporate-dev: HTTP 403, missing permission',
    };
    expect(
      secretItem(fetched({ pods: { ok: false, error: forbidden } })),
    ).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnknownPodsUnreadable',
      params: { error: forbidden.message },
    });
  });

  it('no pod because the ReplicaSet cannot create one: unknown, with the condition that says why', () => {
    const refused = deployment({
      ready: 0,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message: 'pods "x" is forbidden: exceeded quota: compute',
        },
      ],
    });
    expect(
      secretItem(
        fetched({ deployments: { ok: true, value: [refused] }, pods: pods() }),
      ),
    ).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnknownNotCreated',
      params: {
        reason: 'FailedCreate',
        message: 'pods "x" is forbidden: exceeded quota: compute',
      },
    });
  });

  it('an optional Secret proves nothing by a started container', () => {
    const d = deployment({ secret: null });
    d.spec!.template!.spec!.containers![0].envFrom = [
      { secretRef: { name: 'web-corporate-dev-env', optional: true } },
    ];
    expect(
      secretItem(fetched({ deployments: { ok: true, value: [d] } })),
    ).toMatchObject({ status: 'unknown', code: 'checkSecretUnknownOptional' });
  });

  it('the pod’s own spec decides what its start proves (a pod of an older template took no Secret)', () => {
    const old = pod(POD);
    old.spec = { containers: [{ name: 'app' }] };
    expect(secretItem(fetched({ pods: pods(old) }))).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnknownNoPod',
    });
  });

  it('in dev mode the clone’s dev container tells (Okteto keeps envFrom)', () => {
    expect(
      secretItem(
        fetched({
          deployments: { ok: true, value: devModeOn() },
          pods: pods(
            pod('web-corporate-dev-web-app-okteto-5f-x1', { dev: true }),
          ),
        }),
      ),
    ).toMatchObject({
      status: 'pass',
      params: { pod: 'web-corporate-dev-web-app-okteto-5f-x1' },
    });
  });

  it('a required Secret the container does not take fails; none required and none taken passes', () => {
    expect(
      secretItem(
        fetched({
          deployments: { ok: true, value: [deployment({ secret: null })] },
        }),
      ),
    ).toMatchObject({
      status: 'fail',
      code: 'checkSecretNotTaken',
      params: { secrets: 'web-corporate-dev-env', container: 'app' },
    });
    expect(
      secretItem(
        fetched({
          deployments: { ok: true, value: [deployment({ secret: null })] },
        }),
        {
          ...DEFAULT_CHECKLIST_SETTINGS,
          envSecret: { secrets: [], readSecretMetadata: false },
        },
      ),
    ).toMatchObject({ status: 'pass', code: 'checkSecretNoneRequired' });
  });

  it('the required Secrets come from config, templates filled', () => {
    expect(
      secretItem(fetched(), {
        ...DEFAULT_CHECKLIST_SETTINGS,
        envSecret: {
          secrets: ['{application}-env', '{app}-database'],
          readSecretMetadata: false,
        },
      }),
    ).toMatchObject({
      status: 'fail',
      code: 'checkSecretNotTaken',
      params: { secrets: 'corporate-database' },
    });
  });

  it('with the opt-in GET, its answer decides; a refused GET falls back to the pods and says why otherwise', () => {
    const missing = fetched({
      secrets: [
        { name: 'web-corporate-dev-env', exists: { ok: true, value: false } },
      ],
    });
    expect(secretItem(missing)).toMatchObject({
      status: 'fail',
      code: 'checkSecretMissingByGet',
    });
    expect(
      secretItem(
        fetched({
          pods: pods(),
          secrets: [
            {
              name: 'web-corporate-dev-env',
              exists: { ok: true, value: true },
            },
          ],
        }),
      ),
    ).toMatchObject({ status: 'pass', code: 'checkSecretExistsByGet' });
    const refused = {
      type: 'forbidden' as const,
      message: 'secret: HTTP 403, missing permission: get secrets "x"',
      permission: {
        verb: 'get',
        resource: 'secrets',
        group: '',
        namespace: 'web-corporate-dev',
        name: 'web-corporate-dev-env',
      },
    };
    const status = deriveDevStatus(
      fetched({
        pods: pods(),
        secrets: [
          {
            name: 'web-corporate-dev-env',
            exists: { ok: false, error: refused },
          },
        ],
      }),
    );
    expect(status.checklist.find(i => i.id === 'env-secret')).toMatchObject({
      status: 'unknown',
      code: 'checkSecretUnreadable',
      params: { error: refused.message },
    });
    expect(status.errors).toEqual([refused]);
    // the pods still prove it when they can
    expect(
      secretItem(
        fetched({
          secrets: [
            {
              name: 'web-corporate-dev-env',
              exists: { ok: false, error: refused },
            },
          ],
        }),
      ).status,
    ).toBe('pass');
  });
});

describe('checklist settings', () => {
  it('an item switched off is neither passed nor failed: left out and named', () => {
    const status = deriveDevStatus(fetched(), {
      ...DEFAULT_DERIVE_OPTIONS,
      checklist: {
        ...DEFAULT_CHECKLIST_SETTINGS,
        off: new Set(['replicas-ignored', 'dev-image']),
      },
    });
    expect(status.checklist.map(i => i.id)).toEqual([
      'argo-application',
      'namespace-convention',
      'env-var',
      'env-secret',
      'self-heal-off',
      'dev-service',
      'stignore',
    ]);
    expect(status.checklistOff).toEqual(['replicas-ignored', 'dev-image']);
    expect(deriveDevStatus(fetched())).not.toHaveProperty('checklistOff');
  });

  it('the env var checked is the configured one, and the answer says so', () => {
    const status = deriveDevStatus(fetched(), {
      ...DEFAULT_DERIVE_OPTIONS,
      checklist: {
        ...DEFAULT_CHECKLIST_SETTINGS,
        envVar: { name: 'APP_ENV', value: 'development' },
      },
    });
    expect(status.target.envVar).toEqual({
      name: 'APP_ENV',
      value: 'development',
    });
    expect(status.checklist.find(i => i.id === 'env-var')).toMatchObject({
      status: 'fail',
      code: 'checkEnvVarMissing',
      params: { name: 'APP_ENV', value: 'development' },
    });
  });
});
