import { deepClone, deepEqual } from '../patch';
import type { JsonObject, KubeObject } from '../types';
import type { Application, IgnoreDifference } from './model';
import { groupOf } from './tracking';

/*
 * The comparison, simplified: a live object is in sync when every field
 * the desired (Git) object sets has that value live — fields only the
 * cluster or another writer set (status, defaults, Okteto's labels and
 * annotations) do not count, as in the three-way diff against the applied
 * configuration (argo-cd controller/state.go → gitops-engine diff). Fields
 * named by the Application's ignoreDifferences jsonPointers are left out
 * of both sides. jqPathExpressions and managedFieldsManagers are not
 * modelled (they are ignored).
 */

/** Where kubectl apply keeps what it applied (client-side apply, Argo CD's default). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Top-level fields that are not the object's desired state. */
const NOT_COMPARED = new Set(['apiVersion', 'kind', 'status']);

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescape);
}

function getPointer(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const t of pointerTokens(pointer)) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

function removePointer(obj: unknown, pointer: string): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  const parent = tokens.length ? getPointer(obj, `/${tokens.join('/')}`) : obj;
  if (last === undefined || !parent || typeof parent !== 'object') return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
}

function setPointer(
  obj: unknown,
  pointer: string,
  value: unknown,
): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  let cur = obj as Record<string, unknown>;
  for (const t of tokens) {
    if (!cur[t] || typeof cur[t] !== 'object') cur[t] = {};
    cur = cur[t] as Record<string, unknown>;
  }
  if (last !== undefined) cur[last] = deepClone(value);
}

/** The jsonPointers of ignoreDifferences entries that match the object. */
export function ignoredPointers(app: Application, obj: KubeObject): string[] {
  return (app.spec.ignoreDifferences ?? [])
    .filter(
      (d: IgnoreDifference) =>
        d.kind === obj.kind &&
        (d.group ?? '') === groupOf(obj) &&
        (!d.name || d.name === obj.metadata.name) &&
        (!d.namespace || d.namespace === obj.metadata.namespace),
    )
    .flatMap(d => d.jsonPointers ?? []);
}

/** Is every field `want` sets equal in `have`? */
function isSubset(want: unknown, have: unknown): boolean {
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) &&
      want.length === have.length &&
      want.every((w, i) => isSubset(w, have[i]))
    );
  }
  if (want && typeof want === 'object') {
    if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
    const h = have as JsonObject;
    return Object.entries(want as JsonObject).every(([k, v]) =>
      isSubset(v, h[k]),
    );
  }
  return deepEqual(want, have);
}

function desiredPart(obj: KubeObject, pointers: string[]): JsonObject {
  const copy = deepClone(obj) as JsonObject;
  for (const k of Object.keys(copy)) if (NOT_COMPARED.has(k)) delete copy[k];
  const m = (copy.metadata ?? {}) as JsonObject;
  copy.metadata = { labels: m.labels ?? {}, annotations: m.annotations ?? {} };
  for (const p of pointers) removePointer(copy, p);
  return copy;
}

/** Keys the last apply set that `desired` no longer has and that are still live. */
function dropped(last: unknown, desired: unknown, live: unknown): boolean {
  if (
    !last ||
    typeof last !== 'object' ||
    Array.isArray(last) ||
    !live ||
    typeof live !== 'object' ||
    Array.isArray(live)
  ) {
    return false;
  }
  const want = (
    desired && typeof desired === 'object' && !Array.isArray(desired)
      ? desired
      : {}
  ) as JsonObject;
  const l = live as JsonObject;
  return Object.entries(last as JsonObject).some(([k, v]) =>
    !(k in want) ? k in l : dropped(v, want[k], l[k]),
  );
}

/**
 * Does the live object differ from the desired one (after ignores)? A field the desired object
 * sets with another value live, or — the three-way diff of client-side apply (gitops-engine
 * pkg/diff ThreeWayDiff with kubectl's last-applied-configuration) — a field the last apply set
 * that Git no longer has and that is still live (e.g. the tracking annotation after a switch to
 * label tracking).
 */
export function isModified(
  target: KubeObject,
  live: KubeObject,
  pointers: string[],
): boolean {
  const want = desiredPart(target, pointers);
  const have = desiredPart(live, pointers);
  if (!isSubset(want, have)) return true;
  const record = live.metadata.annotations?.[LAST_APPLIED];
  if (!record) return false;
  try {
    const last = desiredPart(JSON.parse(record) as KubeObject, pointers);
    return dropped(last, want, have);
  } catch {
    return false;
  }
}

/**
 * RespectIgnoreDifferences=true (argo-cd controller/sync.go
 * normalizeTargetResources): the ignored fields take their live values in
 * what is applied, so a sync leaves them alone.
 */
export function respectIgnored(
  target: KubeObject,
  live: KubeObject | undefined,
  pointers: string[],
): KubeObject {
  if (!live) return target;
  const out = deepClone(target);
  for (const p of pointers) {
    const v = getPointer(live, p);
    if (v === undefined) removePointer(out, p);
    else setPointer(out, p, v);
  }
  return out;
}

const named = (items: unknown[]): items is JsonObject[] =>
  items.every(
    i =>
      i &&
      typeof i === 'object' &&
      !Array.isArray(i) &&
      typeof (i as JsonObject).name === 'string',
  );

function merge(base: unknown, over: unknown): unknown {
  // a list of named items (containers, env, volumes, ports…) merges item by item, as the
  // strategic merge patch of kubectl apply does by its merge key (k8s.io/api `patchMergeKey`,
  // apimachinery pkg/util/strategicpatch): what the API server defaulted in a container stays
  if (
    Array.isArray(over) &&
    Array.isArray(base) &&
    named(over) &&
    named(base)
  ) {
    return over.map(item => {
      const live = base.find(b => b.name === item.name);
      return live ? merge(live, item) : deepClone(item);
    });
  }
  if (
    over &&
    typeof over === 'object' &&
    !Array.isArray(over) &&
    base &&
    typeof base === 'object' &&
    !Array.isArray(base)
  ) {
    const out = { ...(base as JsonObject) };
    for (const [k, v] of Object.entries(over as JsonObject)) {
      out[k] = merge(out[k], v);
    }
    return out;
  }
  return deepClone(over);
}

/**
 * Map keys the previous apply set that the new desired object no longer has: kubectl apply's
 * three-way merge deletes them live (k8s.io/kubectl pkg/cmd/apply, CreateThreeWayMergePatch
 * with the last-applied configuration). Lists are replaced whole by `merge` anyway.
 */
function removeDropped(live: unknown, last: unknown, desired: unknown): void {
  if (
    !live ||
    !last ||
    typeof live !== 'object' ||
    typeof last !== 'object' ||
    Array.isArray(live) ||
    Array.isArray(last)
  ) {
    return;
  }
  const want = (
    desired && typeof desired === 'object' && !Array.isArray(desired)
      ? desired
      : {}
  ) as JsonObject;
  const l = live as JsonObject;
  for (const [k, v] of Object.entries(last as JsonObject)) {
    if (!(k in want)) delete l[k];
    else removeDropped(l[k], v, want[k]);
  }
}

/**
 * What `kubectl apply` of the desired object leaves live: its fields set, fields others added
 * kept (maps merge, lists are replaced), fields the previous apply set and the desired object no
 * longer has removed — the previous apply is read from, and this one recorded in, the
 * last-applied-configuration annotation, as kubectl does.
 */
export function applied(
  target: KubeObject,
  live: KubeObject | undefined,
): KubeObject {
  const { status: _s, ...desired } = deepClone(target);
  const record = deepClone(desired) as KubeObject;
  if (record.metadata.annotations) {
    delete record.metadata.annotations[LAST_APPLIED];
    if (!Object.keys(record.metadata.annotations).length) {
      delete record.metadata.annotations;
    }
  }
  desired.metadata = {
    ...desired.metadata,
    annotations: {
      ...desired.metadata.annotations,
      [LAST_APPLIED]: `${JSON.stringify(record)}\n`,
    },
  };
  if (!live) return desired as KubeObject;
  const base = deepClone(live);
  const previous = live.metadata.annotations?.[LAST_APPLIED];
  if (previous) {
    try {
      removeDropped(base, JSON.parse(previous), desired);
    } catch {
      // not JSON: kubectl would fail; keep what is live
    }
  }
  return merge(base, desired) as KubeObject;
}
