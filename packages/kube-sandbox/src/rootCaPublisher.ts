import type { SandboxStore, StoreController, StoreEvent } from './store';
import { generateSelfSignedCert } from './tls';

/** The ConfigMap every namespace gets (pkg/controller/certificates/rootcacertpublisher). */
const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * kube-controller-manager's root-ca-cert-publisher: a ConfigMap `kube-root-ca.crt` with the
 * cluster CA (`ca.crt`) in every namespace, created with the namespace and put back when deleted
 * (kubernetes pkg/controller/certificates/rootcacertpublisher/publisher.go).
 */
export class RootCaPublisher implements StoreController {
  private readonly pending = new Set<string>();

  constructor(
    private readonly store: SandboxStore,
    private readonly caPem: string,
  ) {}

  /** Attaches a publisher (with a CA of its own unless given); returns the detach function. */
  static attach(store: SandboxStore, caPem?: string): () => void {
    return store.attach(
      new RootCaPublisher(store, caPem ?? generateSelfSignedCert().cert),
    );
  }

  observe(e: StoreEvent): void {
    const { kind, group } = e.resource;
    if (kind === 'Namespace' && group === '' && e.type !== 'DELETED') {
      this.pending.add(e.object.metadata.name);
    }
    if (
      kind === 'ConfigMap' &&
      group === '' &&
      e.type === 'DELETED' &&
      e.object.metadata.name === ROOT_CA_CONFIGMAP
    ) {
      this.pending.add(e.object.metadata.namespace ?? '');
    }
  }

  work(): boolean {
    let did = false;
    for (const ns of [...this.pending]) {
      this.pending.delete(ns);
      const namespace = this.store.get('namespaces', ns);
      if (!namespace || namespace.metadata.deletionTimestamp) continue;
      if (this.store.get('configmaps', ns, ROOT_CA_CONFIGMAP)) continue;
      this.store.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace: ns,
          annotations: { 'kubernetes.io/description': DESCRIPTION },
        },
        data: { 'ca.crt': this.caPem },
      });
      did = true;
    }
    return did;
  }
}
