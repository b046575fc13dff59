import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  VersionApi,
} from '@kubernetes/client-node';
import type {
  ConfigurationOptions,
  ObservableMiddleware,
} from '@kubernetes/client-node';
import { OktetoDevCluster } from '@okteto-dev/plugin-okteto-dev-node';
import { Read } from '../derive/types';
import {
  ArgoApplicationObject,
  KubeDeployment,
  KubeEvent,
  KubePod,
} from '../derive/types';
import { toDevError } from './errors';

/** Secrets are only ever read this way: names and labels, never data. */
export const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** How long to go per namespace after a refused cluster-wide LIST before trying again. */
const CLUSTER_WIDE_RETRY_MS = 5 * 60_000;

/** Where a LIST looks: one namespace, or every namespace the credentials may read. */
export type ListScope = { namespace: string } | { allNamespaces: true };

export function kubeConfigFor(cluster: OktetoDevCluster): KubeConfig {
  const kc = new KubeConfig();
  if (cluster.authProvider === 'inCluster') {
    kc.loadFromCluster();
  } else if (cluster.authProvider === 'kubeconfig') {
    if (cluster.kubeconfigPath) kc.loadFromFile(cluster.kubeconfigPath);
    else kc.loadFromDefault();
    if (cluster.context) kc.setCurrentContext(cluster.context);
  } else {
    if (!cluster.url) {
      throw new Error(`Cluster '${cluster.name}' has no url`);
    }
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          caFile: cluster.caFile,
          // client-node refuses plain HTTP unless TLS checks are off; there is no TLS to check then.
          skipTLSVerify:
            cluster.skipTLSVerify ?? cluster.url.startsWith('http://'),
        },
      ],
      users: [{ name: 'okteto-dev', token: cluster.serviceAccountToken }],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: 'okteto-dev' },
      ],
      currentContext: cluster.name,
    });
  }
  return kc;
}

/**
 * The read-only I/O shell for one cluster. Every method answers a `Read`: a value, or the error
 * as data. Nothing here writes to the cluster.
 */
export class ClusterClient {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly versionApi: VersionApi;
  private clusterWideRefusedUntil = 0;

  constructor(
    readonly name: string,
    kc: KubeConfig,
    private readonly timeoutMs: number,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.versionApi = kc.makeApiClient(VersionApi);
  }

  /**
   * False for a while after the cluster refused a LIST across all namespaces (namespaced Roles
   * only), so that reads go per namespace without asking again every time.
   */
  get mayListClusterWide(): boolean {
    return Date.now() >= this.clusterWideRefusedUntil;
  }

  clusterWideListRefused(): void {
    this.clusterWideRefusedUntil = Date.now() + CLUSTER_WIDE_RETRY_MS;
  }

  private options(accept?: string) {
    const timeoutMs = this.timeoutMs;
    const middleware: ObservableMiddleware = {
      pre: context => {
        context.setSignal(AbortSignal.timeout(timeoutMs));
        if (accept) context.setHeaderParam('Accept', accept);
        return new Observable(Promise.resolve(context));
      },
      post: response => new Observable(Promise.resolve(response)),
    };
    const options: ConfigurationOptions = {
      middleware: [middleware],
      middlewareMergeStrategy: 'append',
    };
    return options;
  }

  private async read<T>(
    resource: string,
    call: () => Promise<T>,
  ): Promise<Read<T>> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      return { ok: false, error: toDevError(error, resource, this.name) };
    }
  }

  listApplications(
    namespace: string,
    names?: string[],
  ): Promise<Read<ArgoApplicationObject[]>> {
    const fieldSelector =
      names && names.length === 1 ? `metadata.name=${names[0]}` : undefined;
    return this.read(`applications.argoproj.io in ${namespace}`, async () => {
      const list = (await this.custom.listNamespacedCustomObject(
        {
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'applications',
          namespace,
          fieldSelector,
        },
        this.options(),
      )) as { items?: ArgoApplicationObject[] };
      const items = list.items ?? [];
      return names ? items.filter(a => names.includes(a.metadata.name)) : items;
    });
  }

  listDeployments(scope: ListScope): Promise<Read<KubeDeployment[]>> {
    return this.read(`deployments ${describe(scope)}`, async () => {
      const list =
        'namespace' in scope
          ? await this.apps.listNamespacedDeployment(
              { namespace: scope.namespace },
              this.options(),
            )
          : await this.apps.listDeploymentForAllNamespaces({}, this.options());
      return list.items as unknown as KubeDeployment[];
    });
  }

  listPods(scope: ListScope): Promise<Read<KubePod[]>> {
    return this.read(`pods ${describe(scope)}`, async () => {
      const list =
        'namespace' in scope
          ? await this.core.listNamespacedPod(
              { namespace: scope.namespace },
              this.options(),
            )
          : await this.core.listPodForAllNamespaces({}, this.options());
      return list.items as unknown as KubePod[];
    });
  }

  /**
   * Secret names only, through a metadata-only LIST: Secret data never reaches Backstage. A
   * metadata-only answer still carries annotations (a client-side-applied Secret keeps its whole
   * data in `kubectl.kubernetes.io/last-applied-configuration`), so everything but the name is
   * dropped here, before anything can log, cache or return it.
   */
  listSecretNames(
    scope: ListScope,
  ): Promise<Read<Array<{ metadata: { namespace: string; name: string } }>>> {
    return this.read(`secrets (metadata) ${describe(scope)}`, async () => {
      const list =
        'namespace' in scope
          ? await this.core.listNamespacedSecret(
              { namespace: scope.namespace },
              this.options(METADATA_LIST_ACCEPT),
            )
          : await this.core.listSecretForAllNamespaces(
              {},
              this.options(METADATA_LIST_ACCEPT),
            );
      return list.items.map(item => ({
        metadata: {
          namespace: item.metadata?.namespace ?? '',
          name: item.metadata?.name ?? '',
        },
      }));
    });
  }

  /** Warning events of a namespace (core/v1, `fieldSelector=type=Warning`). */
  listWarningEvents(namespace: string): Promise<Read<KubeEvent[]>> {
    return this.read(`events in ${namespace}`, async () => {
      const list = await this.core.listNamespacedEvent(
        { namespace, fieldSelector: 'type=Warning' },
        this.options(),
      );
      return list.items as unknown as KubeEvent[];
    });
  }

  version(): Promise<Read<string>> {
    return this.read('version', async () => {
      const info = await this.versionApi.getCode(this.options());
      return info.gitVersion;
    });
  }
}

function describe(scope: ListScope): string {
  return 'namespace' in scope ? `in ${scope.namespace}` : 'in all namespaces';
}
