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

/** intstr.GetScaledValueFromIntOrPercent: an int, or a percentage of `total`. */
function scaledValue(
  value: unknown,
  total: number,
  roundUp: boolean,
): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value ?? ''));
  if (!m) return Number.parseInt(String(value ?? '0'), 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deployment util.ResolveFenceposts: maxSurge rounded up, maxUnavailable down, never both 0. */
function fenceposts(d: Workload, replicas: number): [number, number] {
  const rolling = ((d.spec?.strategy as JsonObject | undefined)
    ?.rollingUpdate ?? {}) as JsonObject;
  const surge = scaledValue(rolling.maxSurge ?? '25%', replicas, true);
  const unavailable = scaledValue(
    rolling.maxUnavailable ?? '25%',
    replicas,
    false,
  );
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

const specReplicas = (rs: Workload | undefined) => rs?.spec?.replicas ?? 0;
const availableOf = (rs: Workload | undefined) =>
  Number((rs?.status as JsonObject | undefined)?.availableReplicas ?? 0);

function scaleTo(
  store: SandboxStore,
  events: EventRecorder,
  d: Workload,
  rs: Workload,
  replicas: number,
): void {
  const ns = d.metadata.namespace ?? '';
  const from = specReplicas(rs);
  if (from === replicas) return;
  scaled(events, d, rs.metadata.name, from, replicas);
  const fresh = store.get('replicasets', ns, rs.metadata.name) as Workload;
  fresh.spec = { ...fresh.spec, replicas };
  fresh.metadata.annotations = {
    ...fresh.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1),
    'deployment.kubernetes.io/max-replicas': String((d.spec?.replicas ?? 1) + 1),
  };
  store.put(fresh);
}

/**
 * The rollout (kubernetes pkg/controller/deployment rolling.go and recreate.go): the new
 * ReplicaSet grows up to `maxSurge` above the desired count, an old one shrinks only as far as
 * `maxUnavailable` allows — so a new template whose pods never become available (a crash loop, a
 * refused pod) leaves the old pods serving. `Recreate` empties the old ReplicaSets first. An old
 * ReplicaSet scaled to 0 is deleted here (Kubernetes keeps `revisionHistoryLimit` of them at 0).
 */
function syncReplicaSet(
  store: SandboxStore,
  events: EventRecorder,
  d: Workload,
): { rs: Workload | undefined; all: Workload[] } {
  const ns = d.metadata.namespace ?? '';
  const rsName = `${d.metadata.name}-${podTemplateHash(
    d.spec?.template ?? {},
  )}`;
  const replicas = d.spec?.replicas ?? 1;
  const olds = store
    .list('replicasets', ns)
    .filter(
      rs => ownedBy(rs, d.metadata.uid) && rs.metadata.name !== rsName,
    ) as Workload[];
  const recreate =
    (d.spec?.strategy as JsonObject | undefined)?.type === 'Recreate';
  const [maxSurge, maxUnavailable] = fenceposts(d, replicas);
  const oldTotal = olds.reduce((n, rs) => n + specReplicas(rs), 0);
  let existing = store.get('replicasets', ns, rsName) as Workload | undefined;

  // the new ReplicaSet's size
  let target = replicas;
  if (olds.length && recreate) {
    target = olds.some(rs => Number((rs.status as JsonObject)?.replicas ?? 0))
      ? 0
      : replicas;
  } else if (olds.length) {
    const current = oldTotal + specReplicas(existing);
    const room = replicas + maxSurge - current;
    target = Math.min(specReplicas(existing) + Math.max(room, 0), replicas);
    if (specReplicas(existing) > replicas) target = replicas;
  }
  if (!existing) {
    const built = buildReplicaSet(d);
    built.spec = { ...(built.spec as JsonObject), replicas: target };
    store.put(built);
    scaled(events, d, rsName, 0, target);
    existing = store.get('replicasets', ns, rsName) as Workload;
  } else {
    scaleTo(store, events, d, existing, target);
    existing = store.get('replicasets', ns, rsName) as Workload;
  }

  // the old ones shrink
  let budget = recreate
    ? oldTotal
    : oldTotal +
      specReplicas(existing) -
      (replicas - maxUnavailable) -
      (specReplicas(existing) - availableOf(existing));
  for (const rs of olds) {
    const have = specReplicas(rs);
    // unhealthy old pods go first, whatever the budget (cleanupUnhealthyReplicas)
    const unhealthy = Math.max(have - availableOf(rs), 0);
    const down = Math.min(have, Math.max(budget, 0) + unhealthy);
    budget -= Math.max(down - unhealthy, 0);
    const left = have - down;
    if (left === 0) {
      scaled(events, d, rs.metadata.name, have, 0);
      store.delete('replicasets', ns, rs.metadata.name);
    } else {
      scaleTo(store, events, d, rs, left);
    }
  }
  const all = store
    .list('replicasets', ns)
    .filter(rs => ownedBy(rs, d.metadata.uid)) as Workload[];
  return {
    rs: store.get('replicasets', ns, rsName) as Workload | undefined,
    all,
  };
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
  const { rs, all } = syncReplicaSet(store, events, d);
  if (!rs) return;
  const sum = (k: string) =>
    all.reduce(
      (n, r) => n + Number((r.status as JsonObject | undefined)?.[k] ?? 0),
      0,
    );
  const rsStatus = (rs.status ?? {}) as Record<string, number>;
  const ready = rsStatus.readyReplicas ?? 0;
  const replicas = d.spec?.replicas ?? 1;
  // deployment sync.go calculateStatus: counts over every ReplicaSet, updated = the new one's
  const status: JsonObject = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum('replicas'),
    updatedReplicas: rsStatus.replicas ?? 0,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: sum('availableReplicas'),
  };
  const unavailable = Math.max(replicas - sum('availableReplicas'), 0);
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  const next = [
    available(sum('availableReplicas') >= replicas - fenceposts(d, replicas)[1]),
    progressing(d, rs, ready),
  ];
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
