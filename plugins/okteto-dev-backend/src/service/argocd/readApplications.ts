import { DevError, DevTarget } from '@okteto-dev/plugin-okteto-dev-common';
import { ArgoApplicationObject, Read } from '../derive/types';
import type {
  ClusterReads,
  DevTargetRequest,
  FetchContext,
} from '../fetch/fetchDevObjects';
import { groupBy } from '../groupBy';

/** One Application of a read: the object, undefined when there is none, or why it is unknown. */
export type ApplicationRead = (
  name: string,
) => Read<ArgoApplicationObject | undefined>;

/**
 * Where the Applications of a set of entities are read: the Kubernetes API of the cluster that
 * holds them (a LIST), or an Argo CD instance's API (its own RBAC deciding). Both give the same
 * objects: Argo CD's API answers the Application resource as stored (its informer's copy).
 */
export interface ApplicationSource {
  /** The named Applications of `namespace`, with as few requests as the source allows. */
  read(namespace: string, names: string[]): Promise<ApplicationRead>;
}

/** Applications through Kubernetes: one LIST of the namespace (a field selector for one name). */
export function kubernetesApplications(
  client: Pick<ClusterReads, 'listApplications'>,
): ApplicationSource {
  return {
    async read(namespace, names) {
      const read = await client.listApplications(namespace, names);
      return name =>
        read.ok
          ? { ok: true, value: read.value.find(a => a.metadata.name === name) }
          : read;
    },
  };
}

/** A source every read of which fails with `error` (an unusable cluster or instance). */
export function failingApplications(error: DevError): ApplicationSource {
  return { read: async () => () => ({ ok: false, error }) };
}

/** The source of a request's Application: its Argo CD instance's API, or its cluster's Kubernetes API. */
async function sourceOf(
  context: FetchContext,
  request: DevTargetRequest,
): Promise<ApplicationSource> {
  const { target, argocdApi } = request;
  if (argocdApi) {
    return (
      context.argocdApi?.(argocdApi) ??
      failingApplications({
        type: 'unusable',
        message: `Argo CD instance '${argocdApi}' is not configured for reads through its API`,
      })
    );
  }
  const cluster = target.application.cluster || target.cluster;
  try {
    return kubernetesApplications(await context.client(cluster));
  } catch (error) {
    // a cluster okteto-dev cannot use says so as data (ClusterUnusableError)
    const known = (error as { devError?: DevError }).devError;
    return failingApplications(
      known ?? { type: 'unknown', message: (error as Error).message, cluster },
    );
  }
}

/**
 * The Applications of a set of entities: one read per place that holds them — a cluster's
 * Kubernetes API and namespace, or an Argo CD instance's API and namespace — whatever the number
 * of entities.
 */
export async function readApplications(
  context: FetchContext,
  requests: DevTargetRequest[],
): Promise<
  (request: DevTargetRequest) => Read<ArgoApplicationObject | undefined>
> {
  const where = (r: DevTargetRequest) => {
    const t: DevTarget = r.target;
    return r.argocdApi
      ? `api|${r.argocdApi}|${t.application.namespace}`
      : `kube|${t.application.cluster || t.cluster}|${t.application.namespace}`;
  };
  const reads = new Map<string, ApplicationRead>();
  await Promise.all(
    [...groupBy(requests, where).entries()].map(async ([key, group]) => {
      const source = await sourceOf(context, group[0]);
      const names = [...new Set(group.map(r => r.target.application.name))];
      reads.set(
        key,
        await source.read(group[0].target.application.namespace, names),
      );
    }),
  );
  return request => reads.get(where(request))!(request.target.application.name);
}
