import { DevError } from './errors';

/**
 * Argo CD's sync statuses (`status.sync.status`).
 *
 * @public
 */
export const ARGO_SYNC_STATUSES = ['Synced', 'OutOfSync', 'Unknown'] as const;
/**
 * An Argo CD sync status: one of {@link ARGO_SYNC_STATUSES}.
 *
 * @public
 */
export type ArgoSyncStatus = (typeof ARGO_SYNC_STATUSES)[number];

/**
 * Argo CD's health statuses (`status.health.status`).
 *
 * @public
 */
export const ARGO_HEALTH_STATUSES = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
] as const;
/**
 * An Argo CD health status: one of {@link ARGO_HEALTH_STATUSES}.
 *
 * @public
 */
export type ArgoHealthStatus = (typeof ARGO_HEALTH_STATUSES)[number];

/**
 * Argo CD's last operation (`status.operationState`).
 *
 * @public
 */
export interface ArgoOperation {
  /** The operation's phase (`Running`, `Succeeded`, `Failed`, `Error`, `Terminating`). */
  phase: string;
  /** True for phases Failed and Error: the sync did not apply. */
  failed: boolean;
  /** Argo CD's message about the operation. */
  message?: string;
  /** When it started. */
  startedAt?: string;
  /** When it finished. */
  finishedAt?: string;
  /** The revision the operation synced (`syncResult.revision`). */
  revision?: string;
  /** `initiatedBy`: automated, or the user who started it. */
  automated?: boolean;
  /** The user who started it, when a user did. */
  username?: string;
}

/**
 * One entry of `status.history`: a successful sync.
 *
 * @public
 */
export interface ArgoHistoryEntry {
  /** Argo CD's id of the entry. */
  id?: number;
  /** The revision that was deployed. */
  revision?: string;
  /** When it was deployed. */
  deployedAt?: string;
  /** Whether an automated sync deployed it. */
  automated?: boolean;
  /** The user who started the sync, when a user did. */
  username?: string;
}

/**
 * One resource of `status.resources`: its own sync state (Argo CD 3.x stores no per-resource
 * health here by default).
 *
 * @public
 */
export interface ArgoResource {
  /** The API group (empty for the core group). */
  group?: string;
  /** The resource's kind. */
  kind: string;
  /** The resource's namespace. */
  namespace?: string;
  /** The resource's name. */
  name: string;
  /** Its sync status (`Synced`, `OutOfSync`, ...). */
  status?: string;
  /** True when the resource is not in Git any more and a sync with pruning would delete it. */
  requiresPruning?: boolean;
}

/**
 * A condition of the Application (`status.conditions`), e.g. ComparisonError.
 *
 * @public
 */
export interface ArgoCondition {
  /** The condition's type, e.g. `ComparisonError`, `SyncError`. */
  type: string;
  /** Argo CD's message. */
  message?: string;
}

/**
 * What the backend read of the app's dev Argo CD Application: its sync, health, last operation,
 * history, resources and sync policy (`ok`); no such Application (`not-found`); or why it could
 * not be read (`error`).
 *
 * @public
 */
export type ArgoStatus =
  | {
      state: 'ok';
      sync: ArgoSyncStatus;
      health: ArgoHealthStatus;
      healthMessage?: string;
      /** The deployed revision: the last sync's `syncResult.revision`, else the last `history[]` entry. */
      revision?: string;
      revisionUrl?: string;
      /** The revision Argo CD compared the cluster with (`status.sync.revision`), when it differs. */
      comparedRevision?: string;
      /** When the last successful sync deployed (`history[]`'s last `deployedAt`). */
      lastSyncedAt?: string;
      operation?: ArgoOperation;
      history: ArgoHistoryEntry[];
      resources: ArgoResource[];
      conditions: ArgoCondition[];
      /** When the controller last compared the app (`status.reconciledAt`). */
      reconciledAt?: string;
      /** True when `reconciledAt` is older than the configured age: the status may be old. */
      reconcileStale: boolean;
      /** The ApplicationSet that generates the Application (its ownerReference): edit that, not the Application. */
      applicationSet?: string;
      autoSync: boolean;
      selfHeal: boolean;
      prune: boolean;
      /**
       * True when the Application ignores `/spec/replicas` of the workload (ignoreDifferences) and
       * respects it when syncing (`RespectIgnoreDifferences=true`).
       */
      replicasIgnored: boolean;
      /** The ignoreDifferences part alone (without the sync option). */
      replicasIgnoredInDiff: boolean;
      repoURL?: string;
      targetRevision?: string;
      path?: string;
      valueFiles: string[];
    }
  | { state: 'not-found' }
  | { state: 'error'; error: DevError };
