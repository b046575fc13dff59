import {
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/**
 * What web-core's cluster has besides Kubernetes, Argo CD and okteto, done the way those programs
 * do it, so that the chart's objects become what they become there:
 *
 * - a volume provisioner for claims of the default class (no `storageClassName`): it makes a
 *   PersistentVolume pre-bound to the claim (`claimRef`), as an external provisioner does
 *   (sig-storage-lib-external-provisioner: the PV names the claim, the persistentvolume-binder of
 *   kube-controller-manager binds them) and deletes it once Released. A claim of a class without
 *   a provisioner (e.g. okteto's `persistentVolume.storageClass: fast-ssd`) stays Pending, as the
 *   binder says (`storageclass.storage.k8s.io "fast-ssd" not found`);
 * - Traefik's status publishing: an Ingress of class `traefik` gets the load balancer's address in
 *   `status.loadBalancer.ingress` (traefik pkg/provider/kubernetes/ingress: updateIngressStatus),
 *   which Argo CD's Ingress health waits for (gitops-engine pkg/health/health_ingress.go).
 */
export interface Platform {
  /** Stops the loops. */
  close(): Promise<void>;
}

export const PROVISIONED_LABEL = 'real-cluster.okteto-dev/provisioned';
const PROVISIONER = 'okteto-dev.real-cluster/hostpath';

export interface PlatformOptions {
  /** Load balancer address Traefik publishes (default 127.0.0.1). */
  loadBalancerIp?: string;
  /** The ingress class served (default traefik). */
  ingressClass?: string;
  /** Poll interval (default 250 ms). */
  intervalMs?: number;
}

export function startPlatform(
  kc: KubeConfig,
  options: PlatformOptions = {},
): Platform {
  const {
    loadBalancerIp = '127.0.0.1',
    ingressClass = 'traefik',
    intervalMs = 250,
  } = options;
  const core = kc.makeApiClient(CoreV1Api);
  const networking = kc.makeApiClient(NetworkingV1Api);
  let stopped = false;

  const provision = async () => {
    const claims = await core.listPersistentVolumeClaimForAllNamespaces();
    const volumes = await core.listPersistentVolume({
      labelSelector: `${PROVISIONED_LABEL}=true`,
    });
    const made = new Set(volumes.items.map(v => v.spec?.claimRef?.uid));
    for (const pvc of claims.items) {
      const uid = pvc.metadata?.uid;
      if (
        !uid ||
        pvc.status?.phase !== 'Pending' ||
        pvc.spec?.storageClassName ||
        pvc.spec?.volumeName ||
        pvc.metadata?.deletionTimestamp ||
        made.has(uid)
      ) {
        continue;
      }
      await core
        .createPersistentVolume({
          body: {
            metadata: {
              name: `pvc-${uid}`,
              labels: { [PROVISIONED_LABEL]: 'true' },
              annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER },
            },
            spec: {
              capacity: {
                storage:
                  pvc.spec?.resources?.requests?.storage?.toString() ?? '1Gi',
              },
              accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
              volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
              persistentVolumeReclaimPolicy: 'Retain',
              claimRef: {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                namespace: pvc.metadata!.namespace,
                name: pvc.metadata!.name,
                uid,
              },
              hostPath: { path: `/var/lib/real-cluster/volumes/${uid}` },
            },
          },
        })
        .catch(() => undefined);
    }
    for (const pv of volumes.items) {
      if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') {
        await core
          .deletePersistentVolume({ name: pv.metadata!.name! })
          .catch(() => undefined);
      }
    }
  };

  const publish = async () => {
    const ingresses = await networking.listIngressForAllNamespaces();
    for (const ing of ingresses.items) {
      if ((ing.spec?.ingressClassName ?? '') !== ingressClass) continue;
      if (ing.status?.loadBalancer?.ingress?.length) continue;
      await networking
        .patchNamespacedIngressStatus(
          {
            name: ing.metadata!.name!,
            namespace: ing.metadata!.namespace!,
            body: {
              status: { loadBalancer: { ingress: [{ ip: loadBalancerIp }] } },
            },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        )
        .catch(() => undefined);
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await provision().catch(() => undefined);
      await publish().catch(() => undefined);
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  })();

  return {
    async close() {
      stopped = true;
      await loop;
    },
  };
}
