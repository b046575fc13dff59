import { Entity } from '@backstage/catalog-model';
import {
  devEntryAppDir,
  devEntryCommand,
  PACKAGE_MANAGER_LOCKFILES,
  packageManagerOfPackageJson,
  DevError,
  DevTarget,
  stignorePathsForDevEntry,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ChecklistSettings,
  isChecked,
  requiredSecrets,
} from '../derive/checklistSettings';
import { lookupDevEntry } from '../derive/devEntry';
import { needsPods } from '../derive/workloads';
import {
  FetchedDevObjects,
  FetchedRepoFiles,
  KubePod,
  KubeWorkload,
  Read,
  RepoFile,
  WorkloadKind,
} from '../derive/types';
import { ClusterClient, ListScope } from '../kube/ClusterClient';
import {
  ApplicationSource,
  readApplications,
} from '../argocd/readApplications';
import { ManifestCache } from '../repo/ManifestCache';
import { RepoFileReader } from '../repo/RepoFileReader';
import { groupBy } from '../groupBy';

/** One entity to fetch for, its clusters resolved. */
export interface DevTargetRequest {
  entityRef: string;
  entity: Entity;
  target: DevTarget;
  conventionNamespace: string;
  /** The Argo CD UI holding its Application, when configured. */
  argocdBaseUrl?: string;
  /** The API server URL of the workload's cluster, when configured (the target guard). */
  clusterUrl?: string;
  /**
   * The Argo CD instance whose API its Application is read through (else the Kubernetes API of
   * `target.application.cluster`, see `argocd/`).
   */
  argocdApi?: string;
  /**
   * Whether its last answer needed Pods (dev mode, a workload not at its replicas); unknown when
   * there is no last answer. Pods are then read alongside the rest, in the same round trip.
   */
  podsHint?: boolean;
}

/** What the fetch reads of a cluster: a {@link ClusterClient}, or the live store's reader. */
export type ClusterReads = Pick<
  ClusterClient,
  | 'mayListClusterWide'
  | 'clusterWideListRefused'
  | 'listApplications'
  | 'listWorkloads'
  | 'listPods'
  | 'secretExists'
>;

/** The readers the fetch goes through. */
export interface FetchContext {
  /** The client of a cluster; a rejection becomes a failed read of everything on that cluster. */
  client: (cluster: string) => Promise<ClusterReads>;
  repo: RepoFileReader;
  manifests: ManifestCache;
  now: () => Date;
  /** The Applications of an Argo CD instance read through its API (requests with `argocdApi`). */
  argocdApi?: (instance: string) => ApplicationSource;
  /**
   * `oktetoDev.rbac.clusterWide`: batches may LIST a kind across all namespaces (what a
   * ClusterRoleBinding grants). Off: every LIST names its namespace, so namespaced Roles suffice
   * and no request asks for more than they grant.
   */
  clusterWide?: boolean;
  /** What the checklist checks: whether Pods and, with the opt-in, which Secrets are read. */
  checklist?: ChecklistSettings;
}

type Namespaced = { metadata: { namespace?: string; name: string } };

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Lists one kind for a set of namespaces: one LIST per namespace; with `clusterWide` (the
 * ClusterRole mode) several namespaces cost one LIST across all namespaces, falling back to one
 * per namespace for a while when the cluster refuses it after all.
 */
async function listAcross<T extends Namespaced>(
  client: ClusterReads,
  clusterWide: boolean,
  namespaces: string[],
  list: (scope: ListScope) => Promise<Read<T[]>>,
): Promise<Map<string, Read<T[]>>> {
  const byNamespace = new Map<string, Read<T[]>>();
  if (namespaces.length === 0) return byNamespace;
  if (namespaces.length > 1 && clusterWide && client.mayListClusterWide) {
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

function failed(
  cluster: string,
  error: unknown,
): { ok: false; error: DevError } {
  // a cluster okteto-dev cannot use says so as data (ClusterUnusableError)
  const known = (error as { devError?: DevError }).devError;
  return {
    ok: false,
    error: known ?? {
      type: 'unknown',
      message: (error as Error).message,
      cluster,
    },
  };
}

/** The client of a cluster, or the error every read on it answers. */
async function clientOf(context: FetchContext, cluster: string) {
  try {
    return { ok: true as const, client: await context.client(cluster) };
  } catch (error) {
    return failed(cluster, error);
  }
}

/** The kind of an entity's workload (absent: a Deployment). */
const kindOf = (r: DevTargetRequest): WorkloadKind =>
  r.target.workloadKind ?? 'Deployment';

/**
 * The workloads' side of one cluster, in one round trip: one LIST of the workloads' kind per
 * namespace (Deployments, or StatefulSets for StatefulSet targets), and of Pods wherever the
 * checklist needs them (to tell whether the Secrets the app takes exist) or an entity needed them
 * last time or has no last answer; only an app that changed since (a healthy app now in dev mode,
 * with the Secret item switched off) costs a second round trip, once. With the opt-in Secret read,
 * one metadata-only GET per required Secret, alongside.
 */
async function readWorkloads(
  context: FetchContext,
  cluster: string,
  requests: DevTargetRequest[],
) {
  const client = await clientOf(context, cluster);
  if (!client.ok) {
    return {
      workloads: () => client,
      pods: () => client,
      secrets: () => undefined,
    };
  }
  const c = client.client;
  const wide = context.clusterWide === true;
  const namespacesOf = (kind: WorkloadKind) =>
    unique(
      requests.filter(r => kindOf(r) === kind).map(r => r.target.namespace),
    );
  const settings = context.checklist;
  const secretsChecked = isChecked(settings, 'env-secret');
  const early = unique(
    requests
      .filter(r => secretsChecked || r.podsHint !== false)
      .map(r => r.target.namespace),
  );
  const listPods = (ns: string[]) =>
    listAcross<KubePod>(c, wide, ns, scope => c.listPods(scope));
  const secretKeys =
    secretsChecked && settings?.envSecret.readSecretMetadata
      ? unique(
          requests.flatMap(r =>
            requiredSecrets(r.target, settings).map(
              name => `${r.target.namespace}/${name}`,
            ),
          ),
        )
      : [];
  const [deployments, statefulSets, pods, secretReads] = await Promise.all([
    listAcross(c, wide, namespacesOf('Deployment'), scope =>
      c.listWorkloads('Deployment', scope),
    ),
    listAcross(c, wide, namespacesOf('StatefulSet'), scope =>
      c.listWorkloads('StatefulSet', scope),
    ),
    listPods(early),
    Promise.all(
      secretKeys.map(key => {
        const [namespace, name] = key.split('/');
        return c.secretExists(namespace, name);
      }),
    ),
  ]);
  const workloads = (r: DevTargetRequest): Read<KubeWorkload[]> =>
    (kindOf(r) === 'StatefulSet' ? statefulSets : deployments).get(
      r.target.namespace,
    )!;
  const late = unique(
    requests
      .filter(r => !pods.has(r.target.namespace))
      .filter(r => {
        const read = workloads(r);
        return read?.ok === true && needsPods(read.value, r.target);
      })
      .map(r => r.target.namespace),
  );
  for (const [ns, read] of await listPods(late)) pods.set(ns, read);
  const none: Read<KubePod[]> = { ok: true, value: [] };
  const secrets = new Map(secretKeys.map((key, i) => [key, secretReads[i]]));
  return {
    workloads,
    pods: (ns: string) => pods.get(ns) ?? none,
    secrets: (r: DevTargetRequest) =>
      secretKeys.length === 0
        ? undefined
        : requiredSecrets(r.target, settings).map(name => ({
            name,
            exists: secrets.get(`${r.target.namespace}/${name}`)!,
          })),
  };
}

/**
 * The repository side of one entity: the dev entry that targets the workload, then, in parallel,
 * every `.stignore` it makes Okteto read and the app folder's package.json.
 */
async function readRepository(
  request: DevTargetRequest,
  manifest: Read<RepoFile> | undefined,
  original: KubeWorkload | undefined,
  context: FetchContext,
): Promise<FetchedRepoFiles> {
  const { target, entity } = request;
  const parsed =
    manifest?.ok && manifest.value.content !== undefined
      ? context.manifests.parse(manifest.value.content)
      : undefined;
  const devEntry = lookupDevEntry(manifest, parsed, original, target);
  const found = devEntry.state === 'found' ? devEntry : undefined;
  const fromEntry = found
    ? devEntryAppDir(found.entry, found.manifestPath)
    : undefined;
  const fromLocation = context.repo.entityFolder(entity);
  let appDir: FetchedRepoFiles['appDir'] = {
    path: target.appDir,
    source: 'convention',
  };
  if (target.sources.appDir === 'annotation') {
    appDir = { path: target.appDir, source: 'annotation' };
  } else if (fromEntry) {
    appDir = { path: fromEntry, source: 'dev-entry' };
  } else if (fromLocation) {
    appDir = { path: fromLocation, source: 'source-location' };
  }
  const base = context.repo.repositoryBase(entity);
  if (!base) return { devEntry, stignores: [], appDir, links: {} };
  const view = (path: string) => context.repo.viewUrl(base, path);
  const links = {
    ...(found ? { manifest: view(found.manifestPath) } : {}),
    applicationFile: view(target.applicationPath),
    valuesFile: view(target.valuesPath),
  };
  // the package manager matters only when there is something to type: no command of the entry's own
  const needsManager = !(found && devEntryCommand(found.entry));
  const [stignores, packageJson, packageManager] = await Promise.all([
    found
      ? Promise.all(
          stignorePathsForDevEntry(found.entry, found.manifestPath).map(path =>
            context.repo.read(base, path),
          ),
        )
      : Promise.resolve([]),
    target.sources.package === 'annotation'
      ? Promise.resolve(undefined)
      : context.repo.read(
          base,
          appDir.path ? `${appDir.path}/package.json` : 'package.json',
        ),
    needsManager
      ? readPackageManager(context.repo, base)
      : Promise.resolve(undefined),
  ]);
  return {
    devEntry,
    stignores,
    appDir,
    links,
    ...(packageJson ? { packageJson } : {}),
    ...(manifest?.ok ? { manifest: manifest.value } : {}),
    ...(packageManager ? { packageManager } : {}),
  };
}

/**
 * What tells the repository's package manager, at the least cost: the root `package.json` (one
 * read, shared by every app of the repository), and only when it names none, the root lockfiles
 * in order until one exists (their content is not kept).
 */
async function readPackageManager(
  repo: RepoFileReader,
  base: string,
): Promise<NonNullable<FetchedRepoFiles['packageManager']>> {
  const rootPackageJson = await repo.read(base, 'package.json');
  const lockfiles: Array<{ file: string; read: Read<RepoFile> }> = [];
  if (
    !rootPackageJson.ok ||
    packageManagerOfPackageJson(rootPackageJson.value.content) === undefined
  ) {
    for (const { file } of PACKAGE_MANAGER_LOCKFILES) {
      const read = await repo.read(base, file, { presenceOnly: true });
      lockfiles.push({ file, read });
      if (read.ok && read.value.content !== undefined) break;
    }
  }
  return { rootPackageJson, lockfiles };
}

/**
 * Everything the derivation needs for a set of entities: the cluster reads in one round trip (a
 * constant number of LISTs per cluster, whatever the number of entities) and, alongside, each
 * entity's Okteto manifest; then the files the manifest points to.
 */
export async function fetchDevObjects(
  context: FetchContext,
  requests: DevTargetRequest[],
): Promise<FetchedDevObjects[]> {
  const { repo } = context;
  const byCluster = groupBy(requests, r => r.target.cluster);
  const [application, workloads, manifests] = await Promise.all([
    readApplications(context, requests),
    Promise.all(
      [...byCluster.entries()].map(async ([cluster, group]) => {
        const read = await readWorkloads(context, cluster, group);
        return [cluster, read] as const;
      }),
    ).then(entries => new Map(entries)),
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
      const cluster = workloads.get(target.cluster)!;
      const deployments = cluster.workloads(request);
      const original = deployments.ok
        ? deployments.value.find(d => d.metadata.name === target.workload)
        : undefined;
      const secrets = cluster.secrets(request);
      return {
        entityRef: request.entityRef,
        fetchedAt,
        target,
        conventionNamespace: request.conventionNamespace,
        application: application(request),
        deployments,
        pods: cluster.pods(target.namespace),
        ...(secrets ? { secrets } : {}),
        repo: await readRepository(request, manifests[i], original, context),
        ...(request.argocdBaseUrl
          ? { argocdBaseUrl: request.argocdBaseUrl }
          : {}),
        ...(request.clusterUrl ? { clusterUrl: request.clusterUrl } : {}),
      };
    }),
  );
}
