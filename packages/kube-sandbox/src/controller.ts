import { createHash } from 'node:crypto';
import { deepClone, deepEqual } from './patch';
import type { SandboxStore } from './store';
import type { JsonObject, KubeObject, OwnerReference } from './types';

/** Pod template annotation that tells the sandbox how pods behave. */
export const POD_STATE_ANNOTATION = 'sandbox.okteto-dev/pod-state';

export type PodState =
  | 'Running'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'Pending';

interface Container {
  name: string;
  image?: string;
  [key: string]: unknown;
}

interface PodTemplate {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
  } & JsonObject;
}

interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
  [key: string]: unknown;
}

type Workload = KubeObject & { spec?: WorkloadSpec; status?: JsonObject };

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter(k => o[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Like Kubernetes: FNV-32a of the template, safe-encoded. */
export function podTemplateHash(template: unknown): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(canonical(template))) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map(c => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

function suffix(seed: string, length = 5): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[digest[i] % SAFE.length];
  return out;
}

function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some(o => o.uid === uid);
}

function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function sameIgnoringTimes(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) =>
    JSON.parse(
      JSON.stringify(v ?? null, (k, x) =>
        k === 'lastUpdateTime' || k === 'lastTransitionTime' ? undefined : x,
      ),
    );
  return deepEqual(strip(a), strip(b));
}

function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The ReplicaSet the controller keeps for a Deployment's current template. */
export function buildReplicaSet(deployment: KubeObject): KubeObject {
  const d = deployment as Workload;
  const template = d.spec?.template ?? {};
  const hash = podTemplateHash(template);
  const replicas = d.spec?.replicas ?? 1;
  const tplLabels = { ...template.metadata?.labels, 'pod-template-hash': hash };
  const rsTemplate = deepClone(template);
  rsTemplate.metadata = { ...rsTemplate.metadata, labels: tplLabels };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: tplLabels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + 1),
      },
      ownerReferences: [ownerRef(d)],
    },
    spec: {
      replicas,
      selector: {
        matchLabels: {
          ...d.spec?.selector?.matchLabels,
          'pod-template-hash': hash,
        },
      },
      template: rsTemplate,
    },
  };
}

/** Deterministic pod name for the i-th pod of a ReplicaSet. */
export function podName(rsName: string, i: number): string {
  return `${rsName}-${suffix(`${rsName}/${i}`)}`;
}

export function reconcileDeployment(
  store: SandboxStore,
  ns: string,
  name: string,
): void {
  const d = store.get('deployments', ns, name) as Workload | undefined;
  if (!d) return;
  const template = d.spec?.template ?? {};
  const hash = podTemplateHash(template);
  const rsName = `${name}-${hash}`;
  const replicas = d.spec?.replicas ?? 1;
  const owned = store
    .list('replicasets', ns)
    .filter(rs => ownedBy(rs, d.metadata.uid));
  for (const rs of owned) {
    if (rs.metadata.name !== rsName) {
      store.delete('replicasets', ns, rs.metadata.name);
    }
  }
  const existing = store.get('replicasets', ns, rsName) as Workload | undefined;
  if (!existing) {
    store.put(buildReplicaSet(d));
  } else if (existing.spec?.replicas !== replicas) {
    existing.spec = { ...existing.spec, replicas };
    existing.metadata.annotations = {
      ...existing.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + 1),
    };
    store.put(existing);
  }
  const rs = store.get('replicasets', ns, rsName) as Workload | undefined;
  const rsStatus = (rs?.status ?? {}) as Record<string, number>;
  const ready = rsStatus.readyReplicas ?? 0;
  const current = rsStatus.replicas ?? 0;
  const state = podStateOf(template);
  const now = nowIso();
  const available = ready >= replicas;
  const status: JsonObject = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: current,
    updatedReplicas: current,
    readyReplicas: ready,
    availableReplicas: ready,
  };
  if (current - ready > 0) status.unavailableReplicas = current - ready;
  const progressing =
    state === 'Running' || replicas === 0
      ? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rsName}" has successfully progressed.`,
        }
      : {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`,
        };
  const availableCond = available
    ? {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      }
    : {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      };
  const oldConds = ((d.status?.conditions as JsonObject[]) ?? []).slice();
  status.conditions = [availableCond, progressing].map(c => {
    const old = oldConds.find(o => o.type === c.type);
    const same = old && old.status === c.status && old.reason === c.reason;
    return {
      ...c,
      lastUpdateTime: same ? old.lastUpdateTime : now,
      lastTransitionTime: same ? old.lastTransitionTime : now,
    };
  });
  if (!sameIgnoringTimes(status, d.status)) {
    const fresh = store.get('deployments', ns, name) as Workload;
    fresh.status = status;
    store.put(fresh);
  }
}

export function podStateOf(template: PodTemplate | undefined): PodState {
  const v = template?.metadata?.annotations?.[POD_STATE_ANNOTATION];
  if (v === 'CrashLoopBackOff' || v === 'ImagePullBackOff' || v === 'Pending') {
    return v;
  }
  return 'Running';
}

function podIp(seed: string): string {
  const d = createHash('sha256').update(seed).digest();
  return `10.244.${d[0] % 16}.${(d[1] % 250) + 2}`;
}

function containerStatus(
  c: Container,
  state: PodState,
  startedAt: string,
  pod: string,
): JsonObject {
  const base = {
    name: c.name,
    image: c.image ?? '',
    imageID: `${c.image ?? ''}@sha256:${createHash('sha256')
      .update(c.image ?? '')
      .digest('hex')}`,
    containerID: `containerd://${createHash('sha256')
      .update(`${pod}/${c.name}`)
      .digest('hex')}`,
  };
  if (state === 'CrashLoopBackOff') {
    return {
      ...base,
      ready: false,
      started: false,
      restartCount: 7,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${c.name} pod=${pod}`,
        },
      },
      lastState: {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt,
          finishedAt: startedAt,
        },
      },
    };
  }
  if (state === 'ImagePullBackOff' || state === 'Pending') {
    return {
      ...base,
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        waiting:
          state === 'Pending'
            ? { reason: 'ContainerCreating' }
            : {
                reason: 'ImagePullBackOff',
                message: `Back-off pulling image "${c.image ?? ''}"`,
              },
      },
    };
  }
  return {
    ...base,
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt } },
  };
}

export function buildPod(replicaSet: KubeObject, name: string): KubeObject {
  const rs = replicaSet as Workload;
  const template = rs.spec?.template ?? {};
  const state = podStateOf(template);
  const now = nowIso();
  const spec = deepClone(template.spec ?? {});
  const ready = state === 'Running';
  const cond = (type: string, ok: boolean): JsonObject => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: now,
    ...(ok ? {} : { reason: 'ContainersNotReady' }),
  });
  const ip = podIp(`${rs.metadata.namespace}/${name}`);
  const metadata: KubeObject['metadata'] = {
    name,
    generateName: `${rs.metadata.name}-`,
    namespace: rs.metadata.namespace,
    labels: { ...template.metadata?.labels },
    ownerReferences: [ownerRef(rs)],
  };
  if (template.metadata?.annotations) {
    metadata.annotations = { ...template.metadata.annotations };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      ...spec,
      nodeName: 'sandbox-node',
    },
    status: {
      phase:
        state === 'Pending' || state === 'ImagePullBackOff'
          ? 'Pending'
          : 'Running',
      conditions: [
        cond('PodReadyToStartContainers', state !== 'Pending'),
        cond('Initialized', true),
        cond('Ready', ready),
        cond('ContainersReady', ready),
        cond('PodScheduled', true),
      ],
      hostIP: '10.0.0.10',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      initContainerStatuses: (spec.initContainers ?? []).map(c => ({
        name: c.name,
        image: c.image ?? '',
        ready: true,
        restartCount: 0,
        started: false,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: now,
            finishedAt: now,
          },
        },
      })),
      containerStatuses: (spec.containers ?? []).map(c =>
        containerStatus(c, state, now, name),
      ),
      qosClass: 'BestEffort',
    },
  };
}

function podReady(pod: KubeObject): boolean {
  const conds = ((pod.status as JsonObject | undefined)?.conditions ??
    []) as JsonObject[];
  return conds.some(c => c.type === 'Ready' && c.status === 'True');
}

export function reconcileReplicaSet(
  store: SandboxStore,
  ns: string,
  name: string,
): void {
  const rs = store.get('replicasets', ns, name) as Workload | undefined;
  if (!rs) return;
  const want = rs.spec?.replicas ?? 1;
  let pods = store.list('pods', ns).filter(p => ownedBy(p, rs.metadata.uid));
  while (pods.length > want) {
    const victim = pods.pop()!;
    store.delete('pods', ns, victim.metadata.name);
  }
  for (let i = 0; pods.length < want && i < want + 1000; i++) {
    const candidate = podName(name, i);
    if (store.get('pods', ns, candidate)) continue;
    pods.push(store.put(buildPod(rs, candidate)));
  }
  pods = store.list('pods', ns).filter(p => ownedBy(p, rs.metadata.uid));
  const ready = pods.filter(podReady).length;
  const status: JsonObject = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (!deepEqual(status, rs.status)) {
    const fresh = store.get('replicasets', ns, name) as Workload;
    fresh.status = status;
    store.put(fresh);
  }
}

/** Binds new PersistentVolumeClaims, like a dynamic provisioner would. */
export function reconcilePvc(store: SandboxStore, ns: string, name: string) {
  const pvc = store.get('persistentvolumeclaims', ns, name) as
    | Workload
    | undefined;
  if (!pvc || (pvc.status as JsonObject | undefined)?.phase) return;
  const spec = (pvc.spec ?? {}) as JsonObject;
  const requests = (spec.resources as JsonObject | undefined)?.requests as
    | JsonObject
    | undefined;
  pvc.status = {
    phase: 'Bound',
    accessModes: spec.accessModes ?? ['ReadWriteOnce'],
    capacity: { storage: requests?.storage ?? '1Gi' },
  };
  store.put(pvc);
}
