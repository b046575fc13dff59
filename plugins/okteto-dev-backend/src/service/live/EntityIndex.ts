import { Entity } from '@backstage/catalog-model';
import { DevTargetRequest } from '../fetch/fetchDevObjects';
import { ClusterPlan } from './ClusterStore';
import { ObjectChange } from './Reflector';
import { LiveKind, liveKindOf } from './resources';

/** At most this many entities are watched; more are answered in polling mode. */
export const MAX_LIVE_ENTITIES = 20_000;

/** Entities by what they read of a namespace: their workload's kind (and its Pods). */
const workloadKey = (cluster: string, namespace: string, kind: LiveKind) =>
  `${cluster}|${namespace}|${kind}`;
const keyOf = (r: DevTargetRequest) =>
  workloadKey(
    r.target.cluster,
    r.target.namespace,
    liveKindOf(r.target.workloadKind),
  );
const appKey = (cluster: string, namespace: string, name: string) =>
  `${cluster}|${namespace}|${name}`;

/** Where a request's Application lives. */
export function applicationCluster(request: DevTargetRequest): string {
  return request.target.application.cluster || request.target.cluster;
}

/** Only what the fetch reads of an entity (its annotations), so the index stays small. */
function trim(entity: Entity): Entity {
  const { name, namespace, annotations } = entity.metadata;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  };
}

function addTo(map: Map<string, Set<string>>, key: string, ref: string) {
  const set = map.get(key);
  if (set) set.add(ref);
  else map.set(key, new Set([ref]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, ref: string) {
  const set = map.get(key);
  if (set?.delete(ref) && set.size === 0) map.delete(key);
}

/**
 * The entities live mode knows (every entity whose status was asked for, and the catalog's
 * annotated entities), their resolved targets, and the way back from a changed object to the
 * entities that read it.
 */
export class EntityIndex {
  private readonly requests = new Map<string, DevTargetRequest>();
  private readonly byWorkload = new Map<string, Set<string>>();
  private readonly byApp = new Map<string, Set<string>>();

  get size(): number {
    return this.requests.size;
  }

  has(entityRef: string): boolean {
    return this.requests.has(entityRef);
  }

  get(entityRef: string): DevTargetRequest | undefined {
    return this.requests.get(entityRef);
  }

  all(): DevTargetRequest[] {
    return [...this.requests.values()];
  }

  /** Adds or updates an entity; true when what must be watched changed. */
  add(request: DevTargetRequest): boolean {
    const before = this.requests.get(request.entityRef);
    if (!before && this.requests.size >= MAX_LIVE_ENTITIES) return false;
    const { target } = request;
    const w = keyOf(request);
    const a = appKey(
      applicationCluster(request),
      target.application.namespace,
      target.application.name,
    );
    const kept = { ...request, entity: trim(request.entity) };
    delete kept.podsHint;
    this.requests.set(request.entityRef, kept);
    if (before) {
      const bw = keyOf(before);
      const ba = appKey(
        applicationCluster(before),
        before.target.application.namespace,
        before.target.application.name,
      );
      if (bw === w && ba === a) return false;
      removeFrom(this.byWorkload, bw, before.entityRef);
      removeFrom(this.byApp, ba, before.entityRef);
    }
    const grew = !this.byWorkload.has(w) || !this.byApp.has(a);
    addTo(this.byWorkload, w, request.entityRef);
    addTo(this.byApp, a, request.entityRef);
    return grew || Boolean(before);
  }

  /** Removes an entity; true when what must be watched changed. */
  remove(entityRef: string): boolean {
    const before = this.requests.get(entityRef);
    if (!before) return false;
    this.requests.delete(entityRef);
    const w = keyOf(before);
    const a = appKey(
      applicationCluster(before),
      before.target.application.namespace,
      before.target.application.name,
    );
    removeFrom(this.byWorkload, w, entityRef);
    removeFrom(this.byApp, a, entityRef);
    return !this.byWorkload.has(w) || !this.byApp.has(a);
  }

  /** The entities that read a changed object (a Pod: every entity of its namespace). */
  affected(cluster: string, change: ObjectChange): string[] {
    if (change.kind === 'applications') {
      const set = this.byApp.get(
        appKey(cluster, change.namespace, change.name),
      );
      return set ? [...set] : [];
    }
    const kinds: LiveKind[] =
      change.kind === 'pods' ? ['deployments', 'statefulsets'] : [change.kind];
    return kinds.flatMap(kind => [
      ...(this.byWorkload.get(workloadKey(cluster, change.namespace, kind)) ??
        []),
    ]);
  }

  /** The entities that read anything on a cluster (after one of its watches changed state). */
  onCluster(cluster: string): string[] {
    return this.all()
      .filter(
        r => r.target.cluster === cluster || applicationCluster(r) === cluster,
      )
      .map(r => r.entityRef);
  }

  /** What each cluster must watch. */
  plans(): Map<string, ClusterPlan> {
    const plans = new Map<string, ClusterPlan>();
    const plan = (cluster: string) => {
      let p = plans.get(cluster);
      if (!p)
        plans.set(
          cluster,
          (p = { workloads: new Map(), applications: new Map() }),
        );
      return p;
    };
    for (const key of this.byWorkload.keys()) {
      const [cluster, namespace, kind] = key.split('|') as [
        string,
        string,
        LiveKind,
      ];
      const workloads = plan(cluster).workloads;
      const kinds = workloads.get(namespace) ?? [];
      // the workload kinds first, Pods once, last
      workloads.set(namespace, [
        ...kinds.filter(k => k !== 'pods'),
        kind,
        'pods',
      ]);
    }
    for (const key of this.byApp.keys()) {
      const [cluster, namespace, name] = key.split('|');
      const apps = plan(cluster).applications;
      const names = apps.get(namespace);
      if (names) names.add(name);
      else apps.set(namespace, new Set([name]));
    }
    return plans;
  }
}
