import type { EventRecorder } from '../events/recorder';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';

/*
 * A dynamic provisioner for the default storage class: a claim with no
 * storageClassName (or `standard`) becomes Bound. Any other class has no
 * provisioner here, so its claims stay Pending — like a class that does not
 * exist on the cluster: the PV controller's ProvisioningFailed Event
 * (pv_controller.go provisionClaim) says so.
 */
const PROVISIONABLE_STORAGE_CLASSES = ['standard'];

export function isBound(pvc: KubeObject | undefined): boolean {
  return (pvc?.status as JsonObject | undefined)?.phase === 'Bound';
}

/** Returns true when the claim was bound now. */
export function reconcilePvc(
  store: SandboxStore,
  events: EventRecorder,
  ns: string,
  name: string,
): boolean {
  const pvc = store.get('persistentvolumeclaims', ns, name);
  const phase = (pvc?.status as JsonObject | undefined)?.phase;
  if (!pvc || (phase !== undefined && phase !== 'Pending')) return false;
  const spec = (pvc.spec ?? {}) as JsonObject;
  const cls = spec.storageClassName as string | undefined;
  if (cls && !PROVISIONABLE_STORAGE_CLASSES.includes(cls)) {
    // the API server makes a new claim Pending (SetDefaults_PersistentVolumeClaim): the Event
    // is written once per claim here
    const told = store
      .list('events', {
        namespace: ns,
        fieldSelector: `involvedObject.uid=${pvc.metadata.uid},reason=ProvisioningFailed`,
      })
      .some(Boolean);
    if (!told) {
      const pending =
        phase === 'Pending'
          ? pvc
          : store.put({ ...pvc, status: { phase: 'Pending' } });
      events.record(
        { component: 'persistentvolume-controller' },
        {
          regarding: pending,
          type: 'Warning',
          reason: 'ProvisioningFailed',
          message: `storageclass.storage.k8s.io "${cls}" not found`,
        },
      );
    }
    return false;
  }
  const requests = (spec.resources as JsonObject | undefined)?.requests as
    | JsonObject
    | undefined;
  store.put({
    ...pvc,
    status: {
      phase: 'Bound',
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: requests?.storage ?? '1Gi' },
    },
  });
  return true;
}
