import {
  ArgoApplicationObject,
  KubePod,
  KubeWorkload,
  Read,
  WorkloadKind,
} from '../derive/types';
import { ClusterReads } from '../fetch/fetchDevObjects';
import { ListScope } from '../kube/ClusterClient';
import { ClusterStore } from './ClusterStore';
import { LiveKind, liveKindOf } from './resources';
import { SecretPresence } from './SecretPresence';

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
    /** The opt-in Secret reads, reused for a while (nothing watches Secrets). */
    private readonly secrets?: SecretPresence,
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

  listWorkloads(
    kind: WorkloadKind,
    scope: ListScope,
  ): Promise<Read<KubeWorkload[]>> {
    return this.namespaced(liveKindOf(kind), scope, c =>
      c.listWorkloads(kind, scope),
    );
  }

  listPods(scope: ListScope): Promise<Read<KubePod[]>> {
    return this.namespaced('pods', scope, c => c.listPods(scope));
  }

  /**
   * A Secret's existence (the opt-in): nothing watches Secrets, so it is a GET by name, reused
   * for a while by {@link SecretPresence} so that views of a watched entity stay free.
   */
  secretExists(namespace: string, name: string): Promise<Read<boolean>> {
    const read = async () =>
      (await this.fallback()).secretExists(namespace, name);
    return this.secrets ? this.secrets.get(namespace, name, read) : read();
  }
}
