import { SandboxStore, StoreOptions } from './store';
import { RootCaPublisher } from './rootCaPublisher';
import { WorkloadController } from './workload';

export interface CreateStoreOptions extends StoreOptions {
  /** Run the Deployment → ReplicaSet → Pod controller (default true). */
  controller?: boolean;
  /** Events the controller keeps per namespace (default 200), oldest dropped. */
  eventsPerNamespace?: number;
}

/** A store with the workload controller and the root CA publisher attached (unless turned off). */
export function createStore(options: CreateStoreOptions = {}): SandboxStore {
  const store = new SandboxStore({ historySize: options.historySize });
  if (options.controller !== false) {
    WorkloadController.attach(store, {
      eventsPerNamespace: options.eventsPerNamespace,
    });
    RootCaPublisher.attach(store);
  }
  return store;
}
