import { nowIso } from '../bucket';
import type { EventRecorder } from '../events/recorder';
import { deepClone } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { isFreshState, podStateOf } from './knobs';
import {
  Condition,
  conditionsOf,
  ownedBy,
  ownerRef,
  podTemplateHash,
  sameIgnoringTimes,
  Workload,
  withTimes,
} from './model';

/*
 * The Deployment controller (kubernetes pkg/controller/deployment): one
 * ReplicaSet `<deploy>-<template hash>` per pod template, and the
 * Deployment's status and conditions from it (progress.go: a ReplicaSet's
 * ReplicaFailure condition is copied onto the Deployment).
 */

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

/** deployment sync.go scaleReplicaSet / getNewReplicaSet: ScalingReplicaSet. */
function scaled(
  events: EventRecorder,
  d: Workload,
  rs: string,
  from: number,
  to: number,
): void {
  if (from === to) return;
  events.record(
    { component: 'deployment-controller' },
    {
      regarding: d,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${
        to > from ? 'up' : 'down'
      } replica set ${rs} from ${from} to ${to}`,
    },
  );
}

function syncReplicaSet(
  store: SandboxStore,
  events: EventRecorder,
  d: Workload,
): Workload | undefined {
  const ns = d.metadata.namespace ?? '';
  const rsName = `${d.metadata.name}-${podTemplateHash(
    d.spec?.template ?? {},
  )}`;
  const replicas = d.spec?.replicas ?? 1;
  for (const rs of store.list('replicasets', ns)) {
    if (ownedBy(rs, d.metadata.uid) && rs.metadata.name !== rsName) {
      const old = (rs as Workload).spec?.replicas ?? 1;
      scaled(events, d, rs.metadata.name, old, 0);
      store.delete('replicasets', ns, rs.metadata.name);
    }
  }
  const existing = store.get('replicasets', ns, rsName) as Workload | undefined;
  if (!existing) {
    store.put(buildReplicaSet(d));
    scaled(events, d, rsName, 0, replicas);
  } else if (existing.spec?.replicas !== replicas) {
    scaled(events, d, rsName, existing.spec?.replicas ?? 1, replicas);
    existing.spec = { ...existing.spec, replicas };
    existing.metadata.annotations = {
      ...existing.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + 1),
    };
    store.put(existing);
  }
  return store.get('replicasets', ns, rsName) as Workload | undefined;
}

function progressing(d: Workload, rs: Workload, ready: number): Condition {
  const rsName = rs.metadata.name;
  const replicas = d.spec?.replicas ?? 1;
  const state = podStateOf(d.spec?.template);
  if (replicas > 0 && state !== 'Running' && !isFreshState(d.spec?.template)) {
    // The pod-state knob stands for "long enough ago": the deadline passed.
    return {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    };
  }
  if (ready < replicas) {
    return {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rsName}" is progressing.`,
    };
  }
  return {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicaSetAvailable',
    message: `ReplicaSet "${rsName}" has successfully progressed.`,
  };
}

function available(ok: boolean): Condition {
  return ok
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
}

export function reconcileDeployment(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
  name: string,
): void {
  const d = store.get('deployments', ns, name) as Workload | undefined;
  if (!d) return;
  const rs = syncReplicaSet(store, events, d);
  if (!rs) return;
  const rsStatus = (rs.status ?? {}) as Record<string, number>;
  const ready = rsStatus.readyReplicas ?? 0;
  const current = rsStatus.replicas ?? 0;
  const replicas = d.spec?.replicas ?? 1;
  const status: JsonObject = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: current,
    updatedReplicas: current,
    readyReplicas: ready,
    availableReplicas: ready,
  };
  const unavailable = Math.max(replicas - ready, 0);
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  const next = [available(ready >= replicas), progressing(d, rs, ready)];
  const failure = conditionsOf(rs).find(c => c.type === 'ReplicaFailure');
  if (failure) {
    const { lastTransitionTime: _t, ...copy } = failure;
    next.push(copy as Condition);
  }
  status.conditions = withTimes(next, conditionsOf(d), nowIso(), [
    'lastUpdateTime',
    'lastTransitionTime',
  ]);
  if (!sameIgnoringTimes(status, d.status)) {
    const fresh = store.get('deployments', ns, name) as Workload;
    fresh.status = status;
    store.put(fresh);
  }
}
