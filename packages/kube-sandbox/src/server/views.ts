import { findByPath, ResourceType } from '../discovery';
import { fromEventsV1, toEventsV1 } from '../events/eventsV1';
import type { KubeObject } from '../types';

/** Where a resource's objects are stored, and how they look through it. */
export interface StorageView {
  storage: ResourceType;
  /** A stored object as this resource serves it. */
  out(o: KubeObject): KubeObject;
  /** An object written through this resource, as stored. */
  in(o: KubeObject): KubeObject;
}

const same = (o: KubeObject) => o;

/**
 * events.k8s.io/v1 Events are the core/v1 Events (one storage, two
 * shapes, as in kube-apiserver); every other resource is its own storage.
 */
export function storageOf(t: ResourceType): StorageView {
  if (t.group === 'events.k8s.io' && t.kind === 'Event') {
    return {
      storage: findByPath('', 'v1', 'events')!,
      out: toEventsV1,
      in: fromEventsV1,
    };
  }
  return { storage: t, out: same, in: same };
}
