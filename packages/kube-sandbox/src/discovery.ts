import type { JsonObject } from './types';

/** One kind served by the sandbox. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** When true, writes to the main resource keep the stored status. */
  statusSubresource: boolean;
  scaleSubresource: boolean;
}

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function rt(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    statusSubresource: true,
    scaleSubresource: false,
    ...opts,
  };
}

export const RESOURCE_TYPES: ResourceType[] = [
  rt('', 'v1', 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
  }),
  rt('', 'v1', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'] }),
  rt('', 'v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
  }),
  rt('', 'v1', 'Secret', 'secrets', { statusSubresource: false }),
  rt('', 'v1', 'ConfigMap', 'configmaps', {
    shortNames: ['cm'],
    statusSubresource: false,
  }),
  rt('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', {
    shortNames: ['pvc'],
  }),
  rt('', 'v1', 'Event', 'events', {
    shortNames: ['ev'],
    statusSubresource: false,
  }),
  rt('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    scaleSubresource: true,
  }),
  rt('apps', 'v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    categories: ['all'],
    scaleSubresource: true,
  }),
  rt('apps', 'v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    categories: ['all'],
    scaleSubresource: true,
  }),
  // What web-core's chart renders besides (deploy/charts/web-app/templates/ingress.yaml, and
  // migrations-job.yaml: an Argo CD Sync hook).
  rt('networking.k8s.io', 'v1', 'Ingress', 'ingresses', {
    shortNames: ['ing'],
  }),
  rt('batch', 'v1', 'Job', 'jobs', { categories: ['all'] }),
  // The core/v1 Events in events.k8s.io's shape (served as a view of them).
  rt('events.k8s.io', 'v1', 'Event', 'events', {
    shortNames: ['ev'],
    statusSubresource: false,
  }),
  // Argo CD's CRD has no status subresource: status is written in place.
  rt('argoproj.io', 'v1alpha1', 'Application', 'applications', {
    shortNames: ['app', 'apps'],
    categories: ['argo'],
    statusSubresource: false,
  }),
  rt('argoproj.io', 'v1alpha1', 'ApplicationSet', 'applicationsets', {
    shortNames: ['appset', 'appsets'],
    categories: ['argo'],
  }),
];

/** Scenario switches for API groups (`argoproj: false` = no Argo CD). */
export type GroupSwitches = Record<string, boolean | undefined>;

export function groupEnabled(group: string, groups: GroupSwitches): boolean {
  if (!group) return true;
  const short = group.split('.')[0];
  return groups[group] !== false && groups[short] !== false;
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export function typeKey(t: ResourceType): string {
  return `${t.group}/${t.plural}`;
}

/** Finds a type by group/version/plural as in a request path. */
export function findByPath(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

export function findByApiVersionKind(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => apiVersionOf(t) === apiVersion && t.kind === kind,
  );
}

/**
 * Resolves `Deployment`, `deployments`, `deploy`, `deployments.apps`,
 * `Application.argoproj.io`, … to a type.
 */
export function resolveType(nameOrKind: string): ResourceType {
  const [head, ...rest] = nameOrKind.split('.');
  const group = rest.length ? rest.join('.') : undefined;
  const lower = head.toLowerCase();
  const found = RESOURCE_TYPES.find(
    t =>
      (group === undefined || t.group === group) &&
      (t.kind.toLowerCase() === lower ||
        t.plural === lower ||
        t.singular === lower ||
        t.shortNames.includes(lower)),
  );
  if (!found) throw new Error(`kube-sandbox: unknown kind "${nameOrKind}"`);
  return found;
}

export function versionInfo(): JsonObject {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-kube-sandbox',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function enabledTypes(groups: GroupSwitches): ResourceType[] {
  return RESOURCE_TYPES.filter(t => groupEnabled(t.group, groups));
}

function groupNames(groups: GroupSwitches): string[] {
  const names: string[] = [];
  for (const t of enabledTypes(groups)) {
    if (t.group && !names.includes(t.group)) names.push(t.group);
  }
  return names;
}

function groupVersion(group: string): string {
  const t = RESOURCE_TYPES.find(x => x.group === group);
  return t ? t.version : 'v1';
}

/** `/api` legacy document. */
export function apiVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string): JsonObject {
  const v = {
    groupVersion: `${group}/${groupVersion(group)}`,
    version: groupVersion(group),
  };
  return { name: group, versions: [v], preferredVersion: v };
}

/** `/apis/<group>` legacy document, or undefined if not served. */
export function apiGroupDoc(
  group: string,
  groups: GroupSwitches,
): JsonObject | undefined {
  if (!groupNames(groups).includes(group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

/** `/apis` legacy document. */
export function apiGroupList(groups: GroupSwitches): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupNames(groups).map(apiGroup),
  };
}

/** `/api/v1` or `/apis/<group>/<version>` legacy document. */
export function apiResourceList(
  group: string,
  version: string,
  groups: GroupSwitches,
): JsonObject | undefined {
  const types = enabledTypes(groups).filter(
    t => t.group === group && t.version === version,
  );
  if (!types.length) return undefined;
  const resources: JsonObject[] = [];
  for (const t of types) {
    const r: JsonObject = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: VERBS,
    };
    if (t.shortNames.length) r.shortNames = t.shortNames;
    if (t.categories.length) r.categories = t.categories;
    resources.push(r);
    if (t.statusSubresource) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
    if (t.scaleSubresource) {
      resources.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function discoveryResource(t: ResourceType): JsonObject {
  const responseKind = { group: t.group, version: t.version, kind: t.kind };
  const r: JsonObject = {
    resource: t.plural,
    responseKind,
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: VERBS,
  };
  if (t.shortNames.length) r.shortNames = t.shortNames;
  if (t.categories.length) r.categories = t.categories;
  const subresources: JsonObject[] = [];
  if (t.statusSubresource) {
    subresources.push({
      subresource: 'status',
      responseKind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (t.scaleSubresource) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (subresources.length) r.subresources = subresources;
  return r;
}

/**
 * Aggregated discovery (`apidiscovery.k8s.io/v2`) for `/api` (core) or
 * `/apis` (named groups), as kubectl ≥ 1.30 requests it.
 */
export function aggregatedDiscovery(
  core: boolean,
  groups: GroupSwitches,
  version: 'v2' | 'v2beta1' = 'v2',
): JsonObject {
  const types = enabledTypes(groups);
  const names = core ? [''] : groupNames(groups);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: names.map(group => {
      const own = types.filter(t => t.group === group);
      const metadata: JsonObject = { creationTimestamp: null };
      if (group) metadata.name = group;
      return {
        metadata,
        versions: [
          {
            version: own[0].version,
            resources: own.map(discoveryResource),
            freshness: 'Current',
          },
        ],
      };
    }),
  };
}
