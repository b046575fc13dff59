import type { SandboxStore, StoreController, StoreEvent } from '../store';
import { reconcileDeployment } from './deployment';
import { reconcilePvc } from './pvc';
import { reconcileReplicaSet, scheduleWaitingPods } from './replicaset';

type Item = { kind: 'deploy' | 'rs' | 'pvc'; ns: string; name: string };

/**
 * Deployment → ReplicaSet → Pod, and PVC binding, as one controller
 * attached to the store: it queues what a change touches and works the
 * queue once the change is committed.
 */
export class WorkloadController implements StoreController {
  private readonly queue: Item[] = [];

  constructor(private readonly store: SandboxStore) {}

  /** Attaches a new controller to the store; returns the detach function. */
  static attach(store: SandboxStore): () => void {
    return store.attach(new WorkloadController(store));
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
      case 'ReplicaSet':
        this.queue.push({ kind: 'rs', ns, name });
        if (owner?.kind === 'Deployment') {
          this.queue.push({ kind: 'deploy', ns, name: owner.name });
        }
        break;
      case 'PersistentVolumeClaim':
        if (e.type !== 'DELETED') this.queue.push({ kind: 'pvc', ns, name });
        break;
      case 'Namespace':
        // Pod Security labels changed: ReplicaSets try creating again.
        for (const rs of this.store.list('replicasets', name)) {
          this.queue.push({ kind: 'rs', ns: name, name: rs.metadata.name });
        }
        break;
      case 'Pod':
        if (owner?.kind === 'ReplicaSet') {
          this.queue.push({ kind: 'rs', ns, name: owner.name });
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
      const dup = this.queue.some(
        q => q.kind === item.kind && q.ns === item.ns && q.name === item.name,
      );
      if (dup) continue;
      if (item.kind === 'deploy') {
        reconcileDeployment(this.store, item.ns, item.name);
      } else if (item.kind === 'rs') {
        reconcileReplicaSet(this.store, item.ns, item.name);
      } else if (reconcilePvc(this.store, item.ns, item.name)) {
        scheduleWaitingPods(this.store, item.ns, item.name);
      }
    }
    this.queue.length = 0;
    return true;
  }
}
