import type { ResourceType } from './discovery';
import { EVENT_COLUMNS, eventCells, TableColumn } from './events/table';
import type { JsonObject, KubeObject } from './types';

/*
 * Server-side Tables (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`)
 * with the columns and cells of kubernetes pkg/printers/internalversion/
 * printers.go (the server always prints wide: kubectl hides priority-1
 * columns without `-o wide`), and for custom resources the CRD's
 * additionalPrinterColumns (apiextensions-apiserver
 * pkg/registry/customresource/tableconvertor). Column descriptions (the
 * API's field documentation) are left empty.
 */

type Column = TableColumn;
type Cell = string | number | null;

const obj = (v: unknown): JsonObject =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
const arr = (v: unknown): JsonObject[] =>
  Array.isArray(v) ? (v as JsonObject[]).map(obj) : [];
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** k8s.io/apimachinery/pkg/util/duration HumanDuration. */
function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0
      ? `${Math.trunc(hours / 24)}d`
      : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const days = Math.trunc(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince. */
function age(ts: unknown): string {
  if (typeof ts !== 'string' || !ts) return '<unknown>';
  return humanDuration(Date.now() - Date.parse(ts));
}

const name = (o: KubeObject): Cell => o.metadata.name;

function containerCells(spec: JsonObject): [string, string] {
  const containers = arr(obj(obj(spec.template).spec).containers);
  return [
    containers.map(c => str(c.name)).join(','),
    containers.map(c => str(c.image)).join(','),
  ];
}

/** metav1.FormatLabelSelector: matchLabels, then expressions; `<none>` when empty. */
function formatSelector(sel: unknown): string {
  const s = obj(sel);
  const parts = Object.keys(obj(s.matchLabels))
    .sort()
    .map(k => `${k}=${str(obj(s.matchLabels)[k])}`);
  for (const e of arr(s.matchExpressions)) {
    const values = (Array.isArray(e.values) ? (e.values as string[]) : [])
      .slice()
      .sort()
      .join(',');
    const op = str(e.operator);
    if (op === 'In') parts.push(`${str(e.key)} in (${values})`);
    else if (op === 'NotIn') parts.push(`${str(e.key)} notin (${values})`);
    else if (op === 'Exists') parts.push(str(e.key));
    else if (op === 'DoesNotExist') parts.push(`!${str(e.key)}`);
  }
  const out = parts.join(',');
  return out || '<none>';
}

/** A terminated container's reason, else its signal or exit code. */
function terminatedReason(terminated: JsonObject): string {
  if (str(terminated.reason)) return str(terminated.reason);
  if (num(terminated.signal)) return `Signal:${num(terminated.signal)}`;
  return `ExitCode:${num(terminated.exitCode)}`;
}

/** printPod, wide. */
function podCells(o: KubeObject): Cell[] {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const initSpecs = new Map(
    arr(spec.initContainers).map(c => [str(c.name), c]),
  );
  const restartable = (n: string) =>
    str(initSpecs.get(n)?.restartPolicy) === 'Always';
  let total = arr(spec.containers).length;
  for (const c of initSpecs.values())
    if (str(c.restartPolicy) === 'Always') total++;
  let ready = 0;
  let restarts = 0;
  let restartableRestarts = 0;
  let lastRestart = 0;
  let lastRestartableRestart = 0;
  let reason = str(status.reason) || str(status.phase);
  for (const c of arr(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }
  const finishedAt = (s: JsonObject) =>
    Date.parse(str(obj(obj(s.lastState).terminated).finishedAt)) || 0;
  let initializing = false;
  const inits = arr(status.initContainerStatuses);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += num(c.restartCount);
    lastRestart = Math.max(lastRestart, finishedAt(c));
    if (restartable(str(c.name))) {
      restartableRestarts += num(c.restartCount);
      lastRestartableRestart = Math.max(lastRestartableRestart, finishedAt(c));
    }
    const terminated = obj(obj(c.state).terminated);
    const waiting = obj(obj(c.state).waiting);
    if (obj(c.state).terminated && num(terminated.exitCode) === 0) continue;
    if (restartable(str(c.name)) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (obj(c.state).terminated) {
      reason = `Init:${terminatedReason(terminated)}`;
    } else if (str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${arr(spec.initContainers).length}`;
    }
    initializing = true;
    break;
  }
  const initialized = arr(status.conditions).some(
    c => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initialized) {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    let errorReason = '';
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += num(c.restartCount);
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const state = obj(c.state);
      const waiting = obj(state.waiting);
      const terminated = obj(state.terminated);
      if (state.waiting && str(waiting.reason)) {
        reason = str(waiting.reason);
      } else if (state.terminated) {
        reason = terminatedReason(terminated);
        if (num(terminated.exitCode) !== 0) errorReason = reason;
      } else if (c.ready && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed') {
      const podReady = arr(status.conditions).some(
        c => c.type === 'Ready' && c.status === 'True',
      );
      if (hasRunning && podReady) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (o.metadata.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (o.metadata.deletionTimestamp && !terminal) {
    reason = 'Terminating';
  }
  const restartsCell =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration(Date.now() - lastRestart)} ago)`
      : String(restarts);
  const ips = arr(status.podIPs);
  const gates = arr(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length) {
    const conditions = arr(status.conditions);
    const trueOnes = gates.filter(
      g => conditions.find(c => c.type === g.conditionType)?.status === 'True',
    ).length;
    readinessGates = `${trueOnes}/${gates.length}`;
  }
  return [
    `${ready}/${total}`,
    reason,
    restartsCell,
    age(o.metadata.creationTimestamp),
    str(ips[0]?.ip) || '<none>',
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

interface Printer {
  columns: Column[];
  /** Every cell after Name (Age included where the printer has it). */
  cells(o: KubeObject): Cell[];
}

const AGE: Column = { name: 'Age', type: 'string' };
const s = (n: string, priority?: number): Column => ({
  name: n,
  type: 'string',
  ...(priority ? { priority } : {}),
});

const PRINTERS: Record<string, Printer> = {
  '/Pod': {
    columns: [
      s('Ready'),
      s('Status'),
      s('Restarts'),
      AGE,
      s('IP', 1),
      s('Node', 1),
      s('Nominated Node', 1),
      s('Readiness Gates', 1),
    ],
    cells: podCells,
  },
  'apps/Deployment': {
    columns: [
      s('Ready'),
      s('Up-to-date'),
      s('Available'),
      AGE,
      s('Containers', 1),
      s('Images', 1),
      s('Selector', 1),
    ],
    cells: o => {
      const spec = obj(o.spec);
      const status = obj(o.status);
      return [
        `${num(status.readyReplicas)}/${num(spec.replicas)}`,
        num(status.updatedReplicas),
        num(status.availableReplicas),
        age(o.metadata.creationTimestamp),
        ...containerCells(spec),
        formatSelector(spec.selector),
      ];
    },
  },
  'apps/ReplicaSet': {
    columns: [
      { name: 'Desired', type: 'integer' },
      { name: 'Current', type: 'integer' },
      { name: 'Ready', type: 'integer' },
      AGE,
      s('Containers', 1),
      s('Images', 1),
      s('Selector', 1),
    ],
    cells: o => {
      const spec = obj(o.spec);
      const status = obj(o.status);
      return [
        num(spec.replicas),
        num(status.replicas),
        num(status.readyReplicas),
        age(o.metadata.creationTimestamp),
        ...containerCells(spec),
        formatSelector(spec.selector),
      ];
    },
  },
  'apps/StatefulSet': {
    columns: [s('Ready'), AGE, s('Containers', 1), s('Images', 1)],
    cells: o => {
      const spec = obj(o.spec);
      return [
        `${num(obj(o.status).readyReplicas)}/${num(spec.replicas)}`,
        age(o.metadata.creationTimestamp),
        ...containerCells(spec),
      ];
    },
  },
  '/Service': {
    columns: [
      s('Type'),
      s('Cluster-IP'),
      s('External-IP'),
      s('Port(s)'),
      AGE,
      s('Selector', 1),
    ],
    cells: o => {
      const spec = obj(o.spec);
      const type = str(spec.type);
      const ips = Array.isArray(spec.clusterIPs)
        ? (spec.clusterIPs as string[])
        : [];
      const external = Array.isArray(spec.externalIPs)
        ? (spec.externalIPs as string[])
        : [];
      let externalIp = external.length ? external.join(',') : '<none>';
      if (type === 'LoadBalancer') {
        const ingress = arr(obj(obj(o.status).loadBalancer).ingress)
          .map(i => str(i.ip) || str(i.hostname))
          .filter(Boolean);
        const all = [...ingress, ...external];
        externalIp = all.length ? all.join(',') : '<pending>';
      } else if (type === 'ExternalName') {
        externalIp = str(spec.externalName);
      }
      const ports = arr(spec.ports)
        .map(p =>
          num(p.nodePort) > 0
            ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}`
            : `${num(p.port)}/${str(p.protocol)}`,
        )
        .join(',');
      const selector = Object.keys(obj(spec.selector))
        .sort()
        .map(k => `${k}=${str(obj(spec.selector)[k])}`)
        .join(',');
      return [
        type,
        ips[0] ?? '<none>',
        externalIp,
        ports || '<none>',
        age(o.metadata.creationTimestamp),
        selector || '<none>',
      ];
    },
  },
  '/PersistentVolumeClaim': {
    columns: [
      s('Status'),
      s('Volume'),
      s('Capacity'),
      s('Access Modes'),
      s('StorageClass'),
      s('VolumeAttributesClass'),
      AGE,
      s('VolumeMode', 1),
    ],
    cells: o => {
      const spec = obj(o.spec);
      const status = obj(o.status);
      const volume = str(spec.volumeName);
      const bound = volume !== '';
      return [
        o.metadata.deletionTimestamp ? 'Terminating' : str(status.phase),
        volume,
        bound ? str(obj(status.capacity).storage) : '',
        bound
          ? (Array.isArray(status.accessModes)
              ? (status.accessModes as string[])
              : []
            )
              .map(m => ACCESS_MODES[m] ?? m)
              .join(',')
          : '',
        str(spec.storageClassName),
        str(spec.volumeAttributesClassName) || '<unset>',
        age(o.metadata.creationTimestamp),
        str(spec.volumeMode) || '<unset>',
      ];
    },
  },
  '/Namespace': {
    columns: [s('Status'), AGE],
    cells: o => [str(obj(o.status).phase), age(o.metadata.creationTimestamp)],
  },
  '/Secret': {
    columns: [s('Type'), s('Data'), AGE],
    cells: o => [
      str(o.type),
      Object.keys(obj(o.data)).length,
      age(o.metadata.creationTimestamp),
    ],
  },
  '/ConfigMap': {
    columns: [s('Data'), AGE],
    cells: o => [
      Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length,
      age(o.metadata.creationTimestamp),
    ],
  },
  // Argo CD's CRD columns (manifests/crds/application-crd.yaml); no Age
  'argoproj.io/Application': {
    columns: [
      s('Sync Status'),
      s('Health Status'),
      s('Revision', 10),
      s('Project', 10),
    ],
    cells: o => {
      const at = (v: unknown) => (typeof v === 'string' ? v : null);
      const status = obj(o.status);
      return [
        at(obj(status.sync).status),
        at(obj(status.health).status),
        at(obj(status.sync).revision),
        at(obj(o.spec).project),
      ];
    },
  },
};

/** Columns and cells of a type: its printer, or (custom resources without columns) Name + Age. */
function tableOf(t: ResourceType): Printer {
  if (t.group === '' && t.kind === 'Event') {
    return { columns: EVENT_COLUMNS, cells: o => eventCells(o, age) };
  }
  const printer = PRINTERS[`${t.group}/${t.kind}`];
  const columns: Column[] = [
    { name: 'Name', type: 'string', format: 'name' },
    ...(printer?.columns ?? [
      t.group === 'argoproj.io' ? { name: 'Age', type: 'date' } : AGE,
    ]),
  ];
  return {
    columns,
    // a custom resource's default Age column is of type date, printed as an age
    // (tableconvertor.go cellForJSONValue, ConvertToHumanReadableDateType)
    cells: o => [
      name(o),
      ...(printer ? printer.cells(o) : [age(o.metadata.creationTimestamp)]),
    ],
  };
}

/** A Table (`meta.k8s.io/v1`, or `v1beta1` when asked for). */
export function renderTable(
  t: ResourceType,
  items: KubeObject[],
  resourceVersion: string,
  version: 'v1' | 'v1beta1' = 'v1',
  listMeta: JsonObject = {},
): JsonObject {
  const { columns, cells } = tableOf(t);
  const apiVersion = `meta.k8s.io/${version}`;
  return {
    kind: 'Table',
    apiVersion,
    metadata: { resourceVersion, ...listMeta },
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
        apiVersion,
        metadata: o.metadata,
      },
    })),
  };
}
