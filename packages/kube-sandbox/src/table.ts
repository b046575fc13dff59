import type { ResourceType } from './discovery';
import type { JsonObject, KubeObject } from './types';

type Column = { name: string; type: string; format?: string };
type Cell = string | number;

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function get(o: unknown, path: string): unknown {
  let cur = o;
  for (const seg of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function num(o: unknown, path: string): number {
  const v = get(o, path);
  return typeof v === 'number' ? v : 0;
}

function podCells(o: KubeObject): Cell[] {
  const statuses = (get(o, 'status.containerStatuses') ?? []) as JsonObject[];
  const ready = statuses.filter(s => s.ready).length;
  const waiting = statuses
    .map(s => get(s, 'state.waiting.reason'))
    .find(Boolean) as string | undefined;
  const restarts = statuses.reduce(
    (n, s) => n + (typeof s.restartCount === 'number' ? s.restartCount : 0),
    0,
  );
  return [
    `${ready}/${statuses.length}`,
    waiting ?? String(get(o, 'status.phase') ?? 'Unknown'),
    restarts,
  ];
}

const EXTRA: Record<
  string,
  { columns: Column[]; cells(o: KubeObject): Cell[] }
> = {
  Pod: {
    columns: [
      { name: 'Ready', type: 'string' },
      { name: 'Status', type: 'string' },
      { name: 'Restarts', type: 'string' },
    ],
    cells: podCells,
  },
  Deployment: {
    columns: [
      { name: 'Ready', type: 'string' },
      { name: 'Up-to-date', type: 'string' },
      { name: 'Available', type: 'string' },
    ],
    cells: o => [
      `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`,
      num(o, 'status.updatedReplicas'),
      num(o, 'status.availableReplicas'),
    ],
  },
  ReplicaSet: {
    columns: [
      { name: 'Desired', type: 'integer' },
      { name: 'Current', type: 'integer' },
      { name: 'Ready', type: 'integer' },
    ],
    cells: o => [
      num(o, 'spec.replicas'),
      num(o, 'status.replicas'),
      num(o, 'status.readyReplicas'),
    ],
  },
  Namespace: {
    columns: [{ name: 'Status', type: 'string' }],
    cells: o => [String(get(o, 'status.phase') ?? 'Active')],
  },
  Application: {
    columns: [
      { name: 'Sync Status', type: 'string' },
      { name: 'Health Status', type: 'string' },
    ],
    cells: o => [
      String(get(o, 'status.sync.status') ?? ''),
      String(get(o, 'status.health.status') ?? ''),
    ],
  },
};

/** A `meta.k8s.io/v1` Table, as `kubectl get` asks for. */
export function renderTable(
  t: ResourceType,
  items: KubeObject[],
  resourceVersion: string,
): JsonObject {
  const extra = EXTRA[t.kind];
  const columns: Column[] = [
    { name: 'Name', type: 'string', format: 'name' },
    ...(extra?.columns ?? []),
    { name: 'Age', type: 'string' },
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: 0,
    })),
    rows: items.map(o => ({
      cells: [
        o.metadata.name,
        ...(extra ? extra.cells(o) : []),
        age(o.metadata.creationTimestamp),
      ],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
