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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { urlProblem } from '../clusters/assessCluster';
import {
  STRATEGY_USER_AUTH,
  StrategyAuthenticator,
  StrategyCredential,
} from '../clusters/credentials';
import { Read } from '../derive/types';
import {
  ArgoApplicationObject,
  KubeEvent,
  KubePod,
  KubeWorkload,
  WorkloadKind,
} from '../derive/types';
import { DevMissingPermission } from '@okteto-dev/plugin-okteto-dev-common';
import { toDevError } from './errors';

/**
 * The opt-in Secret read (`oktetoDev.checklist.env-secret.readSecretMetadata`) is a GET by name
 * that asks for metadata only: the API server answers a `PartialObjectMetadata`, so no Secret
 * data crosses the wire, and RBAC `resourceNames` can limit it to the Secrets it names.
 */
export const METADATA_GET_ACCEPT =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

/** How long to go per namespace after a refused cluster-wide LIST before trying again. */
const CLUSTER_WIDE_RETRY_MS = 5 * 60_000;

/** Where a LIST looks: one namespace, or every namespace the credentials may read. */
export type ListScope = { namespace: string } | { allNamespaces: true };

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The kubeconfig file(s) of a `kubeconfig` cluster: its own, `KUBECONFIG`, `~/.kube/config`. */
function loadKubeconfigFile(kc: KubeConfig, cluster: OktetoDevCluster): void {
  if (cluster.kubeconfigPath) {
    kc.loadFromFile(cluster.kubeconfigPath);
    return;
  }
  if (process.env.KUBECONFIG) {
    // client-node merges the files of KUBECONFIG as kubectl does
    kc.loadFromDefault();
    return;
  }
  const home = path.join(os.homedir(), '.kube', 'config');
  if (!fs.existsSync(home)) {
    // client-node's loadFromDefault would go on to the in-cluster account, then localhost:8080
    throw new Error(
      'no kubeconfig to load: kubeconfigPath is not set, KUBECONFIG is empty and ~/.kube/config does not exist',
    );
  }
  kc.loadFromFile(home);
}

/**
 * The kubeconfig to read a cluster with, and only with what its configuration names:
 *
 * - `inCluster`: the service account of the pod Backstage runs in (an error outside a cluster);
 * - `kubeconfig`: that file (`kubeconfigPath`, else `KUBECONFIG`, else `~/.kube/config`; an error
 *   when there is none, never a fallback to the in-cluster account), optionally one `context`;
 * - any other `authProvider`: the cluster's url and CA, and a user whose credential comes from the
 *   auth strategy on each request (`credential`, see `StrategyAuthenticator`).
 *
 * A plain `http://` server is refused unless the cluster sets `dangerouslyAllowPlainHttp` (then,
 * and only then, client-node is told to skip TLS, which it requires for http).
 */
export function kubeConfigFor(
  cluster: OktetoDevCluster,
  credential?: StrategyCredential,
): KubeConfig {
  const kc = new KubeConfig();
  const allowHttp = cluster.dangerouslyAllowPlainHttp === true;
  if (cluster.authProvider === 'inCluster') {
    if (
      !process.env.KUBERNETES_SERVICE_HOST ||
      !fs.existsSync(IN_CLUSTER_TOKEN)
    ) {
      throw new Error(
        'authProvider inCluster, but Backstage does not run in a Kubernetes pod with a service account (KUBERNETES_SERVICE_HOST, the token file)',
      );
    }
    kc.loadFromCluster();
  } else if (cluster.authProvider === 'kubeconfig') {
    loadKubeconfigFile(kc, cluster);
    if (cluster.context) {
      if (!kc.getContextObject(cluster.context)) {
        throw new Error(`the kubeconfig has no context '${cluster.context}'`);
      }
      kc.setCurrentContext(cluster.context);
    }
  } else {
    if (!cluster.url) {
      throw new Error('it has no url');
    }
    if (!credential) {
      throw new Error(`no auth strategy for '${cluster.authProvider}'`);
    }
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          caFile: cluster.caFile,
          skipTLSVerify: cluster.skipTLSVerify ?? false,
        },
      ],
      users: [
        {
          name: 'okteto-dev',
          authProvider: { name: STRATEGY_USER_AUTH, config: {} },
        },
      ],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: 'okteto-dev' },
      ],
      currentContext: cluster.name,
    });
    kc.addAuthenticator(
      new StrategyAuthenticator(credential, cluster.url, allowHttp),
    );
  }
  const current = kc.getCurrentCluster();
  if (!current?.server) {
    throw new Error('the kubeconfig has no current cluster');
  }
  const problem = urlProblem(current.server, allowHttp);
  if (problem) throw new Error(problem);
  if (current.server.startsWith('http:') && !current.skipTLSVerify) {
    // client-node refuses http unless TLS checks are off; there is no TLS to check then
    kc.clusters = kc.clusters.map(c =>
      c.name === current.name ? { ...c, skipTLSVerify: true } : c,
    );
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

  /**
   * One request as a `Read`. `request` is what it asks RBAC for: a 403 names it when the API
   * server's Status does not (an authorizer webhook's own wording).
   */
  private async read<T>(
    resource: string,
    request: DevMissingPermission,
    call: () => Promise<T>,
  ): Promise<Read<T>> {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      return {
        ok: false,
        error: toDevError(error, resource, this.name, request),
      };
    }
  }

  /** `list applications.argoproj.io` in an Argo CD namespace (one name: a field selector). */
  listApplications(
    namespace: string,
    names?: string[],
  ): Promise<Read<ArgoApplicationObject[]>> {
    const fieldSelector =
      names && names.length === 1 ? `metadata.name=${names[0]}` : undefined;
    return this.read(
      `applications.argoproj.io in ${namespace}`,
      {
        verb: 'list',
        resource: 'applications',
        group: 'argoproj.io',
        namespace,
      },
      async () => {
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
        return names
          ? items.filter(a => names.includes(a.metadata.name))
          : items;
      },
    );
  }

  /** `list deployments.apps` in a namespace, or across all of them. */
  listDeployments(scope: ListScope): Promise<Read<KubeWorkload[]>> {
    return this.read(
      `deployments ${describe(scope)}`,
      permission('list', 'deployments', 'apps', scope),
      async () => {
        const list =
          'namespace' in scope
            ? await this.apps.listNamespacedDeployment(
                { namespace: scope.namespace },
                this.options(),
              )
            : await this.apps.listDeploymentForAllNamespaces(
                {},
                this.options(),
              );
        return list.items.map(d => ({
          ...(d as unknown as KubeWorkload),
          kind: 'Deployment',
        }));
      },
    );
  }

  /** `list statefulsets.apps` in a namespace, or across all of them (StatefulSet dev targets). */
  listStatefulSets(scope: ListScope): Promise<Read<KubeWorkload[]>> {
    return this.read(
      `statefulsets ${describe(scope)}`,
      permission('list', 'statefulsets', 'apps', scope),
      async () => {
        const list =
          'namespace' in scope
            ? await this.apps.listNamespacedStatefulSet(
                { namespace: scope.namespace },
                this.options(),
              )
            : await this.apps.listStatefulSetForAllNamespaces(
                {},
                this.options(),
              );
        return list.items.map(s => ({
          ...(s as unknown as KubeWorkload),
          kind: 'StatefulSet',
        }));
      },
    );
  }

  /** The workloads of one kind: {@link ClusterClient.listDeployments} or `listStatefulSets`. */
  listWorkloads(
    kind: WorkloadKind,
    scope: ListScope,
  ): Promise<Read<KubeWorkload[]>> {
    return kind === 'StatefulSet'
      ? this.listStatefulSets(scope)
      : this.listDeployments(scope);
  }

  /** `list pods` in a namespace, or across all of them. */
  listPods(scope: ListScope): Promise<Read<KubePod[]>> {
    return this.read(
      `pods ${describe(scope)}`,
      permission('list', 'pods', '', scope),
      async () => {
        const list =
          'namespace' in scope
            ? await this.core.listNamespacedPod(
                { namespace: scope.namespace },
                this.options(),
              )
            : await this.core.listPodForAllNamespaces({}, this.options());
        return list.items as unknown as KubePod[];
      },
    );
  }

  /**
   * Whether one Secret exists: `get secrets/<name>` asking for metadata only
   * (`PartialObjectMetadata`), so its data never reaches Backstage and RBAC `resourceNames` can
   * grant exactly the Secrets the checklist names. Only the answer "exists" is kept: not even its
   * annotations (a client-side-applied Secret keeps its data in
   * `kubectl.kubernetes.io/last-applied-configuration`). 404 is an answer (false), not an error.
   * Only called with the opt-in `oktetoDev.checklist.env-secret.readSecretMetadata`.
   */
  secretExists(namespace: string, name: string): Promise<Read<boolean>> {
    return this.read(
      `secret ${namespace}/${name} (metadata)`,
      { verb: 'get', resource: 'secrets', group: '', namespace, name },
      async () => {
        try {
          await this.core.readNamespacedSecret(
            { namespace, name },
            this.options(METADATA_GET_ACCEPT),
          );
          return true;
        } catch (error) {
          if ((error as { code?: unknown }).code === 404) return false;
          throw error;
        }
      },
    );
  }

  /** Warning events of a namespace (`list events`, `fieldSelector=type=Warning`). */
  listWarningEvents(namespace: string): Promise<Read<KubeEvent[]>> {
    return this.read(
      `events in ${namespace}`,
      { verb: 'list', resource: 'events', group: '', namespace },
      async () => {
        const list = await this.core.listNamespacedEvent(
          { namespace, fieldSelector: 'type=Warning' },
          this.options(),
        );
        return list.items as unknown as KubeEvent[];
      },
    );
  }

  /** `GET /version` (a non-resource URL every authenticated client may read by default). */
  version(): Promise<Read<string>> {
    return this.read(
      'version',
      { verb: 'get', resource: '/version', group: '' },
      async () => {
        const info = await this.versionApi.getCode(this.options());
        return info.gitVersion;
      },
    );
  }
}

function describe(scope: ListScope): string {
  return 'namespace' in scope ? `in ${scope.namespace}` : 'in all namespaces';
}

function permission(
  verb: string,
  resource: string,
  group: string,
  scope: ListScope,
): DevMissingPermission {
  return {
    verb,
    resource,
    group,
    ...('namespace' in scope ? { namespace: scope.namespace } : {}),
  };
}
