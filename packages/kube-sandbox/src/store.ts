import { Bucket, nowIso, objectKey } from './bucket';
import {
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
  notFound,
} from './errors';
import {
  defaultUpdate,
  keepIdentity,
  prepareNew,
  sameObject,
} from './admission';
import { applyPatch, deepClone, PatchType } from './patch';
import { compileFilter, matchesFilter, ObjectFilter } from './selectors';
import type {
  ListOptions,
  StoreController,
  StoreEvent,
  StoreListener,
  StoreOptions,
  WriteOptions,
} from './storeTypes';
import type { JsonObject, KubeObject } from './types';

export type {
  ListOptions,
  StoreController,
  StoreEvent,
  StoreListener,
  StoreOptions,
  WriteOptions,
};

export { nowIso };

/** etcd's order: by the key `namespace/name`, byte by byte (not by locale). */
export function byKey(x: KubeObject, y: KubeObject): number {
  const a = objectKey(x.metadata.namespace, x.metadata.name);
  const b = objectKey(y.metadata.namespace, y.metadata.name);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * In-memory objects with a global resourceVersion counter, a bounded watch
 * history, and attached controllers (see `createStore` for the workload
 * controller) that settle synchronously after each write.
 */
export class SandboxStore {
  readonly historySize: number;
  private readonly buckets = new Map<string, Bucket>();
  private counter = 0;
  private history: StoreEvent[] = [];
  /** Where the window of kept events starts in `history`. */
  private historyStart = 0;
  private droppedUpTo = 0;
  private readonly listeners = new Set<StoreListener>();
  private readonly controllers: StoreController[] = [];
  private draining = false;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 1000;
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
    const obj = this.bucket(t).get(objectKey(ns, n));
    return obj ? deepClone(obj) : undefined;
  }

  /** Lists objects, sorted by namespace then name. */
  list(
    kind: string | ResourceType,
    options: ListOptions | string = {},
  ): KubeObject[] {
    const opts = typeof options === 'string' ? { namespace: options } : options;
    const t = this.typeOf(kind);
    return this.listFiltered(t, compileFilter(opts, t));
  }

  /** @internal */
  listFiltered(t: ResourceType, filter: ObjectFilter): KubeObject[] {
    const out: KubeObject[] = [];
    for (const obj of this.bucket(t).values(filter.namespace)) {
      if (matchesFilter(obj, filter)) out.push(deepClone(obj));
    }
    return out.sort((x, y) => byKey(x, y));
  }

  /**
   * The objects of a type as they were at resourceVersion `rv` (the current ones undone by the
   * history newer than `rv`), matching `filter`, sorted by namespace then name; undefined when
   * the history no longer reaches back to `rv` (the API server's compacted revision).
   * @internal
   */
  listAt(
    t: ResourceType,
    filter: ObjectFilter,
    rv: number,
  ): KubeObject[] | undefined {
    if (rv < this.droppedUpTo) return undefined;
    const key = typeKey(t);
    const state = new Map<string, KubeObject>();
    for (const obj of this.bucket(t).values(filter.namespace)) {
      state.set(objectKey(obj.metadata.namespace, obj.metadata.name), obj);
    }
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const e = this.history[i];
      if (e.rv <= rv) break;
      if (typeKey(e.resource) !== key) continue;
      const k = objectKey(e.object.metadata.namespace, e.object.metadata.name);
      if (e.type === 'ADDED') state.delete(k);
      else if (e.previous) state.set(k, e.previous);
    }
    return [...state.values()]
      .filter(o => matchesFilter(o, filter))
      .map(o => deepClone(o))
      .sort((x, y) => byKey(x, y));
  }

  /** The oldest resourceVersion the history still reaches (older ones are "compacted"). */
  get oldestResourceVersion(): number {
    return this.droppedUpTo;
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

  private commit(
    t: ResourceType,
    type: StoreEvent['type'],
    obj: KubeObject,
    previous?: KubeObject,
  ): KubeObject {
    this.counter += 1;
    obj.metadata.resourceVersion = String(this.counter);
    const b = this.bucket(t);
    const k = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (type === 'DELETED') b.delete(k);
    else b.set(k, obj);
    // The store never changes an object it holds in place (every write stores a new one), so
    // the event shares them: no copy per write.
    const event: StoreEvent = {
      rv: this.counter,
      type,
      resource: t,
      object: obj,
      previous,
    };
    this.history.push(event);
    // a window of historySize events: the oldest leave by moving the start (the array is
    // compacted now and then, not shifted on every write)
    if (this.history.length - this.historyStart > this.historySize) {
      this.historyStart = this.history.length - this.historySize;
      this.droppedUpTo = this.history[this.historyStart - 1].rv;
      if (this.historyStart > this.historySize) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const l of [...this.listeners]) l(event);
    for (const c of this.controllers) c.observe(event);
    return deepClone(obj);
  }

  /**
   * Upserts an object as-is (status included), no concurrency checks. Unlike
   * the API, a given `creationTimestamp` is kept (scenarios and tests use it
   * to say "created two days ago").
   */
  put(input: KubeObject): KubeObject {
    const t = this.typeForObject(input);
    const existing = this.bucket(t).get(
      objectKey(
        t.namespaced ? input.metadata.namespace : undefined,
        input.metadata.name,
      ),
    );
    if (!existing) {
      const obj = prepareNew(t, input, this.counter);
      if (input.status !== undefined) obj.status = deepClone(input.status);
      return this.drain(() => this.commit(t, 'ADDED', obj));
    }
    const obj = deepClone(input);
    keepIdentity(t, existing, obj);
    const created = input.metadata.creationTimestamp;
    if (created) obj.metadata.creationTimestamp = created;
    if (sameObject(obj, existing)) return deepClone(existing);
    return this.drain(() => this.commit(t, 'MODIFIED', obj, existing));
  }

  private requireNamespace(t: ResourceType, ns: string | undefined) {
    if (!t.namespaced) return;
    if (!ns) throw badRequest('namespace is required for namespaced kinds');
    if (!this.get('namespaces', ns)) throw notFound('namespaces', '', ns);
  }

  /** POST semantics: 409 AlreadyExists, 404 when the namespace is missing. */
  create(input: KubeObject): KubeObject {
    const t = this.typeForObject(input);
    const obj = prepareNew(
      t,
      input,
      this.counter,
      t.statusSubresource && t.kind !== 'Namespace',
    );
    this.requireNamespace(t, obj.metadata.namespace);
    const k = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (this.bucket(t).has(k)) {
      throw alreadyExists(t.plural, t.group, obj.metadata.name);
    }
    const ns = this.get('namespaces', obj.metadata.namespace ?? '');
    if (t.namespaced && ns?.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${t.plural}${t.group ? `.${t.group}` : ''} "${
          obj.metadata.name
        }" is forbidden: unable to create new content in namespace ${
          ns.metadata.name
        } because it is being terminated`,
        {
          name: obj.metadata.name,
          ...(t.group ? { group: t.group } : {}),
          kind: t.plural,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns.metadata.name} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
    return this.drain(() => this.commit(t, 'ADDED', obj));
  }

  /** PUT semantics: 404, 409 Conflict on a stale resourceVersion. */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const t = this.typeForObject(input);
    const ns = t.namespaced ? input.metadata.namespace : undefined;
    const name = input.metadata.name;
    const existing = this.bucket(t).get(objectKey(ns, name));
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
    defaultUpdate(t, obj);
    keepIdentity(t, existing, obj);
    if (sameObject(obj, existing)) return deepClone(existing);
    // an object being deleted goes once its last finalizer is removed (the etcd store's
    // Update deletes it instead of writing it: one DELETED event)
    if (
      obj.metadata.deletionTimestamp &&
      !(obj.metadata.finalizers as string[] | undefined)?.length
    ) {
      return this.drain(() => this.deleteCascade(t, obj, existing));
    }
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
    const existing = this.bucket(t).get(objectKey(ns, name));
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
    const existing = this.bucket(t).get(objectKey(ns, n));
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

  /**
   * DELETE as the API server answers it (kubernetes staging/src/k8s.io/apiserver/pkg/registry/
   * generic/registry/store.go Delete, rest/delete.go BeforeDelete):
   * - a Namespace turns Terminating (the namespace controller then deletes its content and it);
   * - a Pod on a node is deleted gracefully (deletionTimestamp + grace period, generation + 1),
   *   then the kubelet confirms at once; an unscheduled Pod goes with grace 0. Pods answer with
   *   the object (ReturnDeletedObject);
   * - an object with finalizers keeps existing with a deletionTimestamp until they are removed
   *   (the PVC protection controller removes `kubernetes.io/pvc-protection` once no Pod uses
   *   the claim);
   * - anything else goes at once, answered by a Status `Success`.
   * `gracePeriodSeconds` is the DeleteOptions' one.
   */
  deleteAsApi(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    gracePeriodSeconds?: number,
  ): JsonObject {
    const existing = this.bucket(t).get(
      objectKey(t.namespaced ? namespace : undefined, name),
    );
    if (!existing) throw notFound(t.plural, t.group, name);
    return this.drain(() => {
      const marked = deepClone(existing);
      const m = marked.metadata;
      const bumpGeneration = () => {
        if ((m.generation ?? 0) > 0) m.generation = (m.generation ?? 0) + 1;
      };
      if (t.kind === 'Namespace' && t.group === '') {
        if (m.deletionTimestamp) return deepClone(existing);
        m.deletionTimestamp = nowIso();
        marked.status = {
          ...(marked.status as JsonObject),
          phase: 'Terminating',
        };
        const shown = this.commit(t, 'MODIFIED', marked, existing);
        this.deleteCascade(t, marked, marked);
        return shown;
      }
      if (t.kind === 'Pod' && t.group === '') {
        const spec = (marked.spec ?? {}) as JsonObject;
        const status = (marked.status ?? {}) as JsonObject;
        let grace =
          gracePeriodSeconds ??
          (typeof spec.terminationGracePeriodSeconds === 'number'
            ? spec.terminationGracePeriodSeconds
            : 30);
        if (
          !spec.nodeName ||
          status.phase === 'Succeeded' ||
          status.phase === 'Failed'
        ) {
          grace = 0;
        }
        if (!m.deletionTimestamp) {
          m.deletionTimestamp = new Date(Date.now() + grace * 1000)
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z');
          m.deletionGracePeriodSeconds = grace;
          bumpGeneration();
        }
        if (grace === 0) {
          const gone = this.deleteCascade(t, marked, existing);
          this.finalizeClaims(marked.metadata.namespace);
          return gone;
        }
        const shown = this.commit(t, 'MODIFIED', marked, existing);
        // the kubelet (kwok on the real test cluster) confirms the deletion at once
        const confirmed = deepClone(marked);
        confirmed.metadata.deletionGracePeriodSeconds = 0;
        this.deleteCascade(
          t,
          confirmed,
          this.bucket(t).get(
            objectKey(confirmed.metadata.namespace, confirmed.metadata.name),
          ),
        );
        this.finalizeClaims(marked.metadata.namespace);
        return shown;
      }
      if ((m.finalizers as string[] | undefined)?.length) {
        if (!m.deletionTimestamp) {
          m.deletionTimestamp = nowIso();
          m.deletionGracePeriodSeconds = 0;
          bumpGeneration();
        }
        const shown = this.commit(t, 'MODIFIED', marked, existing);
        if (t.kind === 'PersistentVolumeClaim') {
          this.finalizeClaims(marked.metadata.namespace);
        }
        return shown;
      }
      this.deleteCascade(t, existing, existing);
      return {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: {
          name,
          ...(t.group ? { group: t.group } : {}),
          kind: t.plural,
          uid: existing.metadata.uid,
        },
      };
    });
  }

  /**
   * The PVC protection controller (kubernetes pkg/controller/volume/pvcprotection): a claim being
   * deleted loses its finalizer once no Pod of its namespace uses it, and then goes.
   */
  private finalizeClaims(namespace: string | undefined): void {
    if (!namespace) return;
    const claims = this.bucket(this.typeOf('persistentvolumeclaims'));
    const pods = [...this.bucket(this.typeOf('pods')).values(namespace)];
    for (const claim of [...claims.values(namespace)]) {
      const finalizers =
        (claim.metadata.finalizers as string[] | undefined) ?? [];
      if (
        !claim.metadata.deletionTimestamp ||
        !finalizers.includes('kubernetes.io/pvc-protection')
      ) {
        continue;
      }
      const used = pods.some(p =>
        (
          ((p.spec as JsonObject | undefined)?.volumes ?? []) as JsonObject[]
        ).some(
          v =>
            (v.persistentVolumeClaim as JsonObject | undefined)?.claimName ===
            claim.metadata.name,
        ),
      );
      if (used) continue;
      const next = deepClone(claim);
      next.metadata.finalizers = finalizers.filter(
        f => f !== 'kubernetes.io/pvc-protection',
      );
      if ((next.metadata.finalizers as string[]).length) {
        this.commit(
          this.typeOf('persistentvolumeclaims'),
          'MODIFIED',
          next,
          claim,
        );
      } else {
        delete next.metadata.finalizers;
        this.deleteCascade(this.typeOf('persistentvolumeclaims'), next, claim);
      }
    }
  }

  /**
   * Deletes an object and what depends on it: a Namespace's content first, then the Namespace
   * (the namespace controller); an owner first, then its dependents (the garbage collector's
   * background propagation).
   */
  private deleteCascade(
    t: ResourceType,
    obj: KubeObject,
    previous: KubeObject = obj,
  ): KubeObject {
    const namespace = t.kind === 'Namespace' && t.group === '';
    const uid = obj.metadata.uid;
    // dependents live in the owner's namespace (or in the deleted namespace): only those are
    // looked at, so that deleting one object does not walk the whole store
    const where = namespace ? obj.metadata.name : obj.metadata.namespace;
    const dependents = () => {
      for (const [, bucket] of this.buckets) {
        for (const dep of [...bucket.values(where)]) {
          const owned =
            namespace ||
            (dep.metadata.ownerReferences ?? []).some(o => o.uid === uid);
          if (
            !owned ||
            !bucket.has(objectKey(dep.metadata.namespace, dep.metadata.name))
          ) {
            continue;
          }
          const depType = findByApiVersionKind(dep.apiVersion, dep.kind);
          if (depType && (!namespace || depType.namespaced)) {
            this.deleteCascade(depType, dep);
          }
        }
      }
    };
    if (namespace) dependents();
    const result = this.commit(t, 'DELETED', deepClone(obj), previous);
    if (!namespace) dependents();
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
      // the watch cache's "oldest - 1": the last revision it no longer has
      throw expired(rv, this.droppedUpTo);
    }
    const out: StoreEvent[] = [];
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      if (this.history[i].rv <= rv) break;
      out.push(this.history[i]);
    }
    return out.reverse();
  }

  /**
   * Attaches a controller: it observes every change from now on and works
   * after each outermost mutation. Returns a function that detaches it.
   */
  attach(controller: StoreController): () => void {
    this.controllers.push(controller);
    return () => {
      const i = this.controllers.indexOf(controller);
      if (i >= 0) this.controllers.splice(i, 1);
    };
  }

  /** Runs the attached controllers until none has work left. */
  settle(): void {
    this.drain(() => undefined);
  }

  /** Runs a mutation, then (outermost call only) the controllers' work. */
  private drain<T>(fn: () => T): T {
    if (this.draining) return fn();
    this.draining = true;
    try {
      const result = fn();
      for (let rounds = 0; rounds < 10000; rounds++) {
        let busy = false;
        for (const c of [...this.controllers]) busy = c.work() || busy;
        if (!busy) break;
      }
      return result;
    } finally {
      this.draining = false;
    }
  }
}
