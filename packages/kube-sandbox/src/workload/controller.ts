import { EventRecorder } from '../events/recorder';
import type { SandboxStore, StoreController, StoreEvent } from '../store';
import type { KubeObject } from '../types';
import { reconcileDeployment } from './deployment';
import { recordKilling } from './podEvents';
import { reconcilePvc } from './pvc';
import { reconcileStatefulSet } from './statefulset';
import {
  reconcileReplicaSet,
  retryContainerConfig,
  retryScheduling,
} from './replicaset';

type Item =
  | {
      kind: 'deploy' | 'rs' | 'sts' | 'pvc' | 'config';
      ns: string;
      name: string;
    }
  | { kind: 'killed'; pod: KubeObject };

export interface WorkloadControllerOptions {
  /** Events kept per namespace (default 200), oldest dropped. */
  eventsPerNamespace?: number;
}

/**
 * Deployment → ReplicaSet → Pod, StatefulSet → Pod, and PVC binding, as one controller
 * attached to the store: it queues what a change touches and works the
 * queue once the change is committed. It writes the Events the
 * controllers, the scheduler and the kubelet would (`events`).
 */
export class WorkloadController implements StoreController {
  private readonly queue: Item[] = [];
  readonly events: EventRecorder;

  constructor(
    private readonly store: SandboxStore,
    options: WorkloadControllerOptions = {},
  ) {
    this.events = new EventRecorder(store, {
      perNamespace: options.eventsPerNamespace,
    });
  }

  /** Attaches a new controller to the store; returns the detach function. */
  static attach(
    store: SandboxStore,
    options?: WorkloadControllerOptions,
  ): () => void {
    return store.attach(new WorkloadController(store, options));
  }

  observe(e: StoreEvent): void {
    const obj = e.object;
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name;
    const owner = (obj.metadata.ownerReferences ?? []).find(o => o.controller);
    switch (e.resource.kind) {
      case 'Deployment':
        this.queue.push({ kind: 'deploy', ns, name });
        break;
      case 'StatefulSet':
        this.queue.push({ kind: 'sts', ns, name });
        break;
      case 'ReplicaSet':
        this.queue.push({ kind: 'rs', ns, name });
        if (owner?.kind === 'Deployment') {
          this.queue.push({ kind: 'deploy', ns, name: owner.name });
        }
        break;
      case 'PersistentVolumeClaim':
        if (e.type !== 'DELETED') this.queue.push({ kind: 'pvc', ns, name });
        break;
      case 'Secret':
      case 'ConfigMap':
        // the kubelet retries containers that waited for one (envConfig.ts)
        if (e.type !== 'DELETED')
          this.queue.push({ kind: 'config', ns, name: '' });
        break;
      case 'Namespace':
        // Pod Security labels changed: ReplicaSets try creating again.
        if (e.type === 'DELETED') break;
        for (const rs of this.store.list('replicasets', name)) {
          this.queue.push({ kind: 'rs', ns: name, name: rs.metadata.name });
        }
        for (const set of this.store.list('statefulsets', name)) {
          this.queue.push({ kind: 'sts', ns: name, name: set.metadata.name });
        }
        break;
      case 'Pod':
        if (e.type === 'DELETED') this.queue.push({ kind: 'killed', pod: obj });
        if (owner?.kind === 'ReplicaSet') {
          this.queue.push({ kind: 'rs', ns, name: owner.name });
        }
        if (owner?.kind === 'StatefulSet') {
          this.queue.push({ kind: 'sts', ns, name: owner.name });
        }
        break;
      default:
        break;
    }
  }

  work(): boolean {
    if (!this.queue.length) return false;
    for (let steps = 0; this.queue.length && steps < 100000; steps++) {
      const item = this.queue.shift()!;
      if (item.kind === 'killed') {
        this.killed(item.pod);
        continue;
      }
      const dup = this.queue.some(
        q =>
          q.kind === item.kind &&
          'ns' in q &&
          q.ns === item.ns &&
          q.name === item.name,
      );
      if (dup) continue;
      if (item.kind === 'deploy') {
        reconcileDeployment(this.store, this.events, item.ns, item.name);
      } else if (item.kind === 'rs') {
        reconcileReplicaSet(this.store, this.events, item.ns, item.name);
      } else if (item.kind === 'sts') {
        reconcileStatefulSet(this.store, this.events, item.ns, item.name);
      } else if (item.kind === 'config') {
        retryContainerConfig(this.store, this.events, item.ns);
      } else if (reconcilePvc(this.store, this.events, item.ns, item.name)) {
        retryScheduling(this.store, this.events, item.ns, item.name);
      }
    }
    this.queue.length = 0;
    return true;
  }

  /** The kubelet stops a deleted pod (not when its namespace went with it). */
  private killed(pod: KubeObject): void {
    if (this.store.get('namespaces', pod.metadata.namespace ?? '')) {
      recordKilling(this.events, pod);
    }
  }
}
