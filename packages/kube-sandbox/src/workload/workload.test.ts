import { Any, statusOf } from '../__testUtils__';
import { createStore } from '../createStore';
import type { SandboxStore } from '../store';
import type { JsonObject } from '../types';
import { INIT_STATE_ANNOTATION } from './knobs';
import { podSecurityError } from './podSecurity';

/* The workload controller's reactions the Okteto states depend on. */

function storeWith(nsLabels: Record<string, string> = {}): SandboxStore {
  const store = createStore();
  store.put({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'n', labels: nsLabels },
  });
  return store;
}

function deployment(spec: JsonObject, annotations?: Record<string, string>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'n' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'd' } },
      template: {
        metadata: { labels: { app: 'd' }, annotations },
        spec,
      },
    },
  };
}

const restricted = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('Pod Security Admission (k8s.io/pod-security-admission policy)', () => {
  it('lets a restricted-compliant pod in, refuses a root one with the admission message', () => {
    const ok = { containers: [{ name: 'c', securityContext: restricted }] };
    expect(
      podSecurityError(
        { 'pod-security.kubernetes.io/enforce': 'restricted' },
        'p',
        ok,
      ),
    ).toBeUndefined();
    const root = {
      containers: [{ name: 'c', securityContext: { runAsUser: 0 } }],
    };
    expect(
      podSecurityError(
        {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.32',
        },
        'p',
        root,
      ),
    ).toBe(
      'pods "p" is forbidden: violates PodSecurity "restricted:v1.32": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), runAsUser=0 (container "c" must not set runAsUser=0), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    expect(
      podSecurityError(
        { 'pod-security.kubernetes.io/enforce': 'baseline' },
        'p',
        root,
      ),
    ).toBeUndefined();
  });

  it('a refused pod: ReplicaFailure/FailedCreate on the ReplicaSet and the Deployment (ReplicaSet controller, deployment progress.go), no pod', () => {
    const store = storeWith({
      'pod-security.kubernetes.io/enforce': 'baseline',
    });
    store.put(
      deployment({
        containers: [{ name: 'c', securityContext: { privileged: true } }],
      }),
    );
    expect(store.list('pods', 'n')).toHaveLength(0);
    const [rs] = store.list('replicasets', 'n');
    const failure = {
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message: expect.stringContaining(
        'violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)',
      ),
    };
    expect(statusOf(rs).conditions).toEqual([expect.objectContaining(failure)]);
    const d = store.get('deployments', 'n', 'd');
    expect(statusOf(d).conditions).toContainEqual(
      expect.objectContaining(failure),
    );
    expect(statusOf(d).unavailableReplicas).toBe(1);
    // scaled to 0 nothing is refused any more: the condition goes
    store.patch('deployments', 'n', 'd', { spec: { replicas: 0 } });
    expect(
      statusOf(store.get('deployments', 'n', 'd')).conditions.map(
        (c: Any) => c.type,
      ),
    ).toEqual(['Available', 'Progressing']);
    // the namespace no longer enforces: the ReplicaSet creates its pod
    store.patch('deployments', 'n', 'd', { spec: { replicas: 1 } });
    expect(store.list('pods', 'n')).toHaveLength(0);
    store.patch('namespaces', undefined, 'n', {
      metadata: { labels: { 'pod-security.kubernetes.io/enforce': null } },
    });
    expect(store.list('pods', 'n')).toHaveLength(1);
  });
});

describe('scheduling on unbound claims (kube-scheduler VolumeBinding)', () => {
  it('keeps the pod Pending/Unschedulable until its claim is Bound', () => {
    const store = storeWith();
    store.put(
      deployment({
        containers: [{ name: 'c' }],
        volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }],
      }),
    );
    let [pod] = store.list('pods', 'n');
    expect(statusOf(pod).phase).toBe('Pending');
    expect(statusOf(pod).conditions[0]).toMatchObject({
      type: 'PodScheduled',
      reason: 'Unschedulable',
    });
    expect((pod.spec as Any).nodeName).toBeUndefined();
    store.put({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'n' },
      spec: { resources: { requests: { storage: '1Gi' } } },
    });
    [pod] = store.list('pods', 'n');
    expect(statusOf(pod).phase).toBe('Running');
    expect((pod.spec as Any).nodeName).toBe('sandbox-node');
  });

  it('leaves a claim of a storage class without provisioner Pending', () => {
    const store = storeWith();
    store.put({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'n' },
      spec: { storageClassName: 'fast-ssd' },
    });
    expect(
      statusOf(store.get('persistentvolumeclaims', 'n', 'data')).phase,
    ).toBe('Pending');
  });
});

describe(`init containers that do not complete (${INIT_STATE_ANNOTATION})`, () => {
  const spec = {
    initContainers: [
      { name: 'okteto-bin', image: 'ghcr.io/okteto/okteto:3.21.0' },
      { name: 'okteto-init-volume', image: 'dev' },
    ],
    containers: [{ name: 'app', image: 'dev' }],
  };

  const podWith = (knob: string) => {
    const store = storeWith();
    store.put(deployment(spec, { [INIT_STATE_ANNOTATION]: knob }));
    const [pod] = store.list('pods', 'n');
    expect(statusOf(store.get('deployments', 'n', 'd')).readyReplicas).toBe(0);
    const st = statusOf(pod);
    expect(st.phase).toBe('Pending');
    expect(st.containerStatuses[0].state.waiting.reason).toBe(
      'PodInitializing',
    );
    expect(st.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Initialized',
        status: 'False',
        reason: 'ContainersNotInitialized',
      }),
    );
    return st;
  };

  it('ImagePullBackOff on the first init container (okteto-bin)', () => {
    const st = podWith('ImagePullBackOff');
    expect(st.initContainerStatuses[0].state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "ghcr.io/okteto/okteto:3.21.0"',
    });
    expect(st.initContainerStatuses[1].state.waiting.reason).toBe(
      'PodInitializing',
    );
  });

  it('CrashLoopBackOff on a named init container', () => {
    const st = podWith('okteto-init-volume=CrashLoopBackOff');
    expect(st.initContainerStatuses[0].state.terminated.reason).toBe(
      'Completed',
    );
    expect(st.initContainerStatuses[1].state.waiting.reason).toBe(
      'CrashLoopBackOff',
    );
    expect(st.initContainerStatuses[1].restartCount).toBeGreaterThan(0);
  });
});

describe('a Secret the environment needs (kubelet_pods.go makeEnvironmentVariables)', () => {
  const waitingOf = (store: SandboxStore) =>
    statusOf(store.list('pods', 'n')[0]).containerStatuses[0].state.waiting;
  const events = (store: SandboxStore) =>
    store
      .list('events', 'n')
      .filter(e => (e as Any).reason === 'Failed')
      .map(e => (e as Any).message);

  it('missing: the container waits in CreateContainerConfigError, and starts once the Secret exists', () => {
    const store = storeWith();
    store.put(
      deployment({
        containers: [
          {
            name: 'c',
            image: 'i:1',
            envFrom: [{ secretRef: { name: 'env' } }],
          },
        ],
      }),
    );
    expect(waitingOf(store)).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'secret "env" not found',
    });
    expect(statusOf(store.list('pods', 'n')[0]).phase).toBe('Pending');
    expect(statusOf(store.get('deployments', 'n', 'd')).readyReplicas).toBe(0);
    expect(events(store)).toEqual(['Error: secret "env" not found']);

    store.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'env', namespace: 'n' },
      data: { A: 'YQ==' },
    });
    const [pod] = store.list('pods', 'n');
    expect(statusOf(pod).containerStatuses[0].state.running).toBeDefined();
    expect(statusOf(store.get('deployments', 'n', 'd')).readyReplicas).toBe(1);
  });

  it('a missing key of secretKeyRef, and optional references that need nothing', () => {
    const store = storeWith();
    store.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'n' },
      data: { URL: 'eA==' },
    });
    store.put(
      deployment({
        containers: [
          {
            name: 'c',
            image: 'i:1',
            envFrom: [{ secretRef: { name: 'gone', optional: true } }],
            env: [
              {
                name: 'P',
                valueFrom: { secretKeyRef: { name: 'db', key: 'PASSWORD' } },
              },
            ],
          },
        ],
      }),
    );
    expect(waitingOf(store)).toEqual({
      reason: 'CreateContainerConfigError',
      message: "couldn't find key PASSWORD in Secret n/db",
    });
  });
});
