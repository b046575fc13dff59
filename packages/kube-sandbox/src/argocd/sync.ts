import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { Comparison, ManagedResource, targetsOf } from './compare';
import { deepEqual } from '../patch';
import { applied, ignoredPointers, respectIgnored } from './diff';
import {
  Application,
  hasMultipleSources,
  hasSyncOption,
  sourcesOf,
  statusOf,
} from './model';
import { podSecurityError } from '../workload/podSecurity';
import { deletePolicies, hookPodSpec, isSyncHook, waveOf } from './hooks';
import { groupOf, versionOf } from './tracking';

/*
 * A sync operation (argo-cd controller/sync.go SyncAppState, appcontroller.go
 * autoSync/processRequestedAppOperation): apply the desired objects (with
 * RespectIgnoreDifferences=true the ignored fields keep their live values),
 * prune what requires pruning when the operation prunes, record
 * status.operationState, and — for a full, successful sync only —
 * append status.history (state.go persistRevisionHistory).
 */

/** An object of the manifests the API server refuses (the sandbox validates nothing itself). */
export interface Rejection {
  kind: string;
  name: string;
  /** The API server's message, e.g. `Ingress.networking.k8s.io "x" is invalid: …`. */
  message: string;
}

export interface SyncRequest {
  store: SandboxStore;
  app: Application;
  comparison: Comparison;
  revisions: string[];
  prune: boolean;
  initiatedBy: JsonObject;
  /** Partial sync (self-heal): only these resources; no hooks, no history entry. */
  resources?: ManagedResource[];
  autoHealAttemptsCount?: number;
  /** The Sync hooks of the manifests (run by a full sync, wave by wave). */
  hooks?: KubeObject[];
  rejected?: Rejection;
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

/** The hook phase a resource result reports for its sync status (gitops-engine pkg/sync). */
const HOOK_PHASE: Record<string, string> = {
  Pruned: 'Succeeded',
  SyncFailed: 'Failed',
};

function result(o: KubeObject, status: string, message: string): JsonObject {
  return {
    group: groupOf(o),
    version: versionOf(o),
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    status,
    message,
    hookPhase: HOOK_PHASE[status] ?? 'Running',
    syncPhase: 'Sync',
  };
}

function applyOne(req: SyncRequest, r: ManagedResource): JsonObject {
  const { store, app } = req;
  const target = r.target!;
  const refused = req.rejected;
  if (
    refused &&
    refused.kind === target.kind &&
    refused.name === target.metadata.name
  ) {
    // kubectl apply's error (k8s.io/kubectl pkg/cmd/apply: "error when patching|creating %q: %v",
    // the manifest's temp file — Argo CD writes them under /dev/shm)
    return result(
      target,
      'SyncFailed',
      `error when ${r.live ? 'patching' : 'creating'} "/dev/shm/0": ${
        refused.message
      }`,
    );
  }
  const pointers = ignoredPointers(app, target);
  const desired = hasSyncOption(app, 'RespectIgnoreDifferences=true')
    ? respectIgnored(target, r.live, pointers)
    : target;
  const name = `${typeName(target)}/${target.metadata.name}`;
  if (!r.live) {
    store.put(applied(desired, undefined));
    return result(target, 'Synced', `${name} created`);
  }
  const next = applied(desired, r.live);
  // kubectl apply: "unchanged" when the patch is empty
  const { status: _live, ...before } = r.live;
  const { status: _next, ...after } = next;
  if (deepEqual(before, after)) {
    return result(target, 'Synced', `${name} unchanged`);
  }
  store.put(next);
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
function sourceFields(
  app: Application,
  revisions: string[],
): JsonObject {
  const sources = sourcesOf(app);
  if (hasMultipleSources(app)) return { sources, revisions };
  return { revision: revisions[0], source: sources[0] };
}

function syncOperation(req: SyncRequest): JsonObject {
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

/** A hook's object as Argo CD creates it: in the destination namespace, with the app's tracking. */
function hookObject(app: Application, hook: KubeObject): KubeObject {
  const [target] = targetsOf(app, [hook]);
  const { status: _s, ...rest } = target;
  return rest as KubeObject;
}

/**
 * Runs a Sync hook: it is created (an old one deleted first: BeforeHookCreation); a Job whose pod
 * the namespace's Pod Security refuses never completes (the Job controller keeps failing to
 * create it), so the operation waits for it (sync_context.go: "waiting for completion of hook
 * …"). Otherwise it completes at once.
 */
function runHook(
  req: SyncRequest,
  hook: KubeObject,
): { result: JsonObject; waiting?: string; obj: KubeObject } {
  const { store } = req;
  const obj = hookObject(req.app, hook);
  const ns = obj.metadata.namespace;
  const name = `${typeName(obj)}/${obj.metadata.name}`;
  if (
    store.get(obj.kind, ns, obj.metadata.name) &&
    deletePolicies(obj).includes('BeforeHookCreation')
  ) {
    store.delete(obj.kind, ns, obj.metadata.name);
  }
  const spec = hookPodSpec(obj);
  const refused =
    spec &&
    podSecurityError(
      store.get('namespaces', ns ?? '')?.metadata.labels,
      `${obj.metadata.name}-`,
      spec as never,
    );
  const created = store.put({
    ...obj,
    ...(obj.kind === 'Job'
      ? {
          status: refused
            ? {}
            : {
                succeeded: 1,
                conditions: [{ type: 'Complete', status: 'True' }],
              },
        }
      : {}),
  });
  const base = {
    ...result(created, 'Synced', `${name} created`),
    hookType: 'Sync',
    hookPhase: refused ? 'Running' : 'Succeeded',
  };
  if (!refused) return { result: base, obj: created };
  const group = groupOf(obj);
  return {
    result: base,
    waiting: `waiting for completion of hook ${group ? `${group}/` : ''}${
      obj.kind
    }/${obj.metadata.name}`,
    obj: created,
  };
}

/**
 * Runs the sync; returns the new status.operationState and status.history. A full sync goes wave
 * by wave (sync-wave annotation): each wave's resources, then its Sync hooks; it stops at the
 * first wave with an object the API server refuses (Failed) or a hook that does not complete
 * (Running). A partial sync (self-heal) runs no hooks.
 */
export function runSync(req: SyncRequest): {
  operationState: JsonObject;
  history: JsonObject[];
  running?: boolean;
} {
  const scope = req.resources ?? req.comparison.resources;
  const hooks = req.resources ? [] : (req.hooks ?? []).filter(isSyncHook);
  const waves = [
    ...new Set([
      ...scope.map(r => (r.target ? waveOf(r.target) : 0)),
      ...hooks.map(waveOf),
    ]),
  ].sort((a, b) => a - b);
  const results: JsonObject[] = [];
  const ran: KubeObject[] = [];
  const failures: string[] = [];
  const src = sourceFields(req.app, req.revisions);
  const previous = [...((statusOf(req.app).history ?? []) as JsonObject[])];
  let waiting: string | undefined;
  for (const wave of waves) {
    for (const r of scope) {
      if (r.status.status === undefined) continue; // not the app's own
      if (!r.target || waveOf(r.target) !== wave) continue;
      const res = applyOne(req, r);
      if (res.status === 'SyncFailed') failures.push(String(res.message));
      results.push(res);
    }
    if (failures.length) break;
    for (const hook of hooks.filter(h => waveOf(h) === wave)) {
      const run = runHook(req, hook);
      results.push(run.result);
      ran.push(run.obj);
      waiting ??= run.waiting;
    }
    if (waiting) break;
  }
  if (waiting) {
    return {
      operationState: {
        operation: syncOperation(req),
        phase: 'Running',
        message: waiting,
        startedAt: req.startedAt,
        syncResult: { resources: results, ...src },
      },
      history: previous,
      running: true,
    };
  }
  if (failures.length) {
    // sync_context.go executeSyncFailPhase ("…, reason: <task messages>"); an automated
    // operation is retried (Retry {Limit: 5}) and ends with appcontroller.go's
    // "(retried N times)." — the last attempt finds the failed task completed: "completed
    // unsuccessfully". Hooks that ran stay (HookSucceeded deletes only after a success).
    const limit = Number(
      (req.app.spec.syncPolicy?.retry as JsonObject | undefined)?.limit ?? 5,
    );
    return {
      operationState: {
        operation: syncOperation(req),
        phase: 'Failed',
        message: `one or more synchronization tasks completed unsuccessfully, reason: ${failures.join(
          ',',
        )}${limit > 0 ? ` (retried ${limit} times).` : ''}`,
        startedAt: req.startedAt,
        finishedAt: req.finishedAt,
        syncResult: { resources: results, ...src },
        ...(limit > 0 ? { retryCount: limit } : {}),
      },
      history: previous,
    };
  }
  for (const r of scope) {
    if (r.status.status === undefined) continue;
    if (!r.target && r.status.requiresPruning) results.push(pruneOne(req, r));
  }
  // a successful sync deletes its hooks with HookSucceeded (sync_context.go deleteHooks)
  for (const h of ran) {
    if (deletePolicies(h).includes('HookSucceeded')) {
      req.store.delete(h.kind, h.metadata.namespace, h.metadata.name);
    }
  }
  const operationState: JsonObject = {
    operation: syncOperation(req),
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: req.startedAt,
    finishedAt: req.finishedAt,
    syncResult: { resources: results, ...src },
  };
  const history = previous;
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
