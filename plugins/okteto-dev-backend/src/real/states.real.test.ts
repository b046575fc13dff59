/*
 * Issue 21.2: the backend on the real Kubernetes cluster (packages/real-cluster: kube-apiserver,
 * controller-manager, scheduler, kwok). Every workload, pod, Pod Security and dev-mode state the
 * card explains is made by applying objects through the API (states.ts), the same requests to the
 * real cluster and to the kube-sandbox; a real Backstage backend reads each side through
 * @kubernetes/client-node, with the service account the backend README's RBAC describes on the
 * real one. Each answer is checked against the cluster's own objects (read here with
 * client-node), then against the sandbox's answer for the same state.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  V1Deployment,
  V1Pod,
} from '@kubernetes/client-node';
import {
  DevEventsResponse,
  DevStatus,
  PodSummary,
} from '@okteto-dev/plugin-okteto-dev-common';
import { namesOf, Sandbox } from '@okteto-dev/kube-sandbox';
import request from 'supertest';
import {
  applyDevMode,
  applyState,
  STATES,
  suffixedConventions,
} from './__testUtils__/states';
import {
  Backend,
  newSuffix,
  realSide,
  removeReader,
  sandboxSide,
  Side,
  startBackendFor,
  statusOf,
  until,
} from './__testUtils__/sides';
import { comparableStatus } from './__testUtils__/normalizeStatus';

jest.setTimeout(600_000);

const suffix = newSuffix();
const c = suffixedConventions(suffix);
const names = (app: string) => namesOf(c, app);

const problems = (s: DevStatus) =>
  s.okteto.state === 'broken' ? s.okteto.problems.map(p => p.code) : [];
const podsOf = (s: DevStatus): PodSummary[] =>
  s.workload.state === 'ok' ? s.workload.pods : [];
const devPodsOf = (s: DevStatus): PodSummary[] =>
  s.okteto.state === 'on' || s.okteto.state === 'broken'
    ? s.okteto.pods ?? []
    : [];

/**
 * What the card must say of each state (checked on both sides). Until the real cluster's
 * controllers and kwok have brought each app there, these fail: the test waits for them.
 */
const EXPECT: Record<string, (s: DevStatus) => void> = {
  healthy: s => {
    expect(s.workload).toMatchObject({
      state: 'ok',
      replicas: 1,
      readyReplicas: 1,
    });
    expect(s.okteto.state).toBe('off');
    expect(s.drift.kind).toBe('none');
    expect(s.argo).toMatchObject({
      state: 'ok',
      sync: 'Synced',
      health: 'Healthy',
    });
  },
  notready: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({ phase: 'Running', ready: false }),
    ]);
    expect(s.workload).toMatchObject({ readyReplicas: 0 });
  },
  crash: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({
        phase: 'Running',
        ready: false,
        reason: 'CrashLoopBackOff',
        lastTermination: expect.objectContaining({
          reason: 'Error',
          exitCode: 1,
        }),
      }),
    ]);
    expect(podsOf(s)[0].restarts).toBeGreaterThan(0);
  },
  pull: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({ phase: 'Pending', reason: 'ErrImagePull' }),
    ]);
  },
  backoff: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({ phase: 'Pending', reason: 'ImagePullBackOff' }),
    ]);
  },
  creating: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({
        phase: 'Pending',
        reason: 'ContainerCreating',
      }),
    ]);
  },
  nosecret: s => {
    expect(podsOf(s)).toEqual([
      expect.objectContaining({
        phase: 'Pending',
        ready: false,
        reason: 'CreateContainerConfigError',
      }),
    ]);
    expect(s.checklist.find(i => i.id === 'env-secret')?.status).toBe('fail');
  },
  noapp: s => {
    expect(s.argo.state).toBe('not-found');
    expect(s.drift.kind).toBe('unknown');
    expect(s.workload).toMatchObject({ state: 'ok', readyReplicas: 1 });
  },
  devon: s => {
    expect(s.okteto).toMatchObject({
      state: 'on',
      user: 'bob',
      clone: `${names('devon').deployment}-okteto`,
      mode: 'sync',
    });
    expect(devPodsOf(s)).toEqual([
      expect.objectContaining({ phase: 'Running', ready: true }),
    ]);
    expect(s.workload).toMatchObject({
      replicas: 0,
      readyReplicas: 0,
      pods: [],
    });
    expect(s.drift.kind).toBe('expected-okteto');
  },
  devcrash: s => {
    expect(s.okteto.state).toBe('broken');
    expect(problems(s)).toEqual(['oktetoPodCrashing']);
    expect(devPodsOf(s)).toEqual([
      expect.objectContaining({ reason: 'CrashLoopBackOff', ready: false }),
    ]);
  },
  conflict: s => {
    expect(s.okteto).toMatchObject({ state: 'on', user: 'carol' });
    expect(s.drift).toMatchObject({ kind: 'conflict', cause: 'self-heal' });
    expect(s.workload).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(devPodsOf(s)).toEqual([expect.objectContaining({ ready: true })]);
  },
  interrupted: s => {
    expect(problems(s)).toEqual(['oktetoInterrupted']);
    expect(s.drift).toMatchObject({ kind: 'conflict', cause: 'interrupted' });
    expect(s.workload).toMatchObject({ replicas: 1, readyReplicas: 1 });
  },
  pruned: s => {
    expect(s.workload).toMatchObject({ tracking: 'label', replicas: 0 });
    expect(problems(s)).toEqual(['oktetoCloneDeletedByPrune']);
  },
  psa: s => {
    expect(s.okteto).toMatchObject({
      state: 'broken',
      problems: expect.arrayContaining([
        expect.objectContaining({
          code: 'oktetoCloneCreateFailed',
          params: expect.objectContaining({
            reason: 'FailedCreate',
            message: expect.stringContaining(
              'violates PodSecurity "restricted:latest"',
            ),
          }),
        }),
      ]),
    });
  },
  pvc: s => {
    expect(problems(s)).toEqual(['oktetoPvcPending']);
    expect(devPodsOf(s)).toEqual([
      expect.objectContaining({ phase: 'Pending', ready: false }),
    ]);
  },
};

let real: Awaited<ReturnType<typeof realSide>>;
let sandbox: { side: Side; sandbox: Sandbox };
let backends: Record<Side['name'], Backend>;
const answers: Record<Side['name'], Record<string, DevStatus>> = {
  real: {},
  sandbox: {},
};

/** The real cluster's objects of one app (admin client). */
async function clusterOf(kc: KubeConfig, app: string) {
  const n = names(app);
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const deployments = (
    await apps.listNamespacedDeployment({ namespace: n.namespace })
  ).items;
  const pods = (await core.listNamespacedPod({ namespace: n.namespace })).items;
  const application = await kc
    .makeApiClient(CustomObjectsApi)
    .getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: c.argo.namespace,
      plural: 'applications',
      name: n.application,
    })
    .catch(() => undefined);
  const original = deployments.find(d => d.metadata?.name === n.deployment);
  const clone = deployments.find(
    d => d.metadata?.name === `${n.deployment}-okteto`,
  );
  const isDev = (p: V1Pod) =>
    'interactive.dev.okteto.com' in (p.metadata?.labels ?? {});
  return {
    original,
    clone,
    pods: pods.filter(p => !isDev(p) && !p.metadata?.deletionTimestamp),
    devPods: pods.filter(p => isDev(p) && !p.metadata?.deletionTimestamp),
    application: application as any,
  };
}

/** The reason a pod summary gives: the first waiting/terminated reason of its containers. */
function reasonOf(pod: V1Pod): string | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  return (
    statuses
      .map(x => x.state?.waiting?.reason ?? x.state?.terminated?.reason)
      .find(r => r !== undefined) ?? pod.status?.reason
  );
}

/** A pod as the card shows it: name, phase, readiness, why; sorted by name. */
interface PodFact {
  name: string;
  phase?: string;
  ready: boolean;
  reason?: string;
  restarted: boolean;
}

function podFacts(pods: V1Pod[]): PodFact[] {
  return pods
    .map(pod => {
      const statuses = pod.status?.containerStatuses ?? [];
      const reason = reasonOf(pod);
      return {
        name: pod.metadata!.name!,
        phase: pod.status?.phase,
        ready: statuses.length > 0 && statuses.every(x => x.ready),
        ...(reason ? { reason } : {}),
        restarted: statuses.some(x => (x.restartCount ?? 0) > 0),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function summaryFacts(pods: PodSummary[]): PodFact[] {
  return pods
    .map(p => ({
      name: p.name,
      phase: p.phase,
      ready: p.ready,
      ...(p.reason ? { reason: p.reason } : {}),
      restarted: p.restarts > 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function workloadFacts(s: DevStatus) {
  return s.workload.state === 'ok'
    ? {
        state: 'ok',
        name: s.workload.name,
        replicas: s.workload.replicas,
        readyReplicas: s.workload.readyReplicas,
        pods: summaryFacts(s.workload.pods),
      }
    : { state: s.workload.state };
}

function oktetoFacts(s: DevStatus) {
  return s.okteto.state === 'on'
    ? {
        clone: s.okteto.clone,
        user: s.okteto.user,
        pods: summaryFacts(s.okteto.pods),
      }
    : {};
}

function argoFacts(s: DevStatus) {
  return s.argo.state === 'ok'
    ? { state: 'ok', sync: s.argo.sync, health: s.argo.health }
    : { state: s.argo.state };
}

function replicasOf(d: V1Deployment | undefined) {
  return {
    replicas: d?.spec?.replicas ?? 1,
    readyReplicas: d?.status?.readyReplicas ?? 0,
  };
}

beforeAll(async () => {
  real = await realSide();
  sandbox = await sandboxSide();
  const sides = [real.side, sandbox.side];
  // the chart's objects and the pod states, then dev mode, the same requests on both sides
  await Promise.all(
    sides.map(async side => {
      for (const state of STATES) await applyState(side.access, c, state);
    }),
  );
  // okteto up finds the original by the chart's labels; it runs once its pods exist
  await Promise.all(
    sides.map(async side => {
      for (const state of STATES) await applyDevMode(side.access, c, state);
    }),
  );
  await real.reader(
    suffix,
    STATES.map(s => names(s.app).namespace),
    c.argo.namespace,
  );
  const oktetoDev = { cache: { ttlSeconds: 1 } };
  backends = {
    real: await startBackendFor(real.side, suffix, STATES, { oktetoDev }),
    sandbox: await startBackendFor(sandbox.side, suffix, STATES, { oktetoDev }),
  };
  // the real cluster's controllers and kwok bring every app to its state
  await Promise.all(
    STATES.map(async state => {
      answers.real[state.app] = await until(
        async () => {
          const s = await statusOf(backends.real, state.app);
          // an unmet expectation is the error the timeout reports
          EXPECT[state.app](s);
          return s;
        },
        `the real cluster's ${state.app} (${state.title})`,
        120_000,
      );
      answers.sandbox[state.app] = await statusOf(backends.sandbox, state.app);
    }),
  );
});

afterAll(async () => {
  await backends?.real?.stop();
  await backends?.sandbox?.stop();
  await sandbox?.sandbox.close();
  if (real) {
    const core = real.kc.makeApiClient(CoreV1Api);
    await Promise.all(
      [...STATES.map(s => names(s.app).namespace), c.argo.namespace].map(name =>
        core.deleteNamespace({ name }).catch(() => undefined),
      ),
    );
    await removeReader(real.kc, suffix);
    await real.cluster.close();
  }
});

describe.each(STATES.map(s => [s.app, s.title] as const))('%s: %s', app => {
  it('the real cluster: the card explains the cluster’s own objects', async () => {
    const s = await statusOf(backends.real, app);
    EXPECT[app](s);
    const cluster = await clusterOf(real.kc, app);
    const n = names(app);
    expect(s.target).toMatchObject({
      namespace: n.namespace,
      workload: n.deployment,
      application: { namespace: c.argo.namespace, name: n.application },
    });
    // the workload, as the Deployment and its pods have it; the pods are read for every app
    // while the env Secret item is checked (fetch/fetchDevObjects.ts: the item reads the
    // Secrets' state from the pods), as it is by default
    expect(workloadFacts(s)).toEqual(
      cluster.original
        ? {
            state: 'ok',
            name: n.deployment,
            ...replicasOf(cluster.original),
            pods: podFacts(cluster.pods),
          }
        : { state: 'not-found' },
    );
    // Okteto, as the clone and the original's marks say
    const marked =
      cluster.original?.metadata?.labels?.['dev.okteto.com'] === 'true';
    expect(s.okteto.state === 'off').toBe(!cluster.clone && !marked);
    const env = cluster.clone?.spec?.template.spec?.containers.find(
      x => x.name === 'app',
    )?.env;
    expect(oktetoFacts(s)).toEqual(
      s.okteto.state === 'on'
        ? {
            clone: cluster.clone?.metadata?.name,
            user: env?.find(e => e.name === 'OKTETO_USERNAME')?.value,
            pods: podFacts(cluster.devPods),
          }
        : {},
    );
    // Argo CD, as the Application says
    expect(argoFacts(s)).toEqual(
      cluster.application
        ? {
            state: 'ok',
            sync: cluster.application.status.sync.status,
            health: cluster.application.status.health.status,
          }
        : { state: 'not-found' },
    );
    expect(s.errors).toEqual([]);
  });

  it('the sandbox answers the same for the same objects', async () => {
    const fresh = {
      real: await statusOf(backends.real, app),
      sandbox: await statusOf(backends.sandbox, app),
    };
    EXPECT[app](fresh.sandbox);
    expect(comparableStatus(fresh.sandbox)).toEqual(
      comparableStatus(fresh.real),
    );
  });
});

describe('batch, events and actions on the real cluster', () => {
  it('POST /v1/status/batch answers every entity as GET /v1/status does', async () => {
    const res = await request(backends.real.server)
      .post('/api/okteto-dev/v1/status/batch')
      .set('Authorization', mockCredentials.user.header())
      .send({ entityRefs: STATES.map(s => `component:default/${s.app}`) });
    expect(res.status).toBe(200);
    expect(res.body.failures ?? []).toEqual([]);
    expect(res.body.items).toHaveLength(STATES.length);
    for (const item of res.body.items as DevStatus[]) {
      const app = item.entityRef.split('/')[1];
      const one = await statusOf(backends.real, app);
      expect(comparableStatus(item)).toEqual(comparableStatus(one));
    }
  });

  it.each([
    ['crash', 'BackOff', 'Pod'],
    ['pull', 'Failed', 'Pod'],
    ['psa', 'FailedCreate', 'ReplicaSet'],
    ['pvc', 'FailedScheduling', 'Pod'],
  ])(
    '%s: GET /v1/events shows the cluster’s %s Warning about a %s',
    async (app, reason, kind) => {
      const n = names(app);
      const core = real.kc.makeApiClient(CoreV1Api);
      const warning = await until(async () => {
        const list = await core.listNamespacedEvent({
          namespace: n.namespace,
          fieldSelector: 'type=Warning',
        });
        return list.items.find(
          e => e.reason === reason && e.involvedObject.kind === kind,
        );
      }, `a ${reason} Event in ${n.namespace}`);
      const body = await until(async () => {
        const res = await request(backends.real.server)
          .get('/api/okteto-dev/v1/events')
          .query({ entityRef: `component:default/${app}` })
          .set('Authorization', mockCredentials.user.header());
        const b = res.body as DevEventsResponse;
        return b.items?.some(e => e.reason === reason) && b;
      }, `the backend's ${reason} event for ${app}`);
      expect(body.error).toBeUndefined();
      expect(body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'Warning',
            reason,
            object: { kind, name: warning.involvedObject.name },
            message: (warning.message ?? '').slice(0, 500),
          }),
        ]),
      );
      // the sandbox writes the same kind of Event for the same state
      const sandboxEvents = (
        await request(backends.sandbox.server)
          .get('/api/okteto-dev/v1/events')
          .query({ entityRef: `component:default/${app}` })
          .set('Authorization', mockCredentials.user.header())
      ).body as DevEventsResponse;
      expect(sandboxEvents.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            reason,
            object: expect.objectContaining({ kind }),
          }),
        ]),
      );
    },
  );

  it('the actions answer as the endpoints: get-status, list-dev-sessions, explain-drift', async () => {
    const invoke = (action: string, input: object) =>
      request(backends.real.server)
        .post(
          `/api/okteto-dev/.backstage/actions/v1/actions/okteto-dev:${action}/invoke`,
        )
        .set('Authorization', mockCredentials.user.header())
        .send(input);
    const status = await invoke('get-status', {
      entityRef: 'component:default/devon',
    });
    expect(status.status).toBe(200);
    expect(comparableStatus(status.body.output.status)).toEqual(
      comparableStatus(await statusOf(backends.real, 'devon')),
    );
    const sessions = await invoke('list-dev-sessions', {});
    expect(sessions.status).toBe(200);
    const listed = JSON.stringify(sessions.body.output);
    // every app with a running clone is listed, and no app without one
    const on: string[] = [];
    for (const state of STATES) {
      const s = await statusOf(backends.real, state.app);
      if (s.okteto.state === 'on') on.push(`component:default/${state.app}`);
    }
    expect(on.length).toBeGreaterThan(0);
    expect(on.filter(ref => !listed.includes(ref))).toEqual([]);
    expect(listed).not.toContain('component:default/healthy');
    const drift = await invoke('explain-drift', {
      entityRef: 'component:default/conflict',
    });
    expect(drift.status).toBe(200);
    expect(JSON.stringify(drift.body.output)).toContain('conflict');
  });
});
