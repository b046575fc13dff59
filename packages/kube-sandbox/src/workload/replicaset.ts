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
import { isFreshState, podStateOf } from './knobs';
import { buildPod, claimNames, configErrors, podReady } from './pods';
import { isBound } from './pvc';

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

/**
 * What the kubelet's env check finds for a template's pods (none when the real cluster's state
 * label or the sandbox's annotation decides their state).
 */
function missingConfig(
  store: SandboxStore,
  ns: string,
  rs: Workload,
): Record<string, string> {
  const template = rs.spec?.template;
  if (podStateOf(template) !== 'Running' || isFreshState(template)) return {};
  return configErrors(template?.spec ?? {}, ns, {
    secret: name => store.get('secrets', ns, name) ?? undefined,
    configMap: name => store.get('configmaps', ns, name) ?? undefined,
  });
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
  const unbound = unboundClaims(store, ns, rs);
  const errors = missingConfig(store, ns, rs);
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
    const pod = store.put(
      buildPod(rs, name, { unboundClaims: unbound, configErrors: errors }),
    );
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
    const owner = (pod.metadata.ownerReferences ?? []).find(o => o.controller);
    const rs = owner && (store.get('replicasets', ns, owner.name) as Workload);
    if (!rs || unboundClaims(store, ns, rs).length) continue;
    const rebuilt = buildPod(rs, pod.metadata.name, {
      unboundClaims: [],
      configErrors: missingConfig(store, ns, rs),
    });
    started(
      events,
      store.put({ ...pod, spec: rebuilt.spec, status: rebuilt.status }),
    );
  }
}

/**
 * A Secret or ConfigMap of the namespace appeared or changed: the kubelet starts the containers
 * that were waiting for it (CreateContainerConfigError → running), as the real cluster's
 * configcheck.go does. A running container is not stopped when one goes away.
 */
export function recheckConfig(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
): void {
  for (const pod of store.list('pods', ns)) {
    const statuses = ((pod.status as JsonObject | undefined)
      ?.containerStatuses ?? []) as JsonObject[];
    const waitingForConfig = statuses.some(
      s =>
        ((s.state as JsonObject | undefined)?.waiting as JsonObject | undefined)
          ?.reason === 'CreateContainerConfigError',
    );
    if (!waitingForConfig || pod.metadata.deletionTimestamp) continue;
    const owner = (pod.metadata.ownerReferences ?? []).find(o => o.controller);
    const rs = owner && (store.get('replicasets', ns, owner.name) as Workload);
    if (!rs || podStateOf(rs.spec?.template) !== 'Running') continue;
    const rebuilt = buildPod(rs, pod.metadata.name, {
      unboundClaims: [],
      configErrors: missingConfig(store, ns, rs),
    });
    if (
      deepEqual(
        ((rebuilt.status as JsonObject).containerStatuses as JsonObject[]).map(
          s => s.state,
        ),
        statuses.map(s => s.state),
      )
    ) {
      continue;
    }
    const updated = store.put({ ...pod, status: rebuilt.status });
    recordKubelet(events, updated);
  }
}
