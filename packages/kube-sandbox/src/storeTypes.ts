import type { ResourceType } from './discovery';
import type { KubeObject, WatchEventType } from './types';

export interface StoreOptions {
  /** How many past events are kept for watches from a resourceVersion. */
  historySize?: number;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteOptions {
  /** Write through the `status` subresource. */
  subresource?: 'status';
}

/** One change, as kept in the watch history. */
export interface StoreEvent {
  rv: number;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  resource: ResourceType;
  object: KubeObject;
  /** The object before this change (MODIFIED and DELETED). */
  previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * A controller attached to the store (the Deployment → ReplicaSet → Pod
 * simulation, the Argo CD simulation). It sees every change and does its
 * work once the mutation that caused it is complete, like a controller
 * working off an informer's queue — synchronously, so a caller sees the
 * settled state when its write returns.
 */
export interface StoreController {
  /** Sees each committed change; queue work here, do not write. */
  observe(event: StoreEvent): void;
  /** Runs queued work (may write). Returns true when it did something. */
  work(): boolean;
}
