import { createHash } from 'node:crypto';
import { nowIso } from '../bucket';
import { deepClone } from '../patch';
import type { JsonObject, KubeObject } from '../types';
import { pullError, withDefaultTag } from './images';
import {
  initFailureOf,
  InitFailure,
  PodState,
  podStateOf,
  REAL_CLUSTER_CONTAINER_ANNOTATION,
  REAL_CLUSTER_EXIT_CODE_ANNOTATION,
  REAL_CLUSTER_MESSAGE_ANNOTATION,
} from './knobs';
import {
  Container,
  NODE_NAME,
  ownerRef,
  PodSpec,
  PodTemplate,
  Workload,
} from './model';

/* Pods as the kubelet and scheduler would report them — there is neither here. */

/** What the pod's surroundings say about it when it is created. */
export interface PodContext {
  /** PersistentVolumeClaims it mounts that are not Bound. */
  unboundClaims: string[];
  /**
   * Why the kubelet cannot create a container (a Secret or ConfigMap its environment needs is
   * missing: `envConfig.ts`), or undefined.
   */
  configError?: (container: Container) => string | undefined;
}

/** The message of the real cluster's `create-container-config-error` state: the first reference. */
function firstReference(c: Container): string {
  for (const from of (c.envFrom ?? []) as JsonObject[]) {
    const cm = from.configMapRef as JsonObject | undefined;
    const sec = from.secretRef as JsonObject | undefined;
    if (cm && cm.optional !== true) return `configmap "${cm.name}" not found`;
    if (sec && sec.optional !== true) return `secret "${sec.name}" not found`;
  }
  for (const e of (c.env ?? []) as JsonObject[]) {
    const from = e.valueFrom as JsonObject | undefined;
    const cmRef = from?.configMapKeyRef as JsonObject | undefined;
    const secRef = from?.secretKeyRef as JsonObject | undefined;
    if (cmRef && cmRef.optional !== true) {
      return `configmap "${cmRef.name}" not found`;
    }
    if (secRef && secRef.optional !== true) {
      return `secret "${secRef.name}" not found`;
    }
  }
  return 'secret "missing" not found';
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function podIp(seed: string): string {
  const d = createHash('sha256').update(seed).digest();
  return `10.244.${d[0] % 16}.${(d[1] % 250) + 2}`;
}

export function claimNames(spec: PodSpec | undefined): string[] {
  return (spec?.volumes ?? [])
    .map(
      v =>
        (v.persistentVolumeClaim as JsonObject | undefined)?.claimName as
          | string
          | undefined,
    )
    .filter((n): n is string => Boolean(n));
}

function qosClass(spec: PodSpec): string {
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const res = all.map(c => (c.resources ?? {}) as JsonObject);
  if (res.every(r => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = res.every(r => {
    const l = (r.limits ?? {}) as JsonObject;
    const q = (r.requests ?? l) as JsonObject;
    return ['cpu', 'memory'].every(k => l[k] !== undefined && l[k] === q[k]);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function identity(c: Container, pod: string): JsonObject {
  return {
    name: c.name,
    image: c.image ?? '',
    imageID: `${c.image ?? ''}@sha256:${sha(c.image ?? '')}`,
    containerID: `containerd://${sha(`${pod}/${c.name}`)}`,
  };
}

function waiting(c: Container, reason: string, message?: string): JsonObject {
  return {
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: message ? { reason, message } : { reason } },
  };
}

/** The last termination of a crash-looping container (kubelet lastState). */
const EXITED = { exitCode: 1, reason: 'Error' };
const OOM_KILLED = { exitCode: 137, reason: 'OOMKilled' };

function crashLooping(
  c: Container,
  pod: string,
  at: string,
  last: { exitCode: number; reason: string } = EXITED,
): JsonObject {
  return {
    ...identity(c, pod),
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
        ...last,
        startedAt: at,
        finishedAt: at,
        containerID: `containerd://${sha(`${pod}/${c.name}/last`)}`,
      },
    },
  };
}

function pullFailed(c: Container, state: 'ImagePullBackOff' | 'ErrImagePull') {
  const image = c.image ?? '';
  return state === 'ErrImagePull'
    ? waiting(c, 'ErrImagePull', pullError(image))
    : waiting(
        c,
        'ImagePullBackOff',
        `Back-off pulling image "${withDefaultTag(image)}"`,
      );
}

function mainStatus(
  c: Container,
  state: PodState,
  at: string,
  pod: string,
  configError: string | undefined,
  annotations: Record<string, string> = {},
): JsonObject {
  // the real test cluster's state label (packages/real-cluster) may carry these
  const message = annotations[REAL_CLUSTER_MESSAGE_ANNOTATION];
  // the image is pulled before the container's config is made (kuberuntime_container.go)
  if (state === 'ImagePullBackOff' || state === 'ErrImagePull') {
    return pullFailed(c, state);
  }
  const configMessage =
    configError ??
    (state === 'CreateContainerConfigError'
      ? message ?? firstReference(c)
      : undefined);
  if (configMessage) {
    return {
      ...waiting(c, 'CreateContainerConfigError', configMessage),
      imageID: identity(c, pod).imageID,
    };
  }
  if (state === 'CrashLoopBackOff') {
    const code = Number(annotations[REAL_CLUSTER_EXIT_CODE_ANNOTATION]);
    return crashLooping(
      c,
      pod,
      at,
      Number.isInteger(code) && code !== 1
        ? { exitCode: code, reason: 'Error' }
        : EXITED,
    );
  }
  if (state === 'OOMKilled') return crashLooping(c, pod, at, OOM_KILLED);
  if (state === 'Pending') return waiting(c, 'ContainerCreating', message);
  return {
    ...identity(c, pod),
    ready: state !== 'NotReady',
    started: true,
    restartCount: 0,
    state: { running: { startedAt: at } },
  };
}

function initStatuses(
  spec: PodSpec,
  failure: { container?: string; state: InitFailure } | undefined,
  at: string,
  pod: string,
): { statuses: JsonObject[]; incomplete: string[] } {
  const inits = spec.initContainers ?? [];
  const failing = failure
    ? Math.max(
        0,
        inits.findIndex(
          c => !failure.container || c.name === failure.container,
        ),
      )
    : inits.length;
  const statuses = inits.map((c, i) => {
    if (i < failing) {
      return {
        ...identity(c, pod),
        ready: true,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: at,
            finishedAt: at,
          },
        },
      };
    }
    if (i > failing) return waiting(c, 'PodInitializing');
    return failure!.state === 'CrashLoopBackOff'
      ? crashLooping(c, pod, at)
      : pullFailed(c, failure!.state);
  });
  return { statuses, incomplete: inits.slice(failing).map(c => c.name) };
}

function cond(
  type: string,
  ok: boolean,
  at: string,
  reason?: string,
  message?: string,
): JsonObject {
  const c: JsonObject = {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
  };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return c;
}

/** A pod the scheduler cannot place (kube-scheduler: unbound immediate PVCs). */
function unschedulableStatus(spec: PodSpec, at: string): JsonObject {
  return {
    phase: 'Pending',
    conditions: [
      cond(
        'PodScheduled',
        false,
        at,
        'Unschedulable',
        // kube-scheduler 1.36 on the real test cluster, for a claim whose storage class does not
        // exist (the only claims left unbound here)
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found',
      ),
    ],
    qosClass: qosClass(spec),
  };
}

function scheduledStatus(
  template: PodTemplate,
  spec: PodSpec,
  name: string,
  ip: string,
  at: string,
  context: PodContext,
): JsonObject {
  const labelled = podStateOf(template);
  const annotations = template.metadata?.annotations ?? {};
  // the real test cluster's state may name the one container it applies to
  const only = annotations[REAL_CLUSTER_CONTAINER_ANNOTATION];
  const stateOf = (c: Container): PodState =>
    only && c.name !== only ? 'Running' : labelled;
  const init = initStatuses(spec, initFailureOf(template), at, name);
  const initialized = init.incomplete.length === 0;
  const mains = (spec.containers ?? []).map(c =>
    initialized
      ? mainStatus(
          c,
          stateOf(c),
          at,
          name,
          context.configError?.(c),
          annotations,
        )
      : waiting(c, 'PodInitializing'),
  );
  const configBlocked = mains.some(
    s =>
      (s.state as JsonObject).waiting &&
      ((s.state as JsonObject).waiting as JsonObject).reason ===
        'CreateContainerConfigError',
  );
  const states = (spec.containers ?? []).map(stateOf);
  const unready = mains.filter(s => !s.ready).map(s => String(s.name));
  const ready = unready.length === 0;
  const notReady = `containers with unready status: [${unready.join(' ')}]`;
  // pkg/kubelet/kubelet_pods.go getPhase: Pending while a container has never started
  const phase =
    !initialized ||
    configBlocked ||
    states.some(
      st =>
        st === 'Pending' || st === 'ImagePullBackOff' || st === 'ErrImagePull',
    )
      ? 'Pending'
      : 'Running';
  return {
    phase,
    conditions: [
      cond('PodReadyToStartContainers', !states.includes('Pending'), at),
      cond(
        'Initialized',
        initialized,
        at,
        'ContainersNotInitialized',
        `containers with incomplete status: [${init.incomplete.join(' ')}]`,
      ),
      cond('Ready', ready, at, 'ContainersNotReady', notReady),
      cond('ContainersReady', ready, at, 'ContainersNotReady', notReady),
      cond('PodScheduled', true, at),
    ],
    hostIP: '10.0.0.10',
    hostIPs: [{ ip: '10.0.0.10' }],
    // the real test cluster's create-container-config-error Stage gives no pod IP (a kubelet
    // has made the pod's sandbox, and its IP, before it fails to make the container)
    ...(states.includes('CreateContainerConfigError')
      ? {}
      : { podIP: ip, podIPs: [{ ip }] }),
    startTime: at,
    // the kubelet writes no list for a pod without init containers
    ...(init.statuses.length ? { initContainerStatuses: init.statuses } : {}),
    containerStatuses: mains,
    qosClass: qosClass(spec),
  };
}

/**
 * How a controller shapes its pods beyond the template: a ReplicaSet's are `generateName`d; a
 * StatefulSet's carry their identity (labels, hostname, subdomain, their claims' volumes).
 */
export interface PodShape {
  generateName?: boolean;
  labels?: Record<string, string>;
  /** Replaces the template's spec fields of the same name. */
  spec?: JsonObject;
}

export function buildPod(
  replicaSet: KubeObject,
  name: string,
  context: PodContext = { unboundClaims: [] },
  shape: PodShape = { generateName: true },
): KubeObject {
  const rs = replicaSet as Workload;
  const template = rs.spec?.template ?? {};
  const at = nowIso();
  const spec = {
    ...deepClone(template.spec ?? {}),
    ...shape.spec,
  } as PodSpec;
  const metadata: KubeObject['metadata'] = {
    name,
    ...(shape.generateName ? { generateName: `${rs.metadata.name}-` } : {}),
    namespace: rs.metadata.namespace,
    labels: { ...template.metadata?.labels, ...shape.labels },
    ownerReferences: [ownerRef(rs)],
  };
  if (template.metadata?.annotations) {
    metadata.annotations = { ...template.metadata.annotations };
  }
  const podSpec: JsonObject = {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    ...spec,
  };
  const unschedulable = context.unboundClaims.length > 0;
  if (!unschedulable) podSpec.nodeName = NODE_NAME;
  const ip = podIp(`${rs.metadata.namespace}/${name}`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: podSpec,
    status: unschedulable
      ? unschedulableStatus(spec, at)
      : scheduledStatus(template, spec, name, ip, at, context),
  };
}

export function podReady(pod: KubeObject): boolean {
  const conds = ((pod.status as JsonObject | undefined)?.conditions ??
    []) as JsonObject[];
  return conds.some(c => c.type === 'Ready' && c.status === 'True');
}
