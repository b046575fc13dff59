/*
 * Workloads through the real controllers, the real scheduler and kwok's
 * Stages (kwok's own for Running/Ready, ours in go/cluster/stages/ for the
 * failure states). One shared cluster; each test has its own namespace.
 */
import {
  AppsV1Api,
  CoreV1Api,
  CoreV1Event,
  KubeConfig,
  V1ContainerStatus,
  V1Pod,
  VersionApi,
} from '@kubernetes/client-node';
import { RealCluster, startRealCluster, STATE_ANNOTATIONS, STATE_LABEL } from './index';
import {
  createDeployment,
  deployment,
  eventually,
  kubeConfigOf,
  newNamespace,
  podsOf,
} from './testUtils';

jest.setTimeout(120_000);

describe('workloads on the real cluster', () => {
  let cluster: RealCluster;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    cluster = await startRealCluster();
    kc = kubeConfigOf(cluster);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
  });
  afterAll(() => cluster?.close());

  const containerStatus = (pod: V1Pod, name = 'app'): V1ContainerStatus | undefined =>
    pod.status?.containerStatuses?.find(c => c.name === name);

  it('serves the pinned Kubernetes version', async () => {
    const v = await kc.makeApiClient(VersionApi).getCode();
    expect(v.gitVersion).toBe(cluster.version);
    expect(v.gitVersion).toMatch(/^v1\.36\.\d+$/);
  });

  it('has kwok Nodes that are Ready', async () => {
    const nodes = await core.listNode();
    const names = nodes.items.map(n => n.metadata!.name);
    expect(names).toEqual(expect.arrayContaining(cluster.nodes));
    for (const node of nodes.items.filter(n => cluster.nodes.includes(n.metadata!.name!))) {
      expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
      const ready = node.status?.conditions?.find(c => c.type === 'Ready');
      expect(ready?.status).toBe('True');
    }
  });

  it('makes a Deployment Ready through the deployment and replicaset controllers, the scheduler and kwok', async () => {
    const ns = await newNamespace(kc, 'deploy');
    await createDeployment(kc, ns, deployment('web', { replicas: 2 }));
    const ready = await eventually(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        return d.status?.readyReplicas === 2 && d.status?.availableReplicas === 2 ? d : undefined;
      },
      { what: 'web to have 2 ready replicas' },
    );
    expect(ready.status?.conditions?.find(c => c.type === 'Available')?.status).toBe('True');
    // The ReplicaSet is the controller's, owned by the Deployment.
    const rs = await apps.listNamespacedReplicaSet({ namespace: ns });
    expect(rs.items).toHaveLength(1);
    expect(rs.items[0].metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web' });
    const pods = await podsOf(kc, ns, 'web');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rs.items[0].metadata?.name });
      // Bound by the scheduler to a kwok node; kwok made it Running.
      expect(cluster.nodes).toContain(pod.spec?.nodeName);
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toMatch(/^10\.244\./);
      expect(containerStatus(pod)?.ready).toBe(true);
      expect(pod.status?.conditions?.find(c => c.type === 'PodScheduled')?.status).toBe('True');
      // The ServiceAccount admission plugin mounted the projected token.
      expect(pod.spec?.serviceAccountName).toBe('default');
      expect(pod.spec?.volumes?.some(v => v.name.startsWith('kube-api-access-'))).toBe(true);
    }
  });

  it('deletes pods through kwok when the Deployment is scaled down (garbage collector and finalizers)', async () => {
    const ns = await newNamespace(kc, 'scale');
    await createDeployment(kc, ns, deployment('api', { replicas: 3 }));
    await eventually(async () => (await podsOf(kc, ns, 'api')).filter(p => p.status?.phase === 'Running').length === 3, {
      what: '3 running pods',
    });
    await apps.deleteNamespacedDeployment({ name: 'api', namespace: ns, body: { propagationPolicy: 'Foreground' } });
    await eventually(async () => (await podsOf(kc, ns, 'api')).length === 0, { what: 'the pods to be gone' });
    await eventually(async () => (await apps.listNamespacedReplicaSet({ namespace: ns })).items.length === 0, {
      what: 'the ReplicaSet to be collected',
    });
  });

  it('crash-loops a labelled pod: CrashLoopBackOff, lastState terminated, restartCount climbing', async () => {
    const ns = await newNamespace(kc, 'crash');
    await createDeployment(
      kc,
      ns,
      deployment('worker', {
        podLabels: { [STATE_LABEL]: 'crash-loop' },
        podAnnotations: { [STATE_ANNOTATIONS.exitCode]: '137', [STATE_ANNOTATIONS.restartEvery]: '500ms' },
      }),
    );
    const first = await eventually(
      async () => {
        const [pod] = await podsOf(kc, ns, 'worker');
        return pod && containerStatus(pod)?.state?.waiting?.reason === 'CrashLoopBackOff' ? pod : undefined;
      },
      { what: 'CrashLoopBackOff' },
    );
    const status = containerStatus(first)!;
    expect(first.status?.phase).toBe('Running');
    expect(status.ready).toBe(false);
    expect(status.lastState?.terminated?.exitCode).toBe(137);
    expect(status.lastState?.terminated?.reason).toBe('Error');
    // kubelet back-off: 10 s doubling up to 5 min (pkg/kubelet/kubelet.go).
    const backoff = ['10s', '20s', '40s', '1m20s', '2m40s'][status.restartCount - 1] ?? '5m0s';
    expect(status.state?.waiting?.message).toBe(
      `back-off ${backoff} restarting failed container=app pod=${first.metadata?.name}_${ns}(${first.metadata?.uid})`,
    );
    const ready = first.status?.conditions?.find(c => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    const climbed = await eventually(
      async () => {
        const [pod] = await podsOf(kc, ns, 'worker');
        const count = pod && containerStatus(pod)?.restartCount;
        return count !== undefined && count >= status.restartCount + 2 ? pod : undefined;
      },
      { what: 'restartCount to climb' },
    );
    expect(containerStatus(climbed)?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    // The Deployment is not available: its only pod never becomes ready.
    const d = await apps.readNamespacedDeployment({ name: 'worker', namespace: ns });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
    expect(d.status?.unavailableReplicas).toBe(1);
    // kwok's Stage event for the restart.
    const events = await core.listNamespacedEvent({ namespace: ns });
    expect(events.items.some((e: CoreV1Event) => e.reason === 'BackOff' && e.involvedObject.name === first.metadata?.name)).toBe(true);
  });

  it('crash-loops only the container named by the annotation; the other runs', async () => {
    const ns = await newNamespace(kc, 'sidecar');
    await createDeployment(
      kc,
      ns,
      deployment('two', {
        podLabels: { [STATE_LABEL]: 'crash-loop' },
        podAnnotations: { [STATE_ANNOTATIONS.container]: 'app' },
        containers: [
          { name: 'app', image: 'registry.example/app:1.0' },
          { name: 'proxy', image: 'registry.example/proxy:1.0' },
        ],
      }),
    );
    const pod = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'two');
        return p && containerStatus(p, 'app')?.state?.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
      },
      { what: 'app in CrashLoopBackOff' },
    );
    expect(containerStatus(pod, 'proxy')?.state?.running).toBeDefined();
    expect(containerStatus(pod, 'proxy')?.ready).toBe(true);
    expect(pod.status?.conditions?.find(c => c.type === 'Ready')?.message).toBe('containers with unready status: [app]');
  });

  it('image-pull-backoff: ErrImagePull, then ImagePullBackOff with the pull error; the pod stays Pending', async () => {
    const ns = await newNamespace(kc, 'pull');
    const image = 'registry.example/missing:404';
    await createDeployment(
      kc,
      ns,
      deployment('pull', {
        podLabels: { [STATE_LABEL]: 'image-pull-backoff' },
        containers: [{ name: 'app', image }],
      }),
    );
    const seen = new Set<string>();
    const backoff = await eventually(
      async () => {
        const [pod] = await podsOf(kc, ns, 'pull');
        const reason = pod && containerStatus(pod)?.state?.waiting?.reason;
        if (reason) seen.add(reason);
        return reason === 'ImagePullBackOff' ? pod : undefined;
      },
      { what: 'ImagePullBackOff', intervalMs: 50 },
    );
    const waiting = containerStatus(backoff)!.state!.waiting!;
    expect(waiting.message).toBe(
      `Back-off pulling image "${image}": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
    );
    expect(backoff.status?.phase).toBe('Pending');
    expect(containerStatus(backoff)?.ready).toBe(false);
    // ErrImagePull came first (it lasts 1 s: the poll sees it).
    expect(seen.has('ErrImagePull')).toBe(true);
  });

  it('err-image-pull stays in ErrImagePull', async () => {
    const ns = await newNamespace(kc, 'errpull');
    await createDeployment(kc, ns, deployment('pull', { podLabels: { [STATE_LABEL]: 'err-image-pull' } }));
    const pod = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'pull');
        return p && containerStatus(p)?.state?.waiting?.reason === 'ErrImagePull' ? p : undefined;
      },
      { what: 'ErrImagePull' },
    );
    expect(pod.status?.phase).toBe('Pending');
    expect(containerStatus(pod)?.state?.waiting?.message).toContain('failed to pull and unpack image "registry.example/app:1.0"');
  });

  it('create-container-config-error names the missing Secret as the kubelet does', async () => {
    const ns = await newNamespace(kc, 'config');
    await createDeployment(
      kc,
      ns,
      deployment('needs-secret', {
        podLabels: { [STATE_LABEL]: 'create-container-config-error' },
        containers: [
          {
            name: 'app',
            image: 'registry.example/app:1.0',
            env: [
              { name: 'OPTIONAL', valueFrom: { secretKeyRef: { name: 'maybe', key: 'k', optional: true } } },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
            ],
          },
        ],
      }),
    );
    const pod = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'needs-secret');
        return p && containerStatus(p)?.state?.waiting?.reason === 'CreateContainerConfigError' ? p : undefined;
      },
      { what: 'CreateContainerConfigError' },
    );
    expect(containerStatus(pod)?.state?.waiting?.message).toBe('secret "db-credentials" not found');
    expect(pod.status?.phase).toBe('Pending');
    // The Secret really is missing in the cluster.
    const secrets = await core.listNamespacedSecret({ namespace: ns });
    expect(secrets.items.map(s => s.metadata?.name)).not.toContain('db-credentials');
  });

  it('create-container-config-error: envFrom is resolved before env, config maps by their own name', async () => {
    const ns = await newNamespace(kc, 'envfrom');
    await createDeployment(
      kc,
      ns,
      deployment('cfg', {
        podLabels: { [STATE_LABEL]: 'create-container-config-error' },
        containers: [
          {
            name: 'app',
            image: 'registry.example/app:1.0',
            env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'later', key: 'x' } } }],
            envFrom: [{ configMapRef: { name: 'settings' } }],
          },
        ],
      }),
    );
    const pod = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'cfg');
        return p && containerStatus(p)?.state?.waiting?.reason === 'CreateContainerConfigError' ? p : undefined;
      },
      { what: 'CreateContainerConfigError' },
    );
    expect(containerStatus(pod)?.state?.waiting?.message).toBe('configmap "settings" not found');
  });

  it('without a label: a missing Secret keeps the container in CreateContainerConfigError until the Secret is created', async () => {
    const ns = await newNamespace(kc, 'autosecret');
    await createDeployment(
      kc,
      ns,
      deployment('api', {
        containers: [
          {
            name: 'app',
            image: 'registry.example/app:1.0',
            env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }],
          },
          { name: 'proxy', image: 'registry.example/proxy:1.0' },
        ],
      }),
    );
    const waiting = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'api');
        return p && containerStatus(p)?.state?.waiting?.reason === 'CreateContainerConfigError' ? p : undefined;
      },
      { what: 'CreateContainerConfigError' },
    );
    expect(containerStatus(waiting)?.state?.waiting?.message).toBe('secret "db-credentials" not found');
    expect(containerStatus(waiting, 'proxy')?.state?.running).toBeDefined();
    expect(waiting.status?.phase).toBe('Pending');
    expect(waiting.status?.conditions?.find(c => c.type === 'Ready')?.message).toBe('containers with unready status: [app]');

    // The Secret without the key: the kubelet's next message.
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'db-credentials' }, stringData: { user: 'u' } } });
    const noKey = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'api');
        const message = p && containerStatus(p)?.state?.waiting?.message;
        return message?.startsWith("couldn't find key") ? message : undefined;
      },
      { what: 'the missing key message' },
    );
    expect(noKey).toBe(`couldn't find key password in Secret ${ns}/db-credentials`);

    // With the key the container starts and the Deployment becomes available.
    await core.replaceNamespacedSecret({
      name: 'db-credentials',
      namespace: ns,
      body: { metadata: { name: 'db-credentials' }, stringData: { user: 'u', password: 'p' } },
    });
    await eventually(
      async () => (await apps.readNamespacedDeployment({ name: 'api', namespace: ns })).status?.availableReplicas === 1,
      { what: 'the Deployment to be available' },
    );
    const [running] = await podsOf(kc, ns, 'api');
    expect(running.status?.phase).toBe('Running');
    expect(containerStatus(running)?.ready).toBe(true);
  });

  it('without a label: a pod whose Secrets and ConfigMaps exist starts at once', async () => {
    const ns = await newNamespace(kc, 'autook');
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'settings' }, data: { mode: 'x' } } });
    await createDeployment(
      kc,
      ns,
      deployment('ok', {
        containers: [{ name: 'app', image: 'registry.example/app:1.0', envFrom: [{ configMapRef: { name: 'settings' } }] }],
      }),
    );
    await eventually(
      async () => (await apps.readNamespacedDeployment({ name: 'ok', namespace: ns })).status?.readyReplicas === 1,
      { what: 'ready' },
    );
    const [pod] = await podsOf(kc, ns, 'ok');
    expect(pod.status?.containerStatuses?.some(c => c.state?.waiting)).toBe(false);
  });

  it('not-ready: containers running, readiness never passing', async () => {
    const ns = await newNamespace(kc, 'notready');
    await createDeployment(kc, ns, deployment('slow', { podLabels: { [STATE_LABEL]: 'not-ready' } }));
    const pod = await eventually(
      async () => {
        const [p] = await podsOf(kc, ns, 'slow');
        return p?.status?.phase === 'Running' ? p : undefined;
      },
      { what: 'Running' },
    );
    expect(containerStatus(pod)?.state?.running).toBeDefined();
    expect(containerStatus(pod)?.ready).toBe(false);
    expect(pod.status?.conditions?.find(c => c.type === 'Ready')?.status).toBe('False');
  });

  it('leaves a PersistentVolumeClaim Pending: no provisioner, the PV controller says so', async () => {
    const ns = await newNamespace(kc, 'pvc');
    await core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    // The persistentvolume-binder controller looked at it and found nothing to bind.
    const event = await eventually(
      async () =>
        (await core.listNamespacedEvent({ namespace: ns })).items.find(
          e => e.involvedObject.name === 'data' && e.reason === 'FailedBinding',
        ),
      { what: 'the FailedBinding event' },
    );
    expect(event.message).toBe('no persistent volumes available for this claim and no storage class is set');
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
    expect(pvc.status?.phase).toBe('Pending');
    expect(pvc.spec?.volumeName).toBeUndefined();
  });

  it('Pod Security admission refuses a root pod in a restricted namespace: FailedCreate and ReplicaFailure from the replicaset controller', async () => {
    const ns = await newNamespace(kc, 'restricted', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    await createDeployment(kc, ns, deployment('root', { securityContext: { runAsUser: 0 } }));
    const rs = await eventually(
      async () => {
        const list = await apps.listNamespacedReplicaSet({ namespace: ns });
        const r = list.items[0];
        return r?.status?.conditions?.some(c => c.type === 'ReplicaFailure' && c.status === 'True') ? r : undefined;
      },
      { what: 'ReplicaFailure on the ReplicaSet' },
    );
    const failure = rs.status!.conditions!.find(c => c.type === 'ReplicaFailure')!;
    expect(failure.reason).toBe('FailedCreate');
    expect(failure.message).toContain('violates PodSecurity "restricted:latest"');
    const event = await eventually(
      async () =>
        (await core.listNamespacedEvent({ namespace: ns })).items.find(
          e => e.reason === 'FailedCreate' && e.involvedObject.kind === 'ReplicaSet',
        ),
      { what: 'the FailedCreate event' },
    );
    expect(event.type).toBe('Warning');
    expect(event.message).toContain('forbidden: violates PodSecurity "restricted:latest"');
    expect(event.message).toContain('runAsNonRoot != true');
    expect((await podsOf(kc, ns, 'root')).length).toBe(0);
    // Direct creation is refused with 403 as well.
    const created = core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'direct' }, spec: { containers: [{ name: 'c', image: 'registry.example/app:1.0' }] } },
    });
    await expect(created).rejects.toMatchObject({ code: 403 });
  });
});
