import type { EventRecorder } from '../events/recorder';
import { deepEqual } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { containerConfigError, storeConfigLookup } from './envConfig';
import { ownedBy, podTemplateHash, Workload } from './model';
import { recordKubelet, recordScheduling } from './podEvents';
import { buildPod, claimNames, PodContext, PodShape, podReady } from './pods';
import { podSecurityError } from './podSecurity';
import { isBound } from './pvc';

/*
 * The StatefulSet controller (kubernetes pkg/controller/statefulset): pods `<set>-<ordinal>` owned
 * by the set itself, with their identity (stateful_set_utils.go newVersionedStatefulSetPod:
 * labels `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`,
 * `controller-revision-hash`; hostname = pod name, subdomain = serviceName) and a claim per
 * volumeClaimTemplate, `<template>-<set>-<ordinal>`, created before the pod
 * (stateful_pod_control.go createPersistentVolumeClaims). OrderedReady (the default policy): pod
 * N+1 is created once pod N is Running and Ready; scale-down removes the highest ordinal first.
 * A refused creation is only an Event on the set — `FailedCreate` "create Pod <p> in StatefulSet
 * <s> failed error: …" (recordPodEvent) — no condition; the status counts the pods
 * (stateful_set_status_updater.go).
 */

const STS_CONTROLLER = { component: 'statefulset-controller' };

type Claim = { metadata?: { name?: string }; spec?: JsonObject };

function claimTemplates(set: Workload): Claim[] {
  return ((set.spec?.volumeClaimTemplates ?? []) as Claim[]).filter(
    t => t.metadata?.name,
  );
}

/** The claim of one template for one ordinal (getPersistentVolumeClaimName). */
const claimName = (template: string, set: string, ordinal: number) =>
  `${template}-${set}-${ordinal}`;

/** `<set>-<hash>`, the revision name the pods are labelled with. */
function revisionOf(set: Workload): string {
  return `${set.metadata.name}-${podTemplateHash(set.spec?.template ?? {})}`;
}

/** What the controller adds to the template for one ordinal. */
function statefulPodShape(set: Workload, ordinal: number): PodShape {
  const name = `${set.metadata.name}-${ordinal}`;
  const templateVolumes = (set.spec?.template?.spec?.volumes ??
    []) as JsonObject[];
  const claimVolumes = claimTemplates(set).map(t => ({
    name: t.metadata!.name!,
    persistentVolumeClaim: {
      claimName: claimName(t.metadata!.name!, set.metadata.name, ordinal),
    },
  }));
  const serviceName = set.spec?.serviceName as string | undefined;
  return {
    labels: {
      'controller-revision-hash': revisionOf(set),
      'statefulset.kubernetes.io/pod-name': name,
      'apps.kubernetes.io/pod-index': String(ordinal),
    },
    spec: {
      hostname: name,
      ...(serviceName ? { subdomain: serviceName } : {}),
      ...(claimVolumes.length > 0
        ? {
            volumes: [
              ...templateVolumes.filter(
                v => !claimVolumes.some(c => c.name === v.name),
              ),
              ...claimVolumes,
            ],
          }
        : {}),
    },
  };
}

/** What the scheduler and the kubelet find for a pod of this shape now. */
function statefulPodContext(
  store: SandboxStore,
  ns: string,
  shape: PodShape,
): PodContext {
  const lookup = storeConfigLookup(store, ns);
  return {
    unboundClaims: claimNames(shape.spec as JsonObject).filter(
      claim => !isBound(store.get('persistentvolumeclaims', ns, claim)),
    ),
    configError: c => containerConfigError(c, ns, lookup),
  };
}

function record(
  events: EventRecorder,
  set: Workload,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  events.record(STS_CONTROLLER, { regarding: set, type, reason, message });
}

function createClaims(
  store: SandboxStore,
  events: EventRecorder,
  set: Workload,
  ordinal: number,
): void {
  const ns = set.metadata.namespace ?? '';
  for (const t of claimTemplates(set)) {
    const name = claimName(t.metadata!.name!, set.metadata.name, ordinal);
    if (store.get('persistentvolumeclaims', ns, name)) continue;
    store.put({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: ns,
        labels: { ...set.spec?.selector?.matchLabels },
      },
      spec: { ...t.spec },
    });
    record(
      events,
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${name} Pod ${set.metadata.name}-${ordinal} in StatefulSet ${set.metadata.name} success`,
    );
  }
}

function ordinalOf(pod: KubeObject, set: string): number {
  const n = Number(pod.metadata.name.slice(set.length + 1));
  return Number.isInteger(n) ? n : -1;
}

export function reconcileStatefulSet(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
  name: string,
): void {
  const set = store.get('statefulsets', ns, name) as Workload | undefined;
  if (!set) return;
  const want = set.spec?.replicas ?? 1;
  const parallel = set.spec?.podManagementPolicy === 'Parallel';
  const owned = () =>
    store
      .list('pods', ns)
      .filter(p => ownedBy(p, set.metadata.uid))
      .sort((a, b) => ordinalOf(a, name) - ordinalOf(b, name));
  // scale down: the highest ordinal first
  for (const pod of owned().reverse()) {
    if (ordinalOf(pod, name) < want) continue;
    store.delete('pods', ns, pod.metadata.name);
    record(
      events,
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`,
    );
  }
  const nsLabels = store.get('namespaces', ns)?.metadata.labels;
  for (let ordinal = 0; ordinal < want; ordinal++) {
    const podName = `${name}-${ordinal}`;
    const existing = store.get('pods', ns, podName);
    if (existing) {
      if (!parallel && !podReady(existing)) break;
      continue;
    }
    const refused = podSecurityError(
      nsLabels,
      podName,
      set.spec?.template?.spec ?? {},
    );
    if (refused) {
      record(
        events,
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${podName} in StatefulSet ${name} failed error: ${refused}`,
      );
      break;
    }
    createClaims(store, events, set, ordinal);
    const shape = statefulPodShape(set, ordinal);
    const pod = store.put(
      buildPod(set, podName, statefulPodContext(store, ns, shape), shape),
    );
    record(
      events,
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${podName} in StatefulSet ${name} successful`,
    );
    recordScheduling(events, pod);
    recordKubelet(events, pod);
    if (!parallel && !podReady(pod)) break;
  }
  const pods = owned();
  const ready = pods.filter(podReady).length;
  const revision = revisionOf(set);
  const status: JsonObject = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: pods.length,
    readyReplicas: ready,
    currentReplicas: pods.length,
    updatedReplicas: pods.length,
    availableReplicas: ready,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  if (!deepEqual(status, set.status)) {
    const fresh = store.get('statefulsets', ns, name) as Workload;
    fresh.status = status;
    store.put(fresh);
  }
}

/** A StatefulSet's pod made again for its current surroundings (a bound claim, a new Secret). */
export function rebuildStatefulPod(
  store: SandboxStore,
  set: Workload,
  pod: KubeObject,
): KubeObject | undefined {
  const ns = set.metadata.namespace ?? '';
  const ordinal = ordinalOf(pod, set.metadata.name);
  if (ordinal < 0) return undefined;
  const shape = statefulPodShape(set, ordinal);
  const context = statefulPodContext(store, ns, shape);
  if (context.unboundClaims.length > 0) return undefined;
  return buildPod(set, pod.metadata.name, context, shape);
}
