import { findByApiVersionKind, RESOURCE_TYPES } from '../discovery';
import { deepClone } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { isModified, ignoredPointers } from './diff';
import { appHealth, Health } from './health';
import { isHook } from './hooks';
import {
  Application,
  destinationNamespace,
  hasMultipleSources,
  ResourceStatus,
  sourcesOf,
  SyncCode,
  trackingMethodOf,
} from './model';
import {
  appNameOf,
  groupOf,
  isSelfReferenced,
  setAppInstance,
  versionOf,
} from './tracking';

/*
 * CompareAppState (argo-cd controller/state.go): the desired objects with
 * tracking set, the live objects the app manages (tracked by it and not
 * owned by another object — clusterCache.GetManagedLiveObjs), paired by
 * group/kind/namespace/name (gitops-engine sync/reconcile.go); per pair a
 * sync status and requiresPruning, then the app's sync status and health.
 */

export interface ManagedResource {
  target?: KubeObject;
  live?: KubeObject;
  status: ResourceStatus;
}

export interface Comparison {
  sync: JsonObject & { status: SyncCode };
  health: Health;
  resources: ManagedResource[];
  /** ComparisonError conditions (replacing the previous ones). */
  conditions: JsonObject[];
}

export interface CompareInput {
  store: SandboxStore;
  app: Application;
  /** The objects Git renders for this app at the compared revision(s). */
  declared: KubeObject[];
  /** Resolved revision per source. */
  revisions: string[];
  /** When set, loading the desired state failed with this message. */
  comparisonError?: string;
  now: string;
}

const key = (o: KubeObject, ns: string) =>
  `${groupOf(o)}/${o.kind}/${o.metadata.namespace ?? ns}/${o.metadata.name}`;

/** The namespaced kinds to look in, and cluster-scoped ones. */
const LOOKUP_TYPES = RESOURCE_TYPES.filter(
  t => t.group !== 'argoproj.io' && t.kind !== 'Event',
);

/** Desired objects as Argo CD compares them (NormalizeTargetObjects). */
export function targetsOf(
  app: Application,
  declared: KubeObject[],
): KubeObject[] {
  const ns = destinationNamespace(app) ?? 'default';
  const method = trackingMethodOf(app);
  return declared.map(d => {
    const t = deepClone(d);
    const { status: _s, ...rest } = t;
    const obj = rest as KubeObject;
    const namespaced =
      findByApiVersionKind(t.apiVersion, t.kind)?.namespaced ?? true;
    obj.metadata = {
      name: t.metadata.name,
      ...(namespaced ? { namespace: t.metadata.namespace ?? ns } : {}),
      ...(t.metadata.labels ? { labels: t.metadata.labels } : {}),
      ...(t.metadata.annotations
        ? { annotations: t.metadata.annotations }
        : {}),
    };
    setAppInstance(obj, app.metadata.name, method, ns);
    return obj;
  });
}

/** Live objects tracked by the app, in the namespaces it deploys to. */
function managedLive(
  store: SandboxStore,
  app: Application,
  targets: KubeObject[],
): Map<string, KubeObject> {
  const ns = destinationNamespace(app) ?? 'default';
  const method = trackingMethodOf(app);
  const namespaces = new Set([
    ns,
    ...targets.flatMap(t =>
      t.metadata.namespace ? [t.metadata.namespace] : [],
    ),
  ]);
  const live = new Map<string, KubeObject>();
  // Namespaced kinds in the namespaces the app deploys to; cluster-scoped
  // kinds only when the app declares some (a cluster-wide scan per app
  // would not scale to thousands of apps).
  const clusterKinds = new Set(
    targets.filter(t => !t.metadata.namespace).map(t => t.kind),
  );
  for (const t of LOOKUP_TYPES) {
    if (!t.namespaced && !clusterKinds.has(t.kind)) continue;
    const scopes = t.namespaced ? [...namespaces] : [undefined];
    for (const scope of scopes) {
      for (const o of store.list(t, scope === undefined ? {} : scope)) {
        if (o.metadata.ownerReferences?.length) continue;
        if (appNameOf(o, method) !== app.metadata.name) continue;
        live.set(key(o, ns), o);
      }
    }
  }
  for (const t of targets) {
    const k = key(t, ns);
    if (live.has(k)) continue;
    const found = store.get(t.kind, t.metadata.namespace, t.metadata.name);
    if (found && found.apiVersion === t.apiVersion) live.set(k, found);
  }
  return live;
}

function resourceStatus(o: KubeObject, ns: string): ResourceStatus {
  const s: ResourceStatus = {
    version: versionOf(o),
    kind: o.kind,
    namespace: o.metadata.namespace ?? ns,
    name: o.metadata.name,
  };
  const g = groupOf(o);
  return g ? { group: g, ...s } : s;
}

export function compareAppState(input: CompareInput): Comparison {
  const { app, store } = input;
  const ns = destinationNamespace(app) ?? 'default';
  const method = trackingMethodOf(app);
  const failed = input.comparisonError !== undefined;
  const targets = failed ? [] : targetsOf(app, input.declared);
  const live = managedLive(store, app, targets);
  const pairs: Array<{ target?: KubeObject; live?: KubeObject }> = [];
  for (const t of targets) {
    const k = key(t, ns);
    pairs.push({ target: t, live: live.get(k) });
    live.delete(k);
  }
  for (const o of live.values()) pairs.push({ live: o });

  let code: SyncCode = 'Synced';
  const resources = pairs.map(({ target, live: l }) => {
    const obj = (l ?? target)!;
    const status = resourceStatus(obj, ns);
    const self = isSelfReferenced(l, target, app.metadata.name, method, ns);
    if (!target && l && self) status.requiresPruning = true;
    const hook = Boolean(l && isHook(l));
    if (hook) status.hook = true;
    if (!self || hook) {
      // a hook left after its sync, or a copied tracking id: no sync status, no effect on the app's
    } else if (
      !target ||
      !l ||
      isModified(target, l, ignoredPointers(app, target))
    ) {
      status.status = 'OutOfSync';
      code = 'OutOfSync';
    } else {
      status.status = 'Synced';
    }
    if (failed) status.status = 'Unknown';
    return { target, live: l, status };
  });
  resources.sort((a, b) =>
    statusKey(a.status).localeCompare(statusKey(b.status)),
  );
  if (failed) code = 'Unknown';
  const conditions: JsonObject[] = failed
    ? [
        {
          type: 'ComparisonError',
          message: `Failed to load target state: ${input.comparisonError}`,
          lastTransitionTime: input.now,
        },
      ]
    : [];
  return {
    sync: syncStatus(app, code, input.revisions, failed),
    health: appHealth(resources),
    resources,
    conditions,
  };
}

function statusKey(s: ResourceStatus): string {
  return `${s.group ?? ''}/${s.kind}/${s.namespace ?? ''}/${s.name}`;
}

/** status.sync: the compared revision(s), and what they were compared to. */
function syncStatus(
  app: Application,
  code: SyncCode,
  revisions: string[],
  failed: boolean,
): JsonObject & { status: SyncCode } {
  const comparedTo: JsonObject = {};
  const sources = sourcesOf(app);
  if (hasMultipleSources(app)) comparedTo.sources = sources;
  else if (sources[0]) comparedTo.source = sources[0];
  comparedTo.destination = app.spec.destination ?? {};
  if (app.spec.ignoreDifferences?.length) {
    comparedTo.ignoreDifferences = app.spec.ignoreDifferences;
  }
  // A failed load never resolves the branch: the revision stays as asked.
  const revs = failed
    ? sources.map(s => s.targetRevision ?? 'HEAD')
    : revisions;
  const out: JsonObject & { status: SyncCode } = { status: code, comparedTo };
  if (hasMultipleSources(app)) out.revisions = revs;
  else if (revs[0]) out.revision = revs[0];
  return out;
}
