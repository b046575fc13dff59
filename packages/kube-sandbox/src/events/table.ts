import type { JsonObject, KubeObject } from '../types';

/*
 * `kubectl get events` columns, as the API server prints them
 * (kubernetes pkg/printers/internalversion printEvent; the server renders
 * wide, kubectl hides priority-1 columns without `-o wide`).
 */

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
}

export const EVENT_COLUMNS: TableColumn[] = [
  { name: 'Last Seen', type: 'string' },
  { name: 'Type', type: 'string' },
  { name: 'Reason', type: 'string' },
  { name: 'Object', type: 'string' },
  { name: 'Subobject', type: 'string', priority: 1 },
  { name: 'Source', type: 'string', priority: 1 },
  { name: 'Message', type: 'string' },
  { name: 'First Seen', type: 'string', priority: 1 },
  { name: 'Count', type: 'string', priority: 1 },
  { name: 'Name', type: 'string', format: 'name', priority: 1 },
];

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** formatEventSource: component (or reporting controller), instance. */
function source(o: KubeObject): string {
  const s = (o.source ?? {}) as JsonObject;
  const component = str(s.component) || str(o.reportingComponent);
  const instance = str(s.host) || str(o.reportingInstance);
  if (!component) return '<unknown>';
  return instance ? `${component}, ${instance}` : component;
}

/** The cells of one Event; `since` formats the time since a timestamp. */
export function eventCells(
  o: KubeObject,
  since: (ts: string | undefined) => string,
): Array<string | number> {
  const involved = (o.involvedObject ?? {}) as JsonObject;
  const series = o.series as JsonObject | undefined;
  const first = since(str(o.firstTimestamp) || str(o.eventTime) || undefined);
  let last = o.lastTimestamp ? since(str(o.lastTimestamp)) : first;
  let count = typeof o.count === 'number' && o.count > 0 ? o.count : 1;
  if (series) {
    last = since(str(series.lastObservedTime) || undefined);
    count = Number(series.count ?? count);
  }
  const kind = str(involved.kind).toLowerCase();
  const name = str(involved.name);
  return [
    last,
    str(o.type),
    str(o.reason),
    name ? `${kind}/${name}` : kind,
    str(involved.fieldPath),
    source(o),
    str(o.message).trim(),
    first,
    count,
    o.metadata.name,
  ];
}
