import { Entity } from '@backstage/catalog-model';
import {
  DevTarget,
  stignorePathForDevEntry,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ClusterClient, ListScope } from '../kube/ClusterClient';
import { RepoFileReader } from '../repo/RepoFileReader';
import { lookupDevEntry } from './deriveChecklist';
import { findWorkloads, needsPods } from './deriveWorkload';
import {
  ArgoApplicationObject,
  FetchedDevObjects,
  KubeDeployment,
  KubePod,
  Read,
  RepoFile,
} from './types';

/** One entity to fetch for. */
export interface DevTargetRequest {
  entityRef: string;
  entity: Entity;
  target: DevTarget;
  conventionNamespace: string;
}

type Namespaced = { metadata: { namespace?: string } };

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Lists one kind for a set of namespaces with as few reads as possible: one namespaced LIST for a
 * single namespace, else one LIST across all namespaces, falling back to one LIST per namespace
 * when the credentials may not list cluster-wide (RBAC with namespaced Roles only).
 */
async function listAcross<T extends Namespaced>(
  client: ClusterClient,
  namespaces: string[],
  list: (scope: ListScope) => Promise<Read<T[]>>,
): Promise<Map<string, Read<T[]>>> {
  const byNamespace = new Map<string, Read<T[]>>();
  if (namespaces.length === 0) return byNamespace;
  if (namespaces.length > 1 && client.mayListClusterWide) {
    const all = await list({ allNamespaces: true });
    if (!all.ok && all.error.type === 'forbidden')
      client.clusterWideListRefused();
    else {
      for (const namespace of namespaces) {
        byNamespace.set(
          namespace,
          all.ok
            ? {
                ok: true,
                value: all.value.filter(
                  o => o.metadata.namespace === namespace,
                ),
              }
            : all,
        );
      }
      return byNamespace;
    }
  }
  const reads = await Promise.all(
    namespaces.map(namespace => list({ namespace })),
  );
  namespaces.forEach((namespace, i) => byNamespace.set(namespace, reads[i]));
  return byNamespace;
}

async function readRepositoryFiles(
  requests: DevTargetRequest[],
  deployments: Map<string, Read<KubeDeployment[]>>,
  repo: RepoFileReader,
): Promise<
  Map<string, { manifest?: Read<RepoFile>; stignore?: Read<RepoFile> }>
> {
  const files = new Map<
    string,
    { manifest?: Read<RepoFile>; stignore?: Read<RepoFile> }
  >();
  await Promise.all(
    requests.map(async request => {
      const base = repo.repositoryBase(request.entity);
      if (!base) {
        files.set(request.entityRef, {});
        return;
      }
      const manifest = await repo.read(base, request.target.manifestPath);
      const read = deployments.get(request.target.namespace);
      const original =
        read && read.ok
          ? findWorkloads(read.value, request.target).original
          : undefined;
      const lookup = lookupDevEntry(manifest, original, request.target);
      const stignorePath =
        lookup.state === 'found'
          ? stignorePathForDevEntry(lookup.entry, lookup.manifestPath)
          : undefined;
      files.set(request.entityRef, {
        manifest,
        stignore: stignorePath
          ? await repo.read(base, stignorePath)
          : undefined,
      });
    }),
  );
  return files;
}

/**
 * Everything the derivation needs for a set of entities on one cluster, in a constant number of
 * cluster reads: one LIST of Applications per Argo CD namespace, and one LIST each of
 * Deployments, Secret metadata and (only when something needs explaining) Pods.
 */
export async function fetchDevObjects(
  client: ClusterClient,
  repo: RepoFileReader,
  requests: DevTargetRequest[],
  now: () => Date = () => new Date(),
): Promise<FetchedDevObjects[]> {
  const namespaces = unique(requests.map(r => r.target.namespace));
  const appNamespaces = unique(
    requests.map(r => r.target.application.namespace),
  );

  const [applicationReads, deployments, secrets] = await Promise.all([
    Promise.all(
      appNamespaces.map(ns => {
        const names = unique(
          requests
            .filter(r => r.target.application.namespace === ns)
            .map(r => r.target.application.name),
        );
        return client.listApplications(ns, names);
      }),
    ),
    listAcross(client, namespaces, scope => client.listDeployments(scope)),
    listAcross(client, namespaces, async scope => {
      const read = await client.listSecretNames(scope);
      return read.ok
        ? {
            ok: true as const,
            value: read.value.map(s => ({ metadata: s })),
          }
        : read;
    }),
  ]);

  const podNamespaces = namespaces.filter(ns => {
    const read = deployments.get(ns);
    return (
      read?.ok === true &&
      requests.some(
        r => r.target.namespace === ns && needsPods(read.value, r.target),
      )
    );
  });
  const [pods, files] = await Promise.all([
    listAcross<KubePod>(client, podNamespaces, scope => client.listPods(scope)),
    readRepositoryFiles(requests, deployments, repo),
  ]);

  const fetchedAt = now().toISOString();
  return requests.map(request => {
    const { target } = request;
    const appRead =
      applicationReads[appNamespaces.indexOf(target.application.namespace)];
    const application: Read<ArgoApplicationObject | undefined> = appRead.ok
      ? {
          ok: true,
          value: appRead.value.find(
            a => a.metadata.name === target.application.name,
          ),
        }
      : appRead;
    const secretRead = secrets.get(target.namespace)!;
    return {
      entityRef: request.entityRef,
      fetchedAt,
      target,
      conventionNamespace: request.conventionNamespace,
      application,
      deployments: deployments.get(target.namespace)!,
      pods: pods.get(target.namespace),
      secretNames: secretRead.ok
        ? { ok: true, value: secretRead.value.map(s => s.metadata.name) }
        : secretRead,
      ...files.get(request.entityRef),
    };
  });
}
