import { deepEqual } from '../patch';
import type { SandboxStore } from '../store';
import type { JsonObject } from '../types';
import type { Comparison } from './compare';
import type { Application } from './model';

/*
 * What the controller writes after a reconciliation (argo-cd
 * controller/appcontroller.go processAppRefreshQueueItem and
 * persistAppStatus): sync, health (lastTransitionTime and message only when
 * the health status changes),
 * resources[] sorted, conditions (ComparisonError from the comparison,
 * SyncError from autoSync, others kept), reconciledAt on a comparison with
 * the latest revision. Per-resource health stays in the resource tree
 * (resourceHealthSource: appTree), as in 3.x.
 */

const COMPARISON_TYPES = [
  'ComparisonError',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
  'ExcludedResourceWarning',
];

function mergeConditions(
  old: JsonObject[],
  replaced: string[],
  next: JsonObject[],
): JsonObject[] {
  const kept = old.filter(c => !replaced.includes(String(c.type)));
  const fresh = next.map(c => {
    const prev = old.find(o => o.type === c.type && o.message === c.message);
    return prev ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
  });
  return [...kept, ...fresh];
}

export function writeStatus(
  store: SandboxStore,
  app: Application,
  base: JsonObject,
  cmp: Comparison,
  opts: { now: string; syncError?: JsonObject; reconciled: boolean },
): void {
  const status: JsonObject = { ...base };
  status.resources = cmp.resources.map(r => r.status);
  status.sync = cmp.sync;
  const oldHealth = (base.health ?? {}) as JsonObject;
  const health: JsonObject = { status: cmp.health.status };
  const same = oldHealth.status === cmp.health.status;
  // persistAppStatus: while the health stays, the message stays too (with per-resource health in
  // the resource tree, it tells what caused the last transition, not what is unhealthy now)
  const message = same && base.health ? oldHealth.message : cmp.health.message;
  if (message) health.message = message;
  const since = same ? oldHealth.lastTransitionTime : opts.now;
  if (since) health.lastTransitionTime = since;
  status.health = health;
  let conditions = mergeConditions(
    (base.conditions ?? []) as JsonObject[],
    COMPARISON_TYPES,
    cmp.conditions,
  );
  conditions = mergeConditions(
    conditions,
    ['SyncError'],
    opts.syncError ? [opts.syncError] : [],
  );
  if (conditions.length) status.conditions = conditions;
  else delete status.conditions;
  if (opts.reconciled) status.reconciledAt = opts.now;
  status.resourceHealthSource = 'appTree';
  status.controllerNamespace = app.metadata.namespace;
  if (deepEqual(status, app.status)) return;
  store.put({ ...app, status });
}
