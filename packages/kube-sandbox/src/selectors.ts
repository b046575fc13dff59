import type { ResourceType } from './discovery';
import { badRequest } from './errors';
import type { FieldGetter } from './events/fields';
import { fieldLabel } from './fieldLabels';
import type { KubeObject } from './types';
import { parseLabelSelectorStrict, Requirement } from './labelSelector';

export type { Requirement };

/** Splits a field selector on commas not escaped by `\\` (fields/selector.go splitTerms). */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === '\\') {
      cur += ch;
      escaped = true;
    } else if (ch === ',') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/**
 * Parses a label selector: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
 * Throws a 400 ApiError when malformed (labelSelector.ts: as the API server parses it).
 */
function parseLabelSelector(selector: string | undefined | null) {
  return parseLabelSelectorStrict(selector);
}

function matchesRequirements(
  labels: Record<string, string> | undefined,
  reqs: Requirement[],
): boolean {
  const l = labels ?? {};
  return reqs.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case '=':
        return has && v === r.value;
      case '!=':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v);
      case 'notin':
        return !has || !r.values.includes(v);
      case 'gt':
        return has && Number(v) > r.value;
      case 'lt':
        return has && Number(v) < r.value;
      default:
        return false;
    }
  });
}

/** A `{matchLabels, matchExpressions}` selector as found in specs. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

export function selectorSpecToString(sel: LabelSelectorSpec): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of sel.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    if (e.operator === 'Exists') parts.push(e.key);
    if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
  /** How the type reads this field label (default: the path as-is). */
  get?: FieldGetter;
}

/** fields/selector.go splitTerm: the first `!=`, `==` or `=` not escaped. */
function splitTerm(term: string): [string, '=' | '!=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) {
        return [
          term.slice(0, i),
          op === '!=' ? '!=' : '=',
          term.slice(i + op.length),
        ];
      }
    }
  }
  return undefined;
}

/** fields.UnescapeValue: `\\,` `\\=` `\\\\` only. */
function unescapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '\\') {
      if (value[i] === ',' || value[i] === '=') {
        throw badRequest(
          `invalid field selector: unescaped character in value: ${value.codePointAt(
            i,
          )}`,
        );
      }
      out += value[i];
      continue;
    }
    const next = value[++i];
    if (next !== '\\' && next !== ',' && next !== '=') {
      throw badRequest(
        `invalid field selector: invalid escape sequence: \\${next ?? ''}`,
      );
    }
    out += next;
  }
  return out;
}

/** Parses `metadata.name=x,metadata.namespace!=y,status.phase=Running` (fields/selector.go). */
function parseFieldSelector(selector: string | undefined | null) {
  const reqs: FieldRequirement[] = [];
  if (!selector) return reqs;
  // sorted, as parseSelector sorts them: the first unsupported label reported is the same
  for (const part of splitTop(selector).sort()) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (!term) {
      throw badRequest(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    }
    const [path, op, raw] = term;
    reqs.push({ path, op, value: unescapeValue(raw) });
  }
  return reqs;
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

function matchesFieldRequirements(
  obj: KubeObject,
  reqs: FieldRequirement[],
): boolean {
  return reqs.every(r => {
    const v = r.get ? r.get(obj) : fieldValue(obj, r.path);
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}

/** Compiled label + field selector. */
export interface ObjectFilter {
  namespace?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
}

/**
 * Compiles the selectors of a list or watch. With the type, its field
 * labels are checked as the API server does (400 for one it does not
 * support).
 */
export function compileFilter(
  opts: {
    namespace?: string;
    labelSelector?: string | null;
    fieldSelector?: string | null;
  },
  type?: ResourceType,
): ObjectFilter {
  const fields = parseFieldSelector(opts.fieldSelector);
  if (type) {
    for (const r of fields) {
      const label = fieldLabel(type, r.path);
      if ('error' in label) throw badRequest(label.error);
      r.get = label.get;
    }
  }
  return {
    namespace: opts.namespace || undefined,
    labels: parseLabelSelector(opts.labelSelector),
    fields,
  };
}

export function matchesFilter(obj: KubeObject, f: ObjectFilter): boolean {
  if (f.namespace && obj.metadata.namespace !== f.namespace) return false;
  return (
    matchesRequirements(obj.metadata.labels, f.labels) &&
    matchesFieldRequirements(obj, f.fields)
  );
}
