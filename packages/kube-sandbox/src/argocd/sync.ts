import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { Comparison, ManagedResource } from './compare';
import { applied, ignoredPointers, isModified, respectIgnored } from './diff';
import {
  Application,
  hasMultipleSources,
  hasSyncOption,
  sourcesOf,
  statusOf,
} from './model';
import { groupOf, versionOf } from './tracking';

/*
 * A sync operation (argo-cd controller/sync.go SyncAppState, appcontroller.go
 * autoSync/processRequestedAppOperation): apply the desired objects (with
 * RespectIgnoreDifferences=true the ignored fields keep their live values),
 * prune what requires pruning when the operation prunes, record
 * status.operationState, and — for a full, successful sync only —
 * append status.history (state.go persistRevisionHistory).
 */

export interface SyncRequest {
  store: SandboxStore;
  app: Application;
  comparison: Comparison;
  revisions: string[];
  prune: boolean;
  initiatedBy: JsonObject;
  /** Partial sync (self-heal): only these resources; no history entry. */
  resources?: ManagedResource[];
  autoHealAttemptsCount?: number;
  startedAt: string;
  finishedAt: string;
}

const DEFAULT_HISTORY_LIMIT = 10;

function resourceRef(r: ManagedResource): JsonObject {
  const o = (r.live ?? r.target)!;
  const ref: JsonObject = { kind: o.kind, name: o.metadata.name };
  const g = groupOf(o);
  return g ? { group: g, ...ref } : ref;
}

function typeName(o: KubeObject): string {
  const g = groupOf(o);
  return `${o.kind.toLowerCase()}${g ? `.${g}` : ''}`;
}

function result(o: KubeObject, status: string, message: string): JsonObject {
  return {
    group: groupOf(o),
    version: versionOf(o),
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    status,
    message,
    hookPhase: status === 'Pruned' ? 'Succeeded' : 'Running',
    syncPhase: 'Sync',
  };
}

function applyOne(req: SyncRequest, r: ManagedResource): JsonObject {
  const { store, app } = req;
  const target = r.target!;
  const pointers = ignoredPointers(app, target);
  const desired = hasSyncOption(app, 'RespectIgnoreDifferences=true')
    ? respectIgnored(target, r.live, pointers)
    : target;
  const name = `${typeName(target)}/${target.metadata.name}`;
  if (!r.live) {
    store.put(applied(desired, undefined));
    return result(target, 'Synced', `${name} created`);
  }
  if (!isModified(desired, r.live, [])) {
    return result(target, 'Synced', `${name} unchanged`);
  }
  store.put(applied(desired, r.live));
  return result(target, 'Synced', `${name} configured`);
}

function pruneOne(req: SyncRequest, r: ManagedResource): JsonObject {
  const live = r.live!;
  if (!req.prune) {
    return result(live, 'PruneSkipped', 'ignored (requires pruning)');
  }
  req.store.delete(live.kind, live.metadata.namespace, live.metadata.name);
  return result(live, 'Pruned', 'pruned');
}

/** The source(s) part of operations, results and history entries. */
export function sourceFields(
  app: Application,
  revisions: string[],
): JsonObject {
  const sources = sourcesOf(app);
  if (hasMultipleSources(app)) return { sources, revisions };
  return { revision: revisions[0], source: sources[0] };
}

export function syncOperation(req: SyncRequest): JsonObject {
  const { app, revisions } = req;
  const src = sourceFields(app, revisions);
  const sync: JsonObject = {
    revision: hasMultipleSources(app) ? undefined : revisions[0],
    prune: req.prune || undefined,
    syncOptions: app.spec.syncPolicy?.syncOptions,
    source: src.source,
    sources: src.sources,
    revisions: src.sources ? revisions : undefined,
    resources: req.resources?.map(resourceRef),
    autoHealAttemptsCount: req.autoHealAttemptsCount,
  };
  for (const k of Object.keys(sync)) if (sync[k] === undefined) delete sync[k];
  return {
    sync,
    initiatedBy: req.initiatedBy,
    retry: app.spec.syncPolicy?.retry ?? { limit: 5 },
  };
}

/** Runs the sync; returns the new status.operationState and status.history. */
export function runSync(req: SyncRequest): {
  operationState: JsonObject;
  history: JsonObject[];
} {
  const scope = req.resources ?? req.comparison.resources;
  const results: JsonObject[] = [];
  for (const r of scope) {
    if (r.status.status === undefined) continue; // not the app's own
    if (r.target) results.push(applyOne(req, r));
    else if (r.status.requiresPruning) results.push(pruneOne(req, r));
  }
  const src = sourceFields(req.app, req.revisions);
  const operationState: JsonObject = {
    operation: syncOperation(req),
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: req.startedAt,
    finishedAt: req.finishedAt,
    syncResult: { resources: results, ...src },
  };
  const history = [...((statusOf(req.app).history ?? []) as JsonObject[])];
  if (!req.resources) {
    const last = history[history.length - 1];
    const id = last ? Number(last.id) + 1 : 0;
    history.push({
      ...src,
      deployedAt: req.finishedAt,
      id,
      deployStartedAt: req.startedAt,
      initiatedBy: req.initiatedBy,
    });
  }
  const limit = req.app.spec.revisionHistoryLimit ?? DEFAULT_HISTORY_LIMIT;
  return { operationState, history: history.slice(-limit) };
}

/** A sync attempt that fails: phase Failed, finishedAt set, no history. */
export function failedOperation(
  req: Omit<SyncRequest, 'store' | 'comparison'>,
  message: string,
): JsonObject {
  return {
    operation: syncOperation(req as SyncRequest),
    phase: 'Failed',
    message,
    startedAt: req.startedAt,
    finishedAt: req.finishedAt,
    syncResult: sourceFields(req.app, req.revisions),
  };
}
