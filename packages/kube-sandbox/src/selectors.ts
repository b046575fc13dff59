import type { ResourceType } from './discovery';
import { badRequest } from './errors';
import { EVENT_FIELD_LABELS, FieldGetter } from './events/fields';
import { EVENTS_V1_FIELD_LABELS } from './events/eventsV1';
import type { KubeObject } from './types';

export type Requirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

/**
 * Parses a label selector: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
 * Throws a 400 ApiError when malformed.
 */
export function parseLabelSelector(selector: string | undefined | null) {
  const reqs: Requirement[] = [];
  if (!selector) return reqs;
  for (const part of splitTop(selector)) {
    let m = /^!\s*([\w./-]+)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1], op: '!exists' });
      continue;
    }
    m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter(v => v.length > 0);
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values });
      continue;
    }
    m = /^([\w./-]+)\s*(==|!=|=|>|<)\s*([\w./-]*)$/.exec(part);
    if (m) {
      const [, key, op, value] = m;
      if (op === '>' || op === '<') {
        const n = Number(value);
        if (!Number.isInteger(n)) {
          throw badRequest(`invalid label selector "${selector}"`);
        }
        reqs.push({ key, op: op === '>' ? 'gt' : 'lt', value: n });
      } else {
        reqs.push({ key, op: op === '!=' ? '!=' : '=', value });
      }
      continue;
    }
    m = /^([\w./-]+)$/.exec(part);
    if (m) {
      reqs.push({ key: m[1], op: 'exists' });
      continue;
    }
    throw badRequest(
      `unable to parse requirement: found '${part}' in label selector "${selector}"`,
    );
  }
  return reqs;
}

export function matchesRequirements(
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

export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: string | undefined | null,
): boolean {
  return matchesRequirements(labels, parseLabelSelector(selector));
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

/**
 * The field labels of a type whose API server checks them (undefined: the
 * sandbox reads any path as-is).
 */
function fieldLabelsOf(
  t: ResourceType | undefined,
): Record<string, FieldGetter> | undefined {
  if (t?.kind !== 'Event') return undefined;
  if (t.group === '') return EVENT_FIELD_LABELS;
  if (t.group === 'events.k8s.io') return EVENTS_V1_FIELD_LABELS;
  return undefined;
}

/** Parses `metadata.name=x,metadata.namespace!=y,status.phase=Running`. */
export function parseFieldSelector(selector: string | undefined | null) {
  const reqs: FieldRequirement[] = [];
  if (!selector) return reqs;
  for (const part of splitTop(selector)) {
    const m = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(part);
    if (!m) {
      throw badRequest(
        `invalid selector: '${selector}'; can't understand '${part}'`,
      );
    }
    reqs.push({ path: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
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

export function matchesFieldRequirements(
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
  const labels = fieldLabelsOf(type);
  if (labels) {
    for (const r of fields) {
      r.get = labels[r.path];
      if (!r.get) throw badRequest(`field label not supported: ${r.path}`);
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
