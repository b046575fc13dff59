import {
  ArgoApplicationObject,
  KubeDeployment,
  KubePod,
  Read,
} from '../derive/types';
import { ClusterReads } from '../fetch/fetchDevObjects';
import { ListScope } from '../kube/ClusterClient';
import { ClusterStore } from './ClusterStore';
import { LiveKind } from './resources';

/**
 * The live store of one cluster behind the reads `fetchDevObjects` makes, so the fetch and the
 * derivation stay as they are. A read the store cannot answer from memory (a namespace not
 * watched, or whose watch is not ready right now) goes to the cluster client, as in polling mode.
 * Namespaces are read one by one: in memory that costs nothing.
 */
export class LiveReader implements ClusterReads {
  readonly mayListClusterWide = false;

  constructor(
    private readonly store: ClusterStore | undefined,
    private readonly fallback: () => Promise<ClusterReads>,
  ) {}

  clusterWideListRefused(): void {
    // never asked: namespaces are read one by one
  }

  private from<T>(
    kind: LiveKind,
    namespace: string,
    read: (client: ClusterReads) => Promise<Read<T[]>>,
  ): Promise<Read<T[]>> {
    if (this.store?.coverage(kind, namespace).ok) {
      return Promise.resolve({
        ok: true,
        value: this.store.objects<T>(kind, namespace),
      });
    }
    return this.fallback().then(read);
  }

  private namespaced<T>(
    kind: LiveKind,
    scope: ListScope,
    read: (client: ClusterReads) => Promise<Read<T[]>>,
  ): Promise<Read<T[]>> {
    if (!('namespace' in scope)) return this.fallback().then(read);
    return this.from(kind, scope.namespace, read);
  }

  listApplications(
    namespace: string,
    names?: string[],
  ): Promise<Read<ArgoApplicationObject[]>> {
    return this.from<ArgoApplicationObject>('applications', namespace, c =>
      c.listApplications(namespace, names),
    ).then(read =>
      read.ok && names
        ? {
            ok: true,
            value: read.value.filter(a => names.includes(a.metadata.name)),
          }
        : read,
    );
  }

  listDeployments(scope: ListScope): Promise<Read<KubeDeployment[]>> {
    return this.namespaced('deployments', scope, c => c.listDeployments(scope));
  }

  listPods(scope: ListScope): Promise<Read<KubePod[]>> {
    return this.namespaced('pods', scope, c => c.listPods(scope));
  }

  async listSecretNames(
    scope: ListScope,
  ): Promise<Read<Array<{ metadata: { namespace: string; name: string } }>>> {
    if (
      'namespace' in scope &&
      this.store?.coverage('secrets', scope.namespace).ok
    ) {
      const { namespace } = scope;
      return {
        ok: true,
        value: this.store
          .objects<{ name: string }>('secrets', namespace)
          .map(s => ({ metadata: { namespace, name: s.name } })),
      };
    }
    return (await this.fallback()).listSecretNames(scope);
  }
}
