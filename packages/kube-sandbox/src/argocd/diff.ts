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

/** Top-level fields that are not the object's desired state. */
const NOT_COMPARED = new Set(['apiVersion', 'kind', 'status']);

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescape);
}

export function getPointer(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const t of pointerTokens(pointer)) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

export function removePointer(obj: unknown, pointer: string): void {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  const parent = tokens.length ? getPointer(obj, `/${tokens.join('/')}`) : obj;
  if (last === undefined || !parent || typeof parent !== 'object') return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
}

export function setPointer(
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
export function isSubset(want: unknown, have: unknown): boolean {
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

/** Does the live object differ from the desired one (after ignores)? */
export function isModified(
  target: KubeObject,
  live: KubeObject,
  pointers: string[],
): boolean {
  return !isSubset(desiredPart(target, pointers), desiredPart(live, pointers));
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

function merge(base: unknown, over: unknown): unknown {
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
 * What `kubectl apply` of the desired object leaves live: its fields set,
 * fields others added kept (maps merge, lists are replaced).
 */
export function applied(
  target: KubeObject,
  live: KubeObject | undefined,
): KubeObject {
  if (!live) return deepClone(target);
  const { status: _s, ...desired } = target;
  return merge(live, desired) as KubeObject;
}
