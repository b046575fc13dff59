import { randomUUID } from 'node:crypto';
import {
  apiVersionOf,
  findByApiVersionKind,
  resolveType,
  ResourceType,
  typeKey,
} from './discovery';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  expired,
  invalid,
  notFound,
} from './errors';
import { applyPatch, deepClone, deepEqual, PatchType } from './patch';
import { compileFilter, matchesFilter, ObjectFilter } from './selectors';
import {
  reconcileDeployment,
  reconcilePvc,
  reconcileReplicaSet,
} from './controller';
import type { KubeObject, WatchEventType } from './types';

export interface StoreOptions {
  /** How many past events are kept for watches from a resourceVersion. */
  historySize?: number;
  /** Run the tiny Deployment → ReplicaSet → Pod controller (default on). */
  controller?: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteOptions {
  /** Write through the `status` subresource. */
  subresource?: 'status';
}

/** One change, as kept in the watch history. */
export interface StoreEvent {
  rv: number;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  resource: ResourceType;
  object: KubeObject;
  /** The object before this change (MODIFIED and DELETED). */
  previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Objects of one type, keyed `ns/name`, indexed by namespace. */
class Bucket {
  private readonly byNs = new Map<string, Map<string, KubeObject>>();

  private ns(key: string): string {
    return key.slice(0, key.indexOf('/'));
  }

  get(key: string): KubeObject | undefined {
    return this.byNs.get(this.ns(key))?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, obj: KubeObject): void {
    const ns = this.ns(key);
    let m = this.byNs.get(ns);
    if (!m) {
      m = new Map();
      this.byNs.set(ns, m);
    }
    m.set(key, obj);
  }

  delete(key: string): void {
    this.byNs.get(this.ns(key))?.delete(key);
  }

  *values(namespace?: string): IterableIterator<KubeObject> {
    if (namespace !== undefined) {
      yield* this.byNs.get(namespace)?.values() ?? [];
      return;
    }
    for (const m of this.byNs.values()) yield* m.values();
  }
}

function specPart(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** Like the API server: workloads and custom resources track generation. */
function hasGeneration(t: ResourceType): boolean {
  return t.group !== '';
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  const { resourceVersion: _a, ...m1 } = a.metadata;
  const { resourceVersion: _b, ...m2 } = b.metadata;
  return (
    deepEqual(m1, m2) &&
    deepEqual(specPart(a), specPart(b)) &&
    deepEqual(a.status, b.status)
  );
}

/**
 * In-memory objects with a global resourceVersion counter, a bounded watch
 * history and a synchronous controller for Deployments/ReplicaSets/Pods.
 */
export class SandboxStore {
  readonly historySize: number;
  controllerEnabled: boolean;
  private readonly buckets = new Map<string, Bucket>();
  private counter = 0;
  private history: StoreEvent[] = [];
  private droppedUpTo = 0;
  private readonly listeners = new Set<StoreListener>();
  private readonly queue: Array<{
    kind: 'deploy' | 'rs' | 'pvc';
    ns: string;
    name: string;
  }> = [];
  private draining = false;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 1000;
    this.controllerEnabled = options.controller ?? true;
  }

  /** Current global resourceVersion (as a string, like the API server). */
  get resourceVersion(): string {
    return String(this.counter);
  }

  /** Resolves a kind / plural / short name / `plural.group` to a type. */
  typeOf(kindOrResource: string | ResourceType): ResourceType {
    return typeof kindOrResource === 'string'
      ? resolveType(kindOrResource)
      : kindOrResource;
  }

  private bucket(t: ResourceType): Bucket {
    const k = typeKey(t);
    let b = this.buckets.get(k);
    if (!b) {
      b = new Bucket();
      this.buckets.set(k, b);
    }
    return b;
  }

  private static key(ns: string | undefined, name: string): string {
    return `${ns ?? ''}/${name}`;
  }

  private args(
    kind: string | ResourceType,
    a: string | undefined,
    b: string | undefined,
  ): { t: ResourceType; ns: string | undefined; name: string } {
    const t = this.typeOf(kind);
    if (b === undefined) {
      if (t.namespaced) {
        throw new Error(
          `kube-sandbox: ${t.kind} is namespaced, pass (kind, namespace, name)`,
        );
      }
      return { t, ns: undefined, name: a ?? '' };
    }
    return { t, ns: t.namespaced ? a : undefined, name: b };
  }

  /** `get(kind, namespace, name)` or `get(kind, name)` for cluster kinds. */
  get(
    kind: string | ResourceType,
    namespaceOrName: string | undefined,
    name?: string,
  ): KubeObject | undefined {
    const { t, ns, name: n } = this.args(kind, namespaceOrName, name);
    const obj = this.bucket(t).get(SandboxStore.key(ns, n));
    return obj ? deepClone(obj) : undefined;
  }

  /** Lists objects, sorted by namespace then name. */
  list(
    kind: string | ResourceType,
    options: ListOptions | string = {},
  ): KubeObject[] {
    const opts = typeof options === 'string' ? { namespace: options } : options;
    return this.listFiltered(this.typeOf(kind), compileFilter(opts));
  }

  /** @internal */
  listFiltered(t: ResourceType, filter: ObjectFilter): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.bucket(t).values(filter.namespace)) {
      if (matchesFilter(obj, filter)) out.push(deepClone(obj));
    }
    return out.sort((x, y) =>
      SandboxStore.key(x.metadata.namespace, x.metadata.name).localeCompare(
        SandboxStore.key(y.metadata.namespace, y.metadata.name),
      ),
    );
  }

  private typeForObject(obj: KubeObject): ResourceType {
    if (!obj || typeof obj !== 'object' || !obj.metadata) {
      throw badRequest('object has no metadata');
    }
    const t = findByApiVersionKind(obj.apiVersion, obj.kind);
    if (!t) {
      throw badRequest(
        `no kind "${obj.kind}" is registered for version "${obj.apiVersion}"`,
      );
    }
    return t;
  }

  private prepareNew(t: ResourceType, input: KubeObject): KubeObject {
    const obj = deepClone(input);
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    const m = obj.metadata;
    if (!m.name && m.generateName) {
      m.name = `${m.generateName}${randomUUID().slice(0, 5)}`;
    }
    if (!m.name) throw invalid(t.kind, '', 'metadata.name: Required value');
    if (!t.namespaced) delete m.namespace;
    m.uid = m.uid ?? randomUUID();
    m.creationTimestamp = m.creationTimestamp ?? nowIso();
    if (hasGeneration(t)) m.generation = 1;
    else delete m.generation;
    if (t.kind === 'Namespace') {
      m.labels = { ...m.labels, 'kubernetes.io/metadata.name': m.name };
      obj.spec = obj.spec ?? { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
    }
    if (t.kind === 'Service') {
      const spec = (obj.spec ?? {}) as Record<string, unknown>;
      spec.type = spec.type ?? 'ClusterIP';
      if (!spec.clusterIP) {
        const n = (this.counter % 250) + 2;
        spec.clusterIP = `10.96.${Math.floor(this.counter / 250) % 250}.${n}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      obj.spec = spec;
    }
    return obj;
  }

  private commit(
    t: ResourceType,
    type: StoreEvent['type'],
    obj: KubeObject,
    previous?: KubeObject,
  ): KubeObject {
    this.counter += 1;
    obj.metadata.resourceVersion = String(this.counter);
    const b = this.bucket(t);
    const k = SandboxStore.key(obj.metadata.namespace, obj.metadata.name);
    if (type === 'DELETED') b.delete(k);
    else b.set(k, obj);
    const event: StoreEvent = {
      rv: this.counter,
      type,
      resource: t,
      object: deepClone(obj),
      previous: previous ? deepClone(previous) : undefined,
    };
    this.history.push(event);
    if (this.history.length > this.historySize) {
      const dropped = this.history.splice(
        0,
        this.history.length - this.historySize,
      );
      this.droppedUpTo = dropped[dropped.length - 1].rv;
    }
    for (const l of [...this.listeners]) l(event);
    this.enqueue(t, obj);
    return deepClone(obj);
  }

  /** Upserts an object as-is (status included), no concurrency checks. */
  put(input: KubeObject): KubeObject {
    const t = this.typeForObject(input);
    const existing = this.bucket(t).get(
      SandboxStore.key(
        t.namespaced ? input.metadata.namespace : undefined,
        input.metadata.name,
      ),
    );
    if (!existing) {
      const obj = this.prepareNew(t, input);
      if (input.status !== undefined) obj.status = deepClone(input.status);
      return this.drain(() => this.commit(t, 'ADDED', obj));
    }
    const obj = deepClone(input);
    this.keepIdentity(t, existing, obj);
    if (sameObject(obj, existing)) return deepClone(existing);
    return this.drain(() => this.commit(t, 'MODIFIED', obj, existing));
  }

  private keepIdentity(t: ResourceType, existing: KubeObject, obj: KubeObject) {
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    const m = obj.metadata;
    m.uid = existing.metadata.uid;
    m.creationTimestamp = existing.metadata.creationTimestamp;
    if (t.namespaced) m.namespace = existing.metadata.namespace;
    else delete m.namespace;
    if (!hasGeneration(t)) {
      delete m.generation;
      return;
    }
    const gen = existing.metadata.generation ?? 1;
    m.generation = deepEqual(specPart(obj), specPart(existing)) ? gen : gen + 1;
  }

  private requireNamespace(t: ResourceType, ns: string | undefined) {
    if (!t.namespaced) return;
    if (!ns) throw badRequest('namespace is required for namespaced kinds');
    if (!this.get('namespaces', ns)) throw notFound('namespaces', '', ns);
  }

  /** POST semantics: 409 AlreadyExists, 404 when the namespace is missing. */
  create(input: KubeObject): KubeObject {
    const t = this.typeForObject(input);
    const obj = this.prepareNew(t, input);
    this.requireNamespace(t, obj.metadata.namespace);
    const k = SandboxStore.key(obj.metadata.namespace, obj.metadata.name);
    if (this.bucket(t).has(k)) {
      throw alreadyExists(t.plural, t.group, obj.metadata.name);
    }
    if (t.statusSubresource && t.kind !== 'Namespace') delete obj.status;
    if (input.status !== undefined && !t.statusSubresource) {
      obj.status = deepClone(input.status);
    }
    return this.drain(() => this.commit(t, 'ADDED', obj));
  }

  /** PUT semantics: 404, 409 Conflict on a stale resourceVersion. */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const t = this.typeForObject(input);
    const ns = t.namespaced ? input.metadata.namespace : undefined;
    const name = input.metadata.name;
    const existing = this.bucket(t).get(SandboxStore.key(ns, name));
    if (!existing) throw notFound(t.plural, t.group, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) {
      throw conflict(t.plural, t.group, name);
    }
    return this.replace(t, existing, deepClone(input), opts);
  }

  private replace(
    t: ResourceType,
    existing: KubeObject,
    next: KubeObject,
    opts: WriteOptions,
  ): KubeObject {
    let obj = next;
    if (opts.subresource === 'status') {
      obj = { ...deepClone(existing), status: next.status };
    } else if (t.statusSubresource) {
      obj.status = deepClone(existing.status);
      if (obj.status === undefined) delete obj.status;
    }
    if (!obj.metadata || typeof obj.metadata !== 'object') {
      throw badRequest('object has no metadata');
    }
    if (obj.metadata.name !== existing.metadata.name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${existing.metadata.name})`,
      );
    }
    this.keepIdentity(t, existing, obj);
    if (sameObject(obj, existing)) return deepClone(existing);
    return this.drain(() => this.commit(t, 'MODIFIED', obj, existing));
  }

  /** PATCH semantics (merge, strategic merge or JSON patch). */
  patch(
    kind: string | ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'merge',
    opts: WriteOptions = {},
  ): KubeObject {
    const { t, ns } = this.args(kind, namespace, name);
    const existing = this.bucket(t).get(SandboxStore.key(ns, name));
    if (!existing) throw notFound(t.plural, t.group, name);
    const next = applyPatch(deepClone(existing), patch, type) as KubeObject;
    if (!next || typeof next !== 'object' || !next.metadata) {
      throw badRequest('patch removed the object metadata');
    }
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) {
      throw conflict(t.plural, t.group, name);
    }
    return this.replace(t, existing, next, opts);
  }

  /** Deletes an object (and, like the garbage collector, its dependents). */
  delete(
    kind: string | ResourceType,
    namespaceOrName: string | undefined,
    name?: string,
  ): KubeObject | undefined {
    const { t, ns, name: n } = this.args(kind, namespaceOrName, name);
    const existing = this.bucket(t).get(SandboxStore.key(ns, n));
    if (!existing) return undefined;
    return this.drain(() => this.deleteCascade(t, existing));
  }

  /** Like delete, but a 404 ApiError when absent. */
  deleteOrThrow(
    kind: string | ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const t = this.typeOf(kind);
    const deleted = this.delete(t, t.namespaced ? namespace : undefined, name);
    if (!deleted) throw notFound(t.plural, t.group, name);
    return deleted;
  }

  private deleteCascade(t: ResourceType, obj: KubeObject): KubeObject {
    const gone = deepClone(obj);
    gone.metadata.deletionTimestamp = nowIso();
    const result = this.commit(t, 'DELETED', gone, obj);
    const uid = obj.metadata.uid;
    for (const [, bucket] of this.buckets) {
      for (const dep of [...bucket.values()]) {
        const depType = findByApiVersionKind(dep.apiVersion, dep.kind);
        if (!depType) continue;
        const owned = (dep.metadata.ownerReferences ?? []).some(
          o => o.uid === uid,
        );
        const inNs =
          t.kind === 'Namespace' &&
          depType.namespaced &&
          dep.metadata.namespace === obj.metadata.name;
        if (
          (owned || inNs) &&
          bucket.has(
            SandboxStore.key(dep.metadata.namespace, dep.metadata.name),
          )
        ) {
          this.deleteCascade(depType, dep);
        }
      }
    }
    return result;
  }

  /** Listens to every change. Returns an unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Events newer than `rv` from the bounded history; throws a 410 Expired
   * ApiError when the history no longer reaches back that far.
   */
  eventsSince(rv: number): StoreEvent[] {
    if (rv < this.droppedUpTo) {
      throw expired(
        rv,
        this.history.length ? this.history[0].rv : this.counter,
      );
    }
    return this.history.filter(e => e.rv > rv);
  }

  private enqueue(t: ResourceType, obj: KubeObject) {
    if (!this.controllerEnabled) return;
    const ns = obj.metadata.namespace ?? '';
    const owner = (obj.metadata.ownerReferences ?? []).find(o => o.controller);
    if (t.kind === 'Deployment') {
      this.queue.push({ kind: 'deploy', ns, name: obj.metadata.name });
    } else if (t.kind === 'ReplicaSet') {
      this.queue.push({ kind: 'rs', ns, name: obj.metadata.name });
      if (owner?.kind === 'Deployment') {
        this.queue.push({ kind: 'deploy', ns, name: owner.name });
      }
    } else if (t.kind === 'PersistentVolumeClaim') {
      this.queue.push({ kind: 'pvc', ns, name: obj.metadata.name });
    } else if (t.kind === 'Pod' && owner?.kind === 'ReplicaSet') {
      this.queue.push({ kind: 'rs', ns, name: owner.name });
    }
  }

  /** Runs a mutation, then (outermost call only) the controller queue. */
  private drain<T>(fn: () => T): T {
    if (this.draining) return fn();
    this.draining = true;
    try {
      const result = fn();
      let steps = 0;
      while (this.queue.length && steps++ < 100000) {
        const item = this.queue.shift()!;
        const dup = this.queue.findIndex(
          q => q.kind === item.kind && q.ns === item.ns && q.name === item.name,
        );
        if (dup >= 0) continue;
        if (item.kind === 'deploy') {
          reconcileDeployment(this, item.ns, item.name);
        } else if (item.kind === 'rs') {
          reconcileReplicaSet(this, item.ns, item.name);
        } else {
          reconcilePvc(this, item.ns, item.name);
        }
      }
      this.queue.length = 0;
      return result;
    } finally {
      this.draining = false;
    }
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
