import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';

/*
 * Events as Kubernetes components write them (core/v1 Event objects):
 *
 * - `record` is client-go tools/record, the recorder of the kubelet and of
 *   kube-controller-manager: an Event `<object>.<hex time>` with `source`,
 *   `count`, `firstTimestamp`, `lastTimestamp`; the same source + object
 *   (+ fieldPath) + type + reason + message again (events_cache.go
 *   getEventKey) patches that Event: `count` + 1, `lastTimestamp` now.
 * - `recordSeries` is client-go tools/events, the events.k8s.io recorder
 *   kube-scheduler uses: `eventTime`, `action`, `reportingComponent`, no
 *   `source`/`count`/timestamps; an isomorphic Event again (same reporting
 *   controller, action, reason, object, note) gets `series {count,
 *   lastObservedTime}`.
 *
 * The API server keeps Events for an hour (--event-ttl); here each
 * namespace keeps its most recently written `perNamespace` Events, the
 * oldest is deleted when a new one would exceed it.
 */

export type EventType = 'Normal' | 'Warning';

/** What happened, to which object. */
export interface EventInput {
  /** The object it is about (its current version: uid, resourceVersion). */
  regarding: KubeObject;
  /** A part of it: `spec.containers{app}`. */
  fieldPath?: string;
  type: EventType;
  reason: string;
  message: string;
  /**
   * How often it happened so far (default 1): an Event that stands for a
   * history the sandbox does not replay (a container that restarted 7 times).
   */
  times?: number;
}

/** client-go tools/record: `source` of the recorder. */
export interface EventSource {
  component: string;
  host?: string;
}

/** client-go tools/events: the reporting controller and its instance. */
export interface EventReporter {
  controller: string;
  instance: string;
}

export interface EventRecorderOptions {
  /** Events kept per namespace (default 200); the oldest go first. */
  perNamespace?: number;
  /** Time of new observations (default: now). */
  clock?: () => Date;
}

const DEFAULT_EVENTS_PER_NAMESPACE = 200;

let sequence = 0;

/** `<name>.<hex of the time in ns>` (client-go makeEvent), unique here. */
function eventName(objectName: string, at: Date): string {
  sequence = (sequence + 1) % 1000000;
  const ns = BigInt(at.getTime()) * BigInt(1000000) + BigInt(sequence);
  return `${objectName}.${ns.toString(16)}`;
}

/** metav1.Time (seconds) and metav1.MicroTime. */
const seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (d: Date) => d.toISOString().replace(/Z$/, '000Z');

function reference(input: EventInput): JsonObject {
  const o = input.regarding;
  const ref: JsonObject = {
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    uid: o.metadata.uid,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion,
  };
  if (input.fieldPath) ref.fieldPath = input.fieldPath;
  return ref;
}

function sameRef(a: unknown, b: JsonObject): boolean {
  const x = (a ?? {}) as JsonObject;
  return ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'].every(
    k => (x[k] ?? '') === (b[k] ?? ''),
  );
}

export class EventRecorder {
  readonly perNamespace: number;
  clock: () => Date;

  constructor(
    private readonly store: SandboxStore,
    options: EventRecorderOptions = {},
  ) {
    this.perNamespace = options.perNamespace ?? DEFAULT_EVENTS_PER_NAMESPACE;
    this.clock = options.clock ?? (() => new Date());
  }

  /** client-go tools/record (kubelet, replicaset-controller, …). */
  record(source: EventSource, input: EventInput): KubeObject {
    const ns = input.regarding.metadata.namespace ?? 'default';
    const ref = reference(input);
    const now = seconds(this.clock());
    const times = input.times ?? 1;
    const previous = this.find(
      ns,
      e =>
        ((e.source ?? {}) as JsonObject).component === source.component &&
        (((e.source ?? {}) as JsonObject).host ?? '') === (source.host ?? '') &&
        sameRef(e.involvedObject, ref) &&
        e.type === input.type &&
        e.reason === input.reason &&
        e.message === input.message,
    );
    if (previous) {
      return this.store.put({
        ...previous,
        count: Number(previous.count ?? 1) + times,
        lastTimestamp: now,
        message: input.message,
      });
    }
    const at = this.clock();
    return this.create(ns, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: eventName(input.regarding.metadata.name, at),
        namespace: ns,
      },
      involvedObject: ref,
      reason: input.reason,
      message: input.message,
      source: source.host
        ? { component: source.component, host: source.host }
        : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: times,
      type: input.type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
  }

  /** client-go tools/events (kube-scheduler). */
  recordSeries(
    reporter: EventReporter,
    input: EventInput & { action: string },
  ): KubeObject {
    const ns = input.regarding.metadata.namespace ?? 'default';
    const ref = reference(input);
    const at = this.clock();
    const times = input.times ?? 1;
    const previous = this.find(
      ns,
      e =>
        e.reportingComponent === reporter.controller &&
        e.action === input.action &&
        e.reason === input.reason &&
        e.message === input.message &&
        sameRef(e.involvedObject, ref),
    );
    if (previous) {
      const series = previous.series as JsonObject | undefined;
      return this.store.put({
        ...previous,
        series: {
          count: Number(series?.count ?? 1) + times,
          lastObservedTime: micro(at),
        },
      });
    }
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: eventName(input.regarding.metadata.name, at),
        namespace: ns,
      },
      involvedObject: ref,
      reason: input.reason,
      message: input.message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: input.type,
      eventTime: micro(at),
      action: input.action,
      reportingComponent: reporter.controller,
      reportingInstance: reporter.instance,
    };
    if (times > 1) event.series = { count: times, lastObservedTime: micro(at) };
    return this.create(ns, event);
  }

  private find(
    ns: string,
    match: (e: KubeObject) => boolean,
  ): KubeObject | undefined {
    return this.store.list('events', ns).find(match);
  }

  private create(ns: string, event: KubeObject): KubeObject {
    const created = this.store.put(event);
    const all = this.store.list('events', ns);
    const excess = all.length - this.perNamespace;
    if (excess > 0) {
      const oldest = all
        .sort(
          (a, b) =>
            Number(a.metadata.resourceVersion) -
            Number(b.metadata.resourceVersion),
        )
        .slice(0, excess);
      for (const e of oldest) this.store.delete('events', ns, e.metadata.name);
    }
    return created;
  }
}
