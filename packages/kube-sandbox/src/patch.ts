import { ApiError, badRequest } from './errors';

export type PatchType = 'merge' | 'strategic' | 'json';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined);
    const kb = Object.keys(b).filter(k => b[k] !== undefined);
    return ka.length === kb.length && ka.every(k => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Maps a request Content-Type onto a patch type (415 otherwise). */
export function patchTypeFromContentType(contentType: string): PatchType {
  const ct = contentType.split(';')[0].trim().toLowerCase();
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/json-patch+json') return 'json';
  // what kube-apiserver answers for a patch type it does not serve (the sandbox has no
  // server-side apply: application/apply-patch+yaml gets this too)
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    '415: Unsupported Media Type',
    {},
  );
}

/**
 * A JSON patch that cannot be applied: the API server's generic 422 (handlers/patch.go
 * applyJSPatch → errors.NewGenericServerResponse), without the library's reason.
 */
function rejected(): ApiError {
  return new ApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepClone(patch);
  const result: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

const MERGE_KEYS = [
  'containerPort',
  'port',
  'name',
  'mountPath',
  'devicePath',
  'type',
  'ip',
];

function listMergeKey(patch: unknown[]): string | undefined {
  if (!patch.length || !patch.every(isObject)) return undefined;
  return MERGE_KEYS.find(k => (patch as Obj[]).every(p => k in p));
}

/**
 * A list with a merge key, as strategicpatch.mergeSlice merges it (k8s.io/apimachinery/pkg/util/
 * strategicpatch/patch.go): `$patch: delete` items go, `$patch: replace` replaces the list, the
 * others merge into the item with the same key or are added; then the order: the patch's items
 * in patch order, the server's other items placed among them by their order in the live list
 * (normalizeElementOrder, mergeSortedSlice).
 */
function mergeList(base: unknown[], patch: unknown[]): unknown[] {
  const key = listMergeKey(patch);
  if (!key || !base.every(isObject)) {
    return patch
      .filter(p => !(isObject(p) && p.$patch === 'delete'))
      .map(p => strategicMerge(undefined, p));
  }
  const same = (a: Obj, b: Obj) => deepEqual(a[key], b[key]);
  let original = [...(base as Obj[])];
  const plain: Obj[] = [];
  let replace = false;
  for (const item of patch as Obj[]) {
    if (item.$patch === 'delete')
      original = original.filter(o => !same(o, item));
    else if (item.$patch === 'replace') replace = true;
    else plain.push(item);
  }
  if (replace) return plain.map(p => strategicMerge(undefined, p));
  const merged = [...original];
  for (const item of plain) {
    const idx = merged.findIndex(m => same(m, item));
    if (idx >= 0) merged[idx] = strategicMerge(merged[idx], item) as Obj;
    else merged.push(strategicMerge(undefined, item) as Obj);
  }
  const indexIn = (list: Obj[], o: Obj) => list.findIndex(x => same(x, o));
  const patchItems = merged
    .filter(m => indexIn(plain, m) >= 0)
    .sort((a, b) => indexIn(plain, a) - indexIn(plain, b));
  const serverOnly = merged.filter(m => indexIn(plain, m) < 0);
  const out: Obj[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patchItems[j++]);
    else {
      const li = indexIn(original, serverOnly[i]);
      const ri = indexIn(original, patchItems[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/**
 * A practical strategic merge patch: merge patch semantics, lists of
 * objects merged by their usual merge key (`name`, `containerPort`, …),
 * and the `$patch`/`$setElementOrder`/`$retainKeys`/
 * `$deleteFromPrimitiveList` directives understood or dropped.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return patch.map(p => strategicMerge(undefined, p));
  if (!isObject(patch)) return deepClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return strategicMerge(undefined, rest);
  }
  const result: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = result[field];
      if (Array.isArray(cur) && Array.isArray(v)) {
        result[field] = cur.filter(x => !v.some(d => deepEqual(d, x)));
      }
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete result[k];
    } else if (isObject(v) && v.$patch === 'delete') {
      delete result[k];
    } else if (Array.isArray(v) && Array.isArray(result[k])) {
      result[k] = mergeList(result[k] as unknown[], v);
    } else {
      result[k] = strategicMerge(result[k], v);
    }
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const k of Object.keys(result)) {
      if (!retain.includes(k)) delete result[k];
    }
  }
  return result;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw badRequest(`invalid JSON pointer "${pointer}"`);
  }
  return pointer.slice(1).split('/').map(unescapePointer);
}

function getAt(doc: unknown, path: string[]): unknown {
  let cur = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function arrayIndex(arr: unknown[], seg: string, forAdd: boolean): number {
  if (forAdd && seg === '-') return arr.length;
  const n = Number(seg);
  const max = forAdd ? arr.length : arr.length - 1;
  if (!/^\d+$/.test(seg) || n > max) {
    throw rejected();
  }
  return n;
}

function missing(_pointer: string): ApiError {
  return rejected();
}

/** Applies one mutation in place on the parent container; returns doc. */
function mutate(
  doc: unknown,
  pointer: string,
  op: 'add' | 'remove' | 'replace',
  value?: unknown,
): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) return op === 'remove' ? undefined : deepClone(value);
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, op === 'add');
    if (op === 'add') parent.splice(i, 0, deepClone(value));
    else if (op === 'remove') parent.splice(i, 1);
    else parent[i] = deepClone(value);
  } else if (isObject(parent)) {
    if (op !== 'add' && !(last in parent)) throw missing(pointer);
    if (op === 'remove') delete parent[last];
    else parent[last] = deepClone(value);
  } else {
    throw missing(pointer);
  }
  return doc;
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw badRequest('json patch must be an array of operations');
  }
  let doc = deepClone(target);
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string') {
      throw badRequest(`invalid json patch operation: ${JSON.stringify(raw)}`);
    }
    const path = String(raw.path ?? '');
    switch (raw.op) {
      case 'add':
      case 'replace':
        doc = mutate(doc, path, raw.op, raw.value);
        break;
      case 'remove':
        doc = mutate(doc, path, 'remove');
        break;
      case 'test': {
        const actual = getAt(doc, parsePointer(path));
        if (!deepEqual(actual, raw.value)) {
          throw rejected();
        }
        break;
      }
      case 'move':
      case 'copy': {
        const from = String(raw.from ?? '');
        const fromPath = parsePointer(from);
        const value = getAt(doc, fromPath);
        if (value === undefined) throw missing(from);
        if (raw.op === 'move') doc = mutate(doc, from, 'remove');
        doc = mutate(doc, path, 'add', value);
        break;
      }
      default:
        throw badRequest(`unknown json patch operation "${raw.op}"`);
    }
  }
  return doc;
}

export function applyPatch(
  target: unknown,
  patch: unknown,
  type: PatchType,
): unknown {
  if (type === 'json') return jsonPatch(target, patch);
  if (!isObject(patch)) throw badRequest('patch body must be a JSON object');
  return type === 'merge'
    ? mergePatch(target, patch)
    : strategicMerge(target, patch);
}
