import { ArgoResource, ArgoStatus } from './argoTypes';
import { DevTarget } from './conventions';
import { DevError } from './errors';
import { DevMessage } from './messages';
import { OktetoStatus, WorkloadStatus } from './workloadTypes';

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
