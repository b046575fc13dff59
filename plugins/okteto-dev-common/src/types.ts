import { DevTarget } from './conventions';

/**
 * Why a cluster read failed, as data. Never a stack trace, never a token.
 *
 * @public
 */
export type DevErrorType =
  | 'unauthorized'
  | 'forbidden'
  | 'not-installed'
  | 'unreachable'
  | 'timeout'
  | 'bad-response'
  | 'unknown';

/** @public */
export interface DevError {
  type: DevErrorType;
  message: string;
  statusCode?: number;
  /** What was being read, for example `applications.argoproj.io argo/web-corporate-dev`. */
  resource?: string;
  cluster?: string;
}

/**
 * Argo CD's sync statuses (`status.sync.status`).
 *
 * @public
 */
export const ARGO_SYNC_STATUSES = ['Synced', 'OutOfSync', 'Unknown'] as const;
/** @public */
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
/** @public */
export type ArgoHealthStatus = (typeof ARGO_HEALTH_STATUSES)[number];

/** @public */
export interface ArgoOperation {
  phase: string;
  message?: string;
  finishedAt?: string;
}

/** @public */
export type ArgoStatus =
  | {
      state: 'ok';
      sync: ArgoSyncStatus;
      health: ArgoHealthStatus;
      healthMessage?: string;
      revision?: string;
      revisionUrl?: string;
      lastSyncedAt?: string;
      operation?: ArgoOperation;
      autoSync: boolean;
      selfHeal: boolean;
      prune: boolean;
      repoURL?: string;
      targetRevision?: string;
      valueFiles: string[];
    }
  | { state: 'not-found' }
  | { state: 'error'; error: DevError };

/** @public */
export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why a container is not running, for example `CrashLoopBackOff`. */
  reason?: string;
}

/** @public */
export type WorkloadStatus =
  | {
      state: 'ok';
      kind: 'Deployment' | 'StatefulSet';
      name: string;
      replicas: number;
      readyReplicas: number;
      image?: string;
      /** The app's public URL, from the env var named by `serverUrlEnv` (http(s) only). */
      serverUrl?: string;
      pods: PodSummary[];
    }
  | { state: 'not-found' }
  | { state: 'error'; error: DevError };

/** @public */
export type OktetoMode = 'sync' | 'hybrid';

/** @public */
export type OktetoStatus =
  | { state: 'off' }
  | {
      state: 'on';
      mode: OktetoMode;
      /** Creation time of the `<workload>-okteto` clone (Okteto writes no start annotation). */
      since?: string;
      image?: string;
      /** `OKTETO_USERNAME` of the dev container, when Okteto set it. */
      user?: string;
      clone: string;
      pods: PodSummary[];
    }
  | { state: 'broken'; problems: string[]; clone?: string; pods?: PodSummary[] }
  | { state: 'error'; error: DevError };

/** @public */
export type DriftKind =
  | 'none'
  | 'expected-okteto'
  | 'self-heal-conflict'
  | 'unexpected'
  | 'unknown';

/** @public */
export interface Drift {
  kind: DriftKind;
  message: string;
}

/**
 * Ids of the readiness checklist (runbook §7, plus `stignore`).
 *
 * @public
 */
export const CHECKLIST_IDS = [
  'argo-application',
  'namespace-convention',
  'synestra-env-dev',
  'env-secret',
  'self-heal-off',
  'dev-service',
  'dev-image',
  'stignore',
] as const;

/** @public */
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/** @public */
export type ChecklistState = 'pass' | 'fail' | 'unknown';

/** @public */
export interface ChecklistItem {
  id: ChecklistId;
  status: ChecklistState;
  message: string;
}

/** @public */
export interface DevCommands {
  oktetoUp: string;
  oktetoDown: string;
  dev: string;
}

/**
 * The dev status of one entity, as the backend answers it.
 *
 * @public
 */
export interface DevStatus {
  entityRef: string;
  fetchedAt: string;
  /** Set when the cluster failed and this is the last good answer. */
  stale?: { since: string; ageSeconds: number };
  target: Pick<
    DevTarget,
    'cluster' | 'namespace' | 'workload' | 'devService' | 'application'
  > & { app: string; container: string; package: string; appDir: string };
  argo: ArgoStatus;
  workload: WorkloadStatus;
  okteto: OktetoStatus;
  drift: Drift;
  checklist: ChecklistItem[];
  commands: DevCommands;
  errors: DevError[];
}

/**
 * Response of `POST /v1/status/batch`. Entities that could not be resolved come back as `failures`.
 *
 * @public
 */
export interface DevStatusBatchResponse {
  items: DevStatus[];
  failures?: Array<{
    entityRef: string;
    error: { name: string; message: string };
  }>;
}

/** @public */
export interface DevClusterInfo {
  name: string;
  url?: string;
  authProvider: string;
  reachable: boolean;
  version?: string;
  error?: DevError;
}

/** @public */
export interface DevClustersResponse {
  items: DevClusterInfo[];
}
