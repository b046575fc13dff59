import { nowIso } from '../bucket';
import type { EventRecorder } from '../events/recorder';
import { deepEqual } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import {
  Condition,
  conditionsOf,
  ownedBy,
  podName,
  Workload,
  withTimes,
} from './model';
import { podSecurityError } from './podSecurity';
import { recordKubelet, recordScheduling } from './podEvents';
import { containerConfigError, storeConfigLookup } from './envConfig';
import { buildPod, claimNames, PodContext, podReady } from './pods';
import { isFreshState } from './knobs';
import { isBound } from './pvc';
import { rebuildStatefulPod } from './statefulset';

/*
 * The ReplicaSet controller (kubernetes pkg/controller/replicaset): creates
 * and deletes pods to match spec.replicas; a refused create (Pod Security
 * Admission, quota) becomes the condition ReplicaFailure/FailedCreate with
 * the API server's message, and no pod. Its Events (replica_set.go,
 * controller_utils.go): SuccessfulCreate, FailedCreate ("Error creating:
 * …", on every attempt), SuccessfulDelete.
 */

const RS_CONTROLLER = { component: 'replicaset-controller' };

function recordRs(
  events: EventRecorder,
  rs: Workload,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  events.record(RS_CONTROLLER, { regarding: rs, type, reason, message });
}

/** A pod the ReplicaSet created: the scheduler and the kubelet take it. */
function started(events: EventRecorder, pod: KubeObject): void {
  recordScheduling(events, pod);
  recordKubelet(events, pod);
}

function unboundClaims(
  store: SandboxStore,
  ns: string,
  rs: Workload,
): string[] {
  return claimNames(rs.spec?.template?.spec).filter(
    claim => !isBound(store.get('persistentvolumeclaims', ns, claim)),
  );
}

/** What the scheduler and the kubelet find for a pod of `rs` in `ns` right now. */
function podContext(
  store: SandboxStore,
  ns: string,
  rs: Workload,
): PodContext {
  const lookup = storeConfigLookup(store, ns);
  return {
    unboundClaims: unboundClaims(store, ns, rs),
    // the real test cluster's state label decides its pods' state (kwok checks no environment)
    ...(isFreshState(rs.spec?.template)
      ? {}
      : { configError: c => containerConfigError(c, ns, lookup) }),
  };
}

/** Creates the missing pods; returns the admission error that stopped it. */
function createPods(
  store: SandboxStore,
  events: EventRecorder,
  rs: Workload,
  have: KubeObject[],
  want: number,
): string | undefined {
  const ns = rs.metadata.namespace ?? '';
  const nsLabels = store.get('namespaces', ns)?.metadata.labels;
  const context = podContext(store, ns, rs);
  let count = have.length;
  for (let i = 0; count < want && i < want + 1000; i++) {
    const name = podName(rs.metadata.name, i);
    if (store.get('pods', ns, name)) continue;
    const refused = podSecurityError(
      nsLabels,
      name,
      rs.spec?.template?.spec ?? {},
    );
    if (refused) {
      recordRs(
        events,
        rs,
        'Warning',
        'FailedCreate',
        `Error creating: ${refused}`,
      );
      return refused;
    }
    const pod = store.put(buildPod(rs, name, context));
    recordRs(events, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`);
    started(events, pod);
    count++;
  }
  return undefined;
}

export function reconcileReplicaSet(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
  name: string,
): void {
  const rs = store.get('replicasets', ns, name) as Workload | undefined;
  if (!rs) return;
  const want = rs.spec?.replicas ?? 1;
  const owned = () =>
    store.list('pods', ns).filter(p => ownedBy(p, rs.metadata.uid));
  const pods = owned();
  while (pods.length > want) {
    const pod = pods.pop()!.metadata.name;
    store.delete('pods', ns, pod);
    recordRs(events, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod}`);
  }
  const failure = createPods(store, events, rs, pods, want);
  const now = owned();
  const ready = now.filter(podReady).length;
  const status: JsonObject = {
    replicas: now.length,
    fullyLabeledReplicas: now.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (failure) {
    const next: Condition[] = [
      {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: failure,
      },
    ];
    status.conditions = withTimes(next, conditionsOf(rs), nowIso(), [
      'lastTransitionTime',
    ]);
  }
  if (!deepEqual(status, rs.status)) {
    const fresh = store.get('replicasets', ns, name) as Workload;
    fresh.status = status;
    store.put(fresh);
  }
}

/**
 * A pod made again by what made it (its ReplicaSet, or its StatefulSet with the pod's identity),
 * for its surroundings now; undefined while a claim it mounts is still unbound.
 */
function rebuild(
  store: SandboxStore,
  ns: string,
  pod: KubeObject,
): KubeObject | undefined {
  const owner = (pod.metadata.ownerReferences ?? []).find(o => o.controller);
  if (owner?.kind === 'StatefulSet') {
    const set = store.get('statefulsets', ns, owner.name) as Workload;
    return set ? rebuildStatefulPod(store, set, pod) : undefined;
  }
  const rs = owner && (store.get('replicasets', ns, owner.name) as Workload);
  if (!rs || unboundClaims(store, ns, rs).length) return undefined;
  return buildPod(rs, pod.metadata.name, podContext(store, ns, rs));
}

/** Pods waiting for a claim get scheduled once it is Bound. */
export function retryScheduling(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
  claim: string,
): void {
  for (const pod of store.list('pods', ns)) {
    const spec = pod.spec as JsonObject | undefined;
    if (spec?.nodeName || !claimNames(spec).includes(claim)) continue;
    const rebuilt = rebuild(store, ns, pod);
    if (!rebuilt) continue;
    started(
      events,
      store.put({ ...pod, spec: rebuilt.spec, status: rebuilt.status }),
    );
  }
}

/** Whether a container of the pod waits for a Secret or ConfigMap (CreateContainerConfigError). */
function waitsForConfig(pod: KubeObject): boolean {
  const statuses = ((pod.status as JsonObject | undefined)?.containerStatuses ??
    []) as JsonObject[];
  return statuses.some(
    s =>
      ((s.state as JsonObject | undefined)?.waiting as JsonObject | undefined)
        ?.reason === 'CreateContainerConfigError',
  );
}

/**
 * The kubelet retries a container it could not create: once the Secret or ConfigMap it waits
 * for exists, the pods of `ns` that waited for one are made again (`owner` finds what made them).
 */
export function retryContainerConfig(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
): void {
  for (const pod of store.list('pods', ns)) {
    if (!waitsForConfig(pod)) continue;
    const rebuilt = rebuild(store, ns, pod);
    // still waiting: nothing changed for it
    if (!rebuilt || waitsForConfig(rebuilt)) continue;
    started(
      events,
      store.put({ ...pod, spec: rebuilt.spec, status: rebuilt.status }),
    );
  }
}
