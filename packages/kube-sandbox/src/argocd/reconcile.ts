import type { SandboxStore } from '../store';
import type { JsonObject, KubeObject } from '../types';
import { decideAutoSync } from './autoSync';
import { compareAppState, Comparison } from './compare';
import { Application, automatedPolicy, statusOf } from './model';
import { writeStatus } from './status';
import { hookPodSpec } from './hooks';
import { podSecurityError } from '../workload/podSecurity';
import { failedOperation, Rejection, runSync } from './sync';

/*
 * One pass of argo-cd controller/appcontroller.go
 * processAppRefreshQueueItem: CompareAppState, autoSync (which may run a
 * sync operation — then the app is compared again), persist the status.
 */

export interface ReconcileInput {
  store: SandboxStore;
  app: Application;
  declared: KubeObject[];
  /** The revision(s) to compare with. */
  revisions: string[];
  comparisonError?: string;
  /** A sync attempt that fails with this message, instead of autoSync. */
  failSync?: string;
  /** The Sync hooks of the manifests. */
  hooks?: KubeObject[];
  /** An object of the manifests the API server refuses. */
  rejected?: Rejection;
  /** CompareWithLatest (reconciledAt = now) rather than CompareWithRecent. */
  latest: boolean;
  now: string;
}

export function reconcileApplication(input: ReconcileInput): void {
  const { store, app, revisions, now } = input;
  const compare = (): Comparison =>
    compareAppState({
      store,
      app,
      declared: input.declared,
      revisions,
      comparisonError: input.comparisonError,
      now,
    });
  let cmp = compare();
  const status = { ...statusOf(app) };
  let syncError: JsonObject | undefined;
  const withStatus = { ...app, status } as Application;
  const initiatedBy = automatedPolicy(app)
    ? { automated: true }
    : { username: 'admin' };
  if (input.failSync !== undefined) {
    status.operationState = failedOperation(
      {
        app,
        revisions,
        prune: automatedPolicy(app)?.prune === true,
        initiatedBy,
        startedAt: now,
        finishedAt: now,
      },
      input.failSync,
    );
  } else if (
    (status.operationState as JsonObject | undefined)?.phase === 'Running'
  ) {
    // another operation is in progress (autoSync skips): a hook it waits for may complete now
    if (waitingHookDone(store, status.operationState as JsonObject)) {
      const op = status.operationState as JsonObject;
      const done = runSync({
        store,
        app: withStatus,
        comparison: cmp,
        revisions,
        prune: automatedPolicy(app)?.prune === true,
        initiatedBy,
        hooks: input.hooks,
        rejected: input.rejected,
        startedAt: String(op.startedAt ?? now),
        finishedAt: now,
      });
      status.operationState = done.operationState;
      status.history = done.history;
      cmp = compare();
    }
  } else {
    const decision = decideAutoSync(withStatus, cmp, now);
    if (decision.action === 'condition') syncError = decision.condition;
    if (decision.action === 'sync') {
      const done = runSync({
        store,
        app: withStatus,
        comparison: cmp,
        revisions,
        prune: decision.prune,
        initiatedBy,
        resources: decision.resources,
        autoHealAttemptsCount: decision.autoHealAttemptsCount,
        hooks: input.hooks,
        rejected: input.rejected,
        startedAt: now,
        finishedAt: now,
      });
      status.operationState = done.operationState;
      status.history = done.history;
      cmp = compare();
    }
  }
  writeStatus(store, app, status, cmp, {
    now,
    syncError,
    reconciled: input.latest || !status.reconciledAt,
  });
}

/** The hook a running operation waits for can now create its pod (the namespace admits it). */
function waitingHookDone(store: SandboxStore, op: JsonObject): boolean {
  const resources = ((op.syncResult as JsonObject | undefined)?.resources ??
    []) as JsonObject[];
  const hook = resources.find(r => r.hookPhase === 'Running');
  if (!hook) return true;
  const ns = String(hook.namespace ?? '');
  const live = store.get(String(hook.kind), ns, String(hook.name));
  const spec = live && hookPodSpec(live);
  return !(
    spec &&
    podSecurityError(
      store.get('namespaces', ns)?.metadata.labels,
      `${hook.name}-`,
      spec as never,
    )
  );
}
