import type { ResourceType } from './discovery';
import { EVENT_COLUMNS, eventCells, TableColumn } from './events/table';
import type { JsonObject, KubeObject } from './types';

type Column = TableColumn;
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

/** STATUS as kubectl prints it (kubectl printers printPod, simplified). */
function podReason(o: KubeObject): string {
  let reason = String(
    get(o, 'status.reason') ?? get(o, 'status.phase') ?? 'Unknown',
  );
  const inits = (get(o, 'status.initContainerStatuses') ?? []) as JsonObject[];
  const total = ((get(o, 'spec.initContainers') ?? []) as unknown[]).length;
  for (let i = 0; i < inits.length; i++) {
    const term = get(inits[i], 'state.terminated') as JsonObject | undefined;
    if (term && term.exitCode === 0) continue;
    const waiting = get(inits[i], 'state.waiting.reason') as string | undefined;
    if (term) return `Init:${term.reason ?? `ExitCode:${term.exitCode}`}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${total}`;
  }
  const statuses = (get(o, 'status.containerStatuses') ?? []) as JsonObject[];
  for (const s of [...statuses].reverse()) {
    const waiting = get(s, 'state.waiting.reason') as string | undefined;
    const term = get(s, 'state.terminated.reason') as string | undefined;
    if (waiting) reason = waiting;
    else if (term) reason = term;
  }
  return reason;
}

function podCells(o: KubeObject): Cell[] {
  const statuses = (get(o, 'status.containerStatuses') ?? []) as JsonObject[];
  const containers = ((get(o, 'spec.containers') ?? []) as unknown[]).length;
  const ready = statuses.filter(s => s.ready).length;
  const restarts = [
    ...statuses,
    ...((get(o, 'status.initContainerStatuses') ?? []) as JsonObject[]),
  ].reduce(
    (n, s) => n + (typeof s.restartCount === 'number' ? s.restartCount : 0),
    0,
  );
  return [`${ready}/${containers}`, podReason(o), restarts];
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
  PersistentVolumeClaim: {
    columns: [
      { name: 'Status', type: 'string' },
      { name: 'Volume', type: 'string' },
      { name: 'Capacity', type: 'string' },
      { name: 'Access Modes', type: 'string' },
      { name: 'StorageClass', type: 'string' },
    ],
    cells: o => {
      const bound = get(o, 'status.phase') === 'Bound';
      const modes = (get(o, 'spec.accessModes') ?? []) as string[];
      const short: Record<string, string> = {
        ReadWriteOnce: 'RWO',
        ReadOnlyMany: 'ROX',
        ReadWriteMany: 'RWX',
        ReadWriteOncePod: 'RWOP',
      };
      return [
        String(get(o, 'status.phase') ?? 'Pending'),
        bound ? `pvc-${o.metadata.uid ?? ''}` : '',
        bound ? String(get(o, 'status.capacity.storage') ?? '') : '',
        bound ? modes.map(m => short[m] ?? m).join(',') : '',
        String(
          get(o, 'spec.storageClassName') ?? (bound ? 'standard' : '<unset>'),
        ),
      ];
    },
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
function tableOf(t: ResourceType): {
  columns: Column[];
  cells(o: KubeObject): Cell[];
} {
  if (t.group === '' && t.kind === 'Event') {
    return { columns: EVENT_COLUMNS, cells: o => eventCells(o, age) };
  }
  const extra = EXTRA[t.kind];
  return {
    columns: [
      { name: 'Name', type: 'string', format: 'name' },
      ...(extra?.columns ?? []),
      { name: 'Age', type: 'string' },
    ],
    cells: o => [
      o.metadata.name,
      ...(extra ? extra.cells(o) : []),
      age(o.metadata.creationTimestamp),
    ],
  };
}

export function renderTable(
  t: ResourceType,
  items: KubeObject[],
  resourceVersion: string,
): JsonObject {
  const { columns, cells } = tableOf(t);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: items.map(o => ({
      cells: cells(o),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
