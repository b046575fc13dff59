import { DevTarget } from './conventions';
import { DevMessage } from './messages';

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

/**
 * Argo CD's last operation (`status.operationState`).
 *
 * @public
 */
export interface ArgoOperation {
  phase: string;
  /** True for phases Failed and Error: the sync did not apply. */
  failed: boolean;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** The revision the operation synced (`syncResult.revision`). */
  revision?: string;
  /** `initiatedBy`: automated, or the user who started it. */
  automated?: boolean;
  username?: string;
}

/**
 * One entry of `status.history`: a successful sync.
 *
 * @public
 */
export interface ArgoHistoryEntry {
  id?: number;
  revision?: string;
  deployedAt?: string;
  automated?: boolean;
  username?: string;
}

/**
 * One resource of `status.resources`: its own sync state (Argo CD 3.x stores no per-resource
 * health here by default).
 *
 * @public
 */
export interface ArgoResource {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  requiresPruning?: boolean;
}

/**
 * A condition of the Application (`status.conditions`), e.g. ComparisonError.
 *
 * @public
 */
export interface ArgoCondition {
  type: string;
  message?: string;
}

/** @public */
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

/** @public */
export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why a container is not running, for example `CrashLoopBackOff`, or `Init:ImagePullBackOff`. */
  reason?: string;
  /** When the main container started running. */
  startedAt?: string;
  /** How the main container last ended (`lastState.terminated`): why it restarted. */
  lastTermination?: { reason?: string; exitCode?: number; finishedAt?: string };
}

/** @public */
export type WorkloadStatus =
  | {
      state: 'ok';
      kind: 'Deployment';
      name: string;
      replicas: number;
      readyReplicas: number;
      image?: string;
      /** The app's public URL, from the env var named by `serverUrlEnv` (http(s) only). */
      serverUrl?: string;
      /** How Argo CD tracks the workload: read from the objects (`argocd.argoproj.io/tracking-id` or not). */
      tracking: 'annotation' | 'label' | 'none';
      pods: PodSummary[];
    }
  | { state: 'not-found' }
  | { state: 'error'; error: DevError };

/** @public */
export type OktetoMode = 'sync' | 'hybrid';

/**
 * How long a dev session has existed (from the dev clone's creation: Okteto writes no start time).
 *
 * @public
 */
export interface DevSession {
  since?: string;
  ageSeconds?: number;
  /** Older than the configured age (`oktetoDev.abandonedAfterHours`, default 8): probably forgotten. */
  abandoned: boolean;
}

/** @public */
export type OktetoStatus =
  | { state: 'off' }
  | ({
      state: 'on';
      mode: OktetoMode;
      image?: string;
      /**
       * `OKTETO_USERNAME` of the dev container. Only Okteto Platform contexts set it; on plain
       * Kubernetes nothing in the cluster says who started dev mode.
       */
      user?: string;
      clone: string;
      /**
       * The dev container runs Okteto's start script; the app process runs from the developer's
       * terminal over SSH, so the cluster cannot tell whether it runs. Ready here means only that.
       */
      pods: PodSummary[];
    } & DevSession)
  | ({
      state: 'broken';
      problems: DevMessage[];
      clone?: string;
      user?: string;
      pods?: PodSummary[];
    } & Partial<DevSession>)
  | { state: 'error'; error: DevError };

/** @public */
export type DriftKind =
  | 'none'
  | 'expected-okteto'
  | 'conflict'
  | 'unexpected'
  | 'unknown';

/**
 * A resource Argo CD sees OutOfSync, and whether dev mode explains it.
 *
 * @public
 */
export interface DriftResource extends ArgoResource {
  cause: 'dev-mode' | 'other';
}

/**
 * What Argo CD's view of the app means while dev mode may be on.
 *
 * @public
 */
export interface Drift extends DevMessage {
  kind: DriftKind;
  /** With `conflict`: how the original came back. */
  cause?: 'auto-sync' | 'self-heal' | 'interrupted' | 'other';
  /** The OutOfSync resources, each with its cause. */
  resources: DriftResource[];
}

/**
 * Ids of the readiness checklist (the runbook's §7, plus the `/spec/replicas` guard and `stignore`).
 *
 * @public
 */
export const CHECKLIST_IDS = [
  'argo-application',
  'namespace-convention',
  'env-var',
  'env-secret',
  'self-heal-off',
  'replicas-ignored',
  'dev-service',
  'dev-image',
  'stignore',
] as const;

/** @public */
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/** @public */
export type ChecklistState = 'pass' | 'fail' | 'unknown';

/** @public */
export interface ChecklistItem extends DevMessage {
  id: ChecklistId;
  status: ChecklistState;
}

/**
 * The commands a developer copies.
 *
 * @public
 */
export interface DevCommands {
  oktetoUp: string;
  oktetoDown: string;
  /** What runs the app in the dev container. */
  dev: string;
  /**
   * `dev-entry`: the dev entry's own `command`, which okteto up runs itself (nothing to type);
   * `package`: typed in the dev container's shell (`pnpm --filter <package> dev`).
   */
  devSource: 'dev-entry' | 'package';
}

/**
 * Where a value of the target came from, most trusted first.
 *
 * @public
 */
export type DevValueSource =
  | 'annotation'
  | 'dev-entry'
  | 'source-location'
  | 'package-json'
  | 'convention';

/**
 * The dev entry of the Okteto manifest that targets the workload.
 *
 * @public
 */
export interface DevEntryInfo {
  name: string;
  manifestPath: string;
  /** Other entries that target the same workload (web-core keeps `<name>-web-app` aliases). */
  aliases: string[];
  workdir?: string;
  command?: string;
}

/**
 * Links the card offers; each is present only when it can be built (a configured Argo CD URL, a
 * source location, a URL the workload declares).
 *
 * @public
 */
export interface DevLinks {
  /** The Application in the Argo CD UI (`oktetoDev.argocd.baseUrl`, per cluster or instance). */
  argocd?: string;
  /** The app's dev URL: the workload's server-URL env var, else Argo CD's external URLs (Ingress hosts). */
  app?: string;
  /** The dev entry in the Okteto manifest. */
  devEntry?: string;
  /** The dev Application's file in the repository. */
  applicationFile?: string;
  /** The dev env values file in the repository. */
  valuesFile?: string;
}

/**
 * A Kubernetes event about the workload, its clone or their pods.
 *
 * @public
 */
export interface DevEvent {
  type: string;
  reason?: string;
  message?: string;
  object: { kind: string; name: string };
  count: number;
  lastSeen?: string;
}

/**
 * Answer of `GET /v1/events`: recent Warning events, read only when asked for.
 *
 * @public
 */
export interface DevEventsResponse {
  entityRef: string;
  fetchedAt: string;
  items: DevEvent[];
  error?: DevError;
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
  > & {
    app: string;
    container: string;
    package: string;
    appDir: string;
    envVar: { name: string; value: string };
    /** Repository files of the app's Argo CD set-up (from the conventions). */
    applicationPath: string;
    valuesPath: string;
    sources: { package: DevValueSource; appDir: DevValueSource };
    /** Why a value is a guess (e.g. a missing package.json). */
    notes: DevMessage[];
    devEntry?: DevEntryInfo;
  };
  argo: ArgoStatus;
  workload: WorkloadStatus;
  okteto: OktetoStatus;
  drift: Drift;
  checklist: ChecklistItem[];
  commands: DevCommands;
  links: DevLinks;
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
