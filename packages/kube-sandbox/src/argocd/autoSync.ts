import { deepEqual } from '../patch';
import type { JsonObject } from '../types';
import type { Comparison, ManagedResource } from './compare';
import {
  Application,
  automatedPolicy,
  hasMultipleSources,
  statusOf,
} from './model';

/*
 * argo-cd controller/appcontroller.go autoSync and alreadyAttemptedSync:
 * an automated Application that is OutOfSync syncs unless its last attempt
 * was for the same revision(s) and source(s). Then, only selfHeal syncs
 * again (the OutOfSync resources only); a failed last attempt is not
 * retried and becomes a SyncError condition. selfHeal's timeout/backoff is
 * not modelled: self-heal is immediate.
 */

export type AutoSyncDecision =
  | { action: 'none' }
  | { action: 'condition'; condition: JsonObject }
  | {
      action: 'sync';
      prune: boolean;
      resources?: ManagedResource[];
      autoHealAttemptsCount?: number;
    };

const goList = (v: string[]) => `[${v.join(' ')}]`;

function alreadyAttempted(
  app: Application,
  desired: string[],
): { attempted: boolean; last: string[]; phase?: string } {
  const op = statusOf(app).operationState as JsonObject | undefined;
  if (!op) return { attempted: false, last: [] };
  const phase = op.phase as string | undefined;
  const res = op.syncResult as JsonObject | undefined;
  if (!res) {
    const completed = ['Succeeded', 'Failed', 'Error'].includes(phase ?? '');
    return { attempted: completed, last: [], phase };
  }
  if (hasMultipleSources(app)) {
    const last = (res.revisions ?? []) as string[];
    if (!deepEqual(last, desired)) return { attempted: false, last, phase };
    return {
      attempted: deepEqual(app.spec.sources, res.sources),
      last,
      phase,
    };
  }
  const last = [String(res.revision ?? '')];
  if (desired.length !== 1 || last[0] !== desired[0]) {
    return { attempted: false, last, phase };
  }
  return { attempted: deepEqual(app.spec.source, res.source), last, phase };
}

export function decideAutoSync(
  app: Application,
  cmp: Comparison,
  now: string,
): AutoSyncDecision {
  const auto = automatedPolicy(app);
  if (!auto || cmp.sync.status !== 'OutOfSync') return { action: 'none' };
  const prune = auto.prune === true;
  const resources = cmp.resources;
  if (!prune) {
    const pruneOnly = resources.every(
      r => r.status.status === 'Synced' || r.status.requiresPruning,
    );
    if (pruneOnly) return { action: 'none' };
  }
  const desired = hasMultipleSources(app)
    ? ((cmp.sync.revisions ?? []) as string[])
    : [String(cmp.sync.revision ?? '')];
  const { attempted, last, phase } = alreadyAttempted(app, desired);
  let partial: ManagedResource[] | undefined;
  let autoHealAttemptsCount: number | undefined;
  if (attempted) {
    if (phase !== 'Succeeded') {
      const op = statusOf(app).operationState as JsonObject;
      return {
        action: 'condition',
        condition: {
          type: 'SyncError',
          message: `Failed last sync attempt to ${goList(last)}: ${
            op.message ?? ''
          }`,
          lastTransitionTime: now,
        },
      };
    }
    if (!auto.selfHeal) return { action: 'none' };
    const prev = (
      (statusOf(app).operationState as JsonObject | undefined)?.operation as
        | JsonObject
        | undefined
    )?.sync as JsonObject | undefined;
    autoHealAttemptsCount = Number(prev?.autoHealAttemptsCount ?? 0) + 1;
    partial = resources.filter(r => r.status.status !== 'Synced');
  }
  if (
    prune &&
    !auto.allowEmpty &&
    resources.every(r => r.status.requiresPruning)
  ) {
    return {
      action: 'condition',
      condition: {
        type: 'SyncError',
        message: `Skipping sync attempt to ${goList(
          desired,
        )}: auto-sync will wipe out all resources`,
        lastTransitionTime: now,
      },
    };
  }
  return { action: 'sync', prune, resources: partial, autoHealAttemptsCount };
}
