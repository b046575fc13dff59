import type { AcceptKind } from './accept';

/**
 * - `refuse`: destroy the socket immediately (connection reset)
 * - `hang`: never answer (until the client gives up or the server closes)
 * - `500` / `403`: answer with a Status of that code
 * - `malformed`: 200 with a truncated, invalid JSON body
 */
export type FaultKind = 'refuse' | 'hang' | '500' | '403' | 'malformed';

export interface FaultSpec {
  /** A RegExp tested against the path, or a glob (`*` = one segment, `**` = any). */
  pattern: RegExp | string;
  fault: FaultKind | 500 | 403;
  /** Only for this HTTP method (`GET`) or Kubernetes verb (`list`, `watch`…). */
  verb?: string;
  /** Only fire this many times, then remove itself. */
  times?: number;
}

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  regex: RegExp;
  fired: number;
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') {
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else {
      re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function normalizeFault(f: FaultSpec['fault']): FaultKind {
  return typeof f === 'number' ? (String(f) as FaultKind) : f;
}

/** Runtime-adjustable fault injection by path pattern. */
export class Faults {
  private nextId = 1;
  private readonly active = new Map<number, ActiveFault>();

  /** Adds a fault; returns its id for `remove`. */
  add(spec: FaultSpec): number {
    const id = this.nextId++;
    const regex =
      typeof spec.pattern === 'string'
        ? globToRegExp(spec.pattern)
        : spec.pattern;
    this.active.set(id, { id, spec, regex, fired: 0 });
    return id;
  }

  remove(id: number): boolean {
    return this.active.delete(id);
  }

  clear(): void {
    this.active.clear();
  }

  list(): ActiveFault[] {
    return [...this.active.values()];
  }

  /** The first fault matching this request (counts a firing). */
  match(method: string, verb: string, path: string): FaultKind | undefined {
    for (const f of this.active.values()) {
      const v = f.spec.verb;
      if (v && v.toUpperCase() !== method && v !== verb) continue;
      f.regex.lastIndex = 0;
      if (!f.regex.test(path)) continue;
      f.fired++;
      if (f.spec.times !== undefined && f.fired >= f.spec.times) {
        this.active.delete(f.id);
      }
      return normalizeFault(f.spec.fault);
    }
    return undefined;
  }
}

/** One request as seen by the sandbox. */
export interface RequestRecord {
  /** HTTP method. */
  method: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete,
   * deletecollection, or `discovery` / `other`. */
  verb: string;
  path: string;
  query: Record<string, string>;
  /** What the response carried: full objects, metadata only, or a table. */
  accept: AcceptKind;
  /** Plural resource name (`secrets`), if a resource request. */
  resource?: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** HTTP status sent; 0 when the connection was refused or left hanging. */
  status: number;
  fault?: FaultKind;
  time: string;
}

/** Request counters and the structured request log. */
export class RequestCounters {
  total = 0;
  /** Keyed like `GET /apis/apps/v1/namespaces/x/deployments`. */
  readonly byKey = new Map<string, number>();
  readonly requests: RequestRecord[] = [];

  record(r: RequestRecord): void {
    this.total++;
    const key = `${r.method} ${r.path}`;
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
    this.requests.push(r);
  }

  /** Counts requests matching every given field (or a predicate). */
  count(
    filter: Partial<RequestRecord> | ((r: RequestRecord) => boolean) = {},
  ): number {
    if (typeof filter === 'function')
      return this.requests.filter(filter).length;
    return this.requests.filter(r =>
      Object.entries(filter).every(
        ([k, v]) => r[k as keyof RequestRecord] === v,
      ),
    ).length;
  }

  reset(): void {
    this.total = 0;
    this.byKey.clear();
    this.requests.length = 0;
  }
}
