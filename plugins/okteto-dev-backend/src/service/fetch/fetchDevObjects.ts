import { Entity } from '@backstage/catalog-model';
import {
  devEntryAppDir,
  DevTarget,
  stignorePathsForDevEntry,
} from '@okteto-dev/plugin-okteto-dev-common';
import { lookupDevEntry } from '../derive/devEntry';
import {
  ArgoApplicationObject,
  FetchedDevObjects,
  FetchedRepoFiles,
  KubeDeployment,
  KubePod,
  Read,
  RepoFile,
} from '../derive/types';
import { ClusterClient, ListScope } from '../kube/ClusterClient';
import { ManifestCache } from '../repo/ManifestCache';
import { RepoFileReader } from '../repo/RepoFileReader';

/** One entity to fetch for. */
export interface DevTargetRequest {
  entityRef: string;
  entity: Entity;
  target: DevTarget;
  conventionNamespace: string;
}

/** The readers the fetch goes through. */
export interface FetchContext {
  client: ClusterClient;
  repo: RepoFileReader;
  manifests: ManifestCache;
  now: () => Date;
}

type Namespaced = { metadata: { namespace?: string; name: string } };

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
    if (!all.ok && all.error.type === 'forbidden') {
      client.clusterWideListRefused();
    } else {
      for (const namespace of namespaces) {
        byNamespace.set(
          namespace,
          all.ok
            ? {
                ok: true,
                value: all.value.filter(o => o.metadata.namespace === namespace),
              }
            : all,
        );
      }
      return byNamespace;
    }
  }
  const reads = await Promise.all(namespaces.map(namespace => list({ namespace })));
  namespaces.forEach((namespace, i) => byNamespace.set(namespace, reads[i]));
  return byNamespace;
}

/**
 * The cluster side, in one round trip: one LIST of Applications per Argo CD namespace, and one
 * LIST each of Deployments, Pods and Secret metadata, all at once.
 */
async function readCluster(client: ClusterClient, requests: DevTargetRequest[]) {
  const namespaces = unique(requests.map(r => r.target.namespace));
  const appNamespaces = unique(requests.map(r => r.target.application.namespace));
  const [applications, deployments, pods, secrets] = await Promise.all([
    Promise.all(
      appNamespaces.map(ns =>
        client.listApplications(
          ns,
          unique(
            requests
              .filter(r => r.target.application.namespace === ns)
              .map(r => r.target.application.name),
          ),
        ),
      ),
    ),
    listAcross(client, namespaces, scope => client.listDeployments(scope)),
    listAcross<KubePod>(client, namespaces, scope => client.listPods(scope)),
    listAcross(client, namespaces, scope => client.listSecretNames(scope)),
    // Secret names only: nothing else of a Secret leaves ClusterClient
  ]);
  return {
    application(target: DevTarget): Read<ArgoApplicationObject | undefined> {
      const read = applications[appNamespaces.indexOf(target.application.namespace)];
      return read.ok
        ? {
            ok: true,
            value: read.value.find(a => a.metadata.name === target.application.name),
          }
        : read;
    },
    deployments: (ns: string) => deployments.get(ns)!,
    pods: (ns: string) => pods.get(ns)!,
    secretNames(ns: string): Read<string[]> {
      const read = secrets.get(ns)!;
      return read.ok
        ? { ok: true, value: read.value.map(s => s.metadata.name) }
        : read;
    },
  };
}

/**
 * The repository side of one entity: the dev entry that targets the workload, then, in parallel,
 * every `.stignore` it makes Okteto read and the app folder's package.json.
 */
async function readRepository(
  request: DevTargetRequest,
  manifest: Read<RepoFile> | undefined,
  original: KubeDeployment | undefined,
  context: FetchContext,
): Promise<FetchedRepoFiles> {
  const { target, entity } = request;
  const parsed =
    manifest?.ok && manifest.value.content !== undefined
      ? context.manifests.parse(manifest.value.content)
      : undefined;
  const devEntry = lookupDevEntry(manifest, parsed, original, target);
  const found = devEntry.state === 'found' ? devEntry : undefined;
  const fromEntry = found ? devEntryAppDir(found.entry, found.manifestPath) : undefined;
  const fromLocation = context.repo.entityFolder(entity);
  let appDir: FetchedRepoFiles['appDir'] = { path: target.appDir, source: 'convention' };
  if (target.sources.appDir === 'annotation') {
    appDir = { path: target.appDir, source: 'annotation' };
  } else if (fromEntry) {
    appDir = { path: fromEntry, source: 'dev-entry' };
  } else if (fromLocation) {
    appDir = { path: fromLocation, source: 'source-location' };
  }
  const base = context.repo.repositoryBase(entity);
  if (!base) return { devEntry, stignores: [], appDir };
  const [stignores, packageJson] = await Promise.all([
    found
      ? Promise.all(
          stignorePathsForDevEntry(found.entry, found.manifestPath).map(path =>
            context.repo.read(base, path),
          ),
        )
      : Promise.resolve([]),
    target.sources.package === 'annotation'
      ? Promise.resolve(undefined)
      : context.repo.read(base, appDir.path ? `${appDir.path}/package.json` : 'package.json'),
  ]);
  return { devEntry, stignores, appDir, ...(packageJson ? { packageJson } : {}) };
}

/**
 * Everything the derivation needs for a set of entities on one cluster: the cluster reads (one
 * round trip, a constant number of LISTs whatever the number of entities) and, alongside, each
 * entity's Okteto manifest; then the files the manifest points to.
 */
export async function fetchDevObjects(
  context: FetchContext,
  requests: DevTargetRequest[],
): Promise<FetchedDevObjects[]> {
  const { repo } = context;
  const [cluster, manifests] = await Promise.all([
    readCluster(context.client, requests),
    Promise.all(
      requests.map(request => {
        const base = repo.repositoryBase(request.entity);
        return base ? repo.read(base, request.target.manifestPath) : undefined;
      }),
    ),
  ]);
  const fetchedAt = context.now().toISOString();
  return Promise.all(
    requests.map(async (request, i) => {
      const { target } = request;
      const deployments = cluster.deployments(target.namespace);
      const original = deployments.ok
        ? deployments.value.find(d => d.metadata.name === target.workload)
        : undefined;
      return {
        entityRef: request.entityRef,
        fetchedAt,
        target,
        conventionNamespace: request.conventionNamespace,
        application: cluster.application(target),
        deployments,
        pods: cluster.pods(target.namespace),
        secretNames: cluster.secretNames(target.namespace),
        repo: await readRepository(request, manifests[i], original, context),
      };
    }),
  );
}
