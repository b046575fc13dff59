import { ArgoResource, ArgoStatus } from './argoTypes';
import { DevTarget } from './conventions';
import { DevError } from './errors';
import { DevMessage } from './messages';
import { PackageManagerChoice } from './packageManager';
import { OktetoStatus, WorkloadStatus } from './workloadTypes';

/**
 * What Argo CD's OutOfSync means: `none`; `expected-okteto` (only what dev mode changes);
 * `conflict` (the original workload serves again next to the dev clone); `unexpected` (drift dev
 * mode does not explain); `unknown` (Argo CD's view could not be read or compared).
 *
 * @public
 */
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
  /** Whether dev mode explains that the resource is OutOfSync. */
  cause: 'dev-mode' | 'other';
}

/**
 * What Argo CD's view of the app means while dev mode may be on.
 *
 * @public
 */
export interface Drift extends DevMessage {
  /** What the drift means. */
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

/**
 * The id of a readiness checklist item: one of {@link CHECKLIST_IDS}.
 *
 * @public
 */
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/**
 * The result of a checklist item: `unknown` when what it checks could not be read.
 *
 * @public
 */
export type ChecklistState = 'pass' | 'fail' | 'unknown';

/**
 * One item of the readiness checklist: its id, its result, and the statement that explains it.
 *
 * @public
 */
export interface ChecklistItem extends DevMessage {
  /** Which item. */
  id: ChecklistId;
  /** Its result. */
  status: ChecklistState;
}

/**
 * The commands a developer copies. Every word is checked (the dev entry name as Okteto validates
 * it, the namespace as a DNS-1123 label, the package as an npm package name) and quoted for a
 * POSIX shell.
 *
 * @public
 */
export interface DevCommands {
  /** Starts dev mode (`okteto up`). */
  oktetoUp: string;
  /** Stops dev mode (`okteto down`). */
  oktetoDown: string;
  /**
   * What the developer types in the dev container's shell to run the app (the package manager's
   * workspace dev script). Absent when the dev entry has its own `command` — okteto up runs that
   * itself (`target.devEntry.command`, shown as information, never offered to paste) — or when the
   * package name failed its check (`guard` says so).
   */
  dev?: string;
  /**
   * `dev-entry`: the dev entry's own `command`, which okteto up runs itself (nothing to type);
   * `package`: typed in the dev container's shell (`dev`).
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
  /** The entry's key under `dev:`. */
  name: string;
  /** The Okteto manifest that holds it, from the repository root. */
  manifestPath: string;
  /** Other entries that target the same workload (web-core keeps `<name>-web-app` aliases). */
  aliases: string[];
  /** The entry's `workdir`. */
  workdir?: string;
  /** The entry's `command`, which `okteto up` runs in the dev container. */
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
  /** The event's type (`Warning`). */
  type: string;
  /** The event's reason, e.g. `BackOff`, `FailedScheduling`. */
  reason?: string;
  /** The event's message (at most 500 characters). */
  message?: string;
  /** The object the event is about: the workload, its clone, or one of their ReplicaSets or Pods. */
  object: { kind: string; name: string };
  /** How many times it happened. */
  count: number;
  /** When it last happened. */
  lastSeen?: string;
}

/**
 * Answer of `GET /v1/events`: recent Warning events, read only when asked for.
 *
 * @public
 */
export interface DevEventsResponse {
  /** The entity the events are for. */
  entityRef: string;
  /** When they were read. */
  fetchedAt: string;
  /** The events, newest first. */
  items: DevEvent[];
  /** Why the events could not be read. */
  error?: DevError;
}

/**
 * The dev status of one entity, as the backend answers it.
 *
 * @public
 */
export interface DevStatus {
  /** The entity the status is for. */
  entityRef: string;
  /** When the cluster was read. */
  fetchedAt: string;
  /** Set when the cluster failed and this is the last good answer. */
  stale?: { since: string; ageSeconds: number };
  /** Where the dev environment lives, with where each value came from. */
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
    /** The repository's package manager, which the dev command follows, and how it was told. */
    packageManager?: PackageManagerChoice;
    /** Why a value is a guess (e.g. a missing package.json, no package manager named). */
    notes: DevMessage[];
    devEntry?: DevEntryInfo;
  };
  /** The dev Argo CD Application. */
  argo: ArgoStatus;
  /** The dev workload. */
  workload: WorkloadStatus;
  /** Okteto dev mode. */
  okteto: OktetoStatus;
  /** What Argo CD's OutOfSync means. */
  drift: Drift;
  /**
   * The readiness checklist, in the order of {@link CHECKLIST_IDS}, without the items switched off
   * in config (`oktetoDev.checklist.<id>.enabled: false`).
   */
  checklist: ChecklistItem[];
  /** The items switched off in config: not checked, so neither passed nor failed. */
  checklistOff?: ChecklistId[];
  /**
   * The commands to start and stop dev mode and run the app. Absent when they are withheld: the
   * dev Application deploys somewhere else than the dev target, the dev entry selects another
   * workload, or a value of the commands failed its check (`guard` says which).
   */
  commands?: DevCommands;
  /**
   * Why commands are not offered (all of them, or the one to run the app): the target guard and
   * each value that failed its check, naming the value and where it came from.
   */
  guard?: DevMessage[];
  /** Links to Argo CD, the app and the repository files. */
  links: DevLinks;
  /** Every read that failed. */
  errors: DevError[];
  /**
   * How the answer was read, when the backend's live mode is on: `watch` from watches it keeps
   * open on the cluster, or `polling` from cached LISTs on each view, with the reason (a watch
   * forbidden or failing, too many namespaces, not watched yet). With `watch`, `channel` is the
   * signal channel on which changes of this entity are pushed: opaque (see
   * {@link DEV_STATUS_CHANNEL_PREFIX}), handed out only with the status; channels rotate, and
   * from `renewAt` on a holder should fetch the status again to get the next one (the old one
   * keeps working for one more rotation).
   */
  live?: {
    mode: 'watch' | 'polling';
    reason?: string;
    channel?: string;
    renewAt?: string;
  };
}

/**
 * Response of `POST /v1/status/batch`. Entities that could not be resolved come back as `failures`.
 *
 * @public
 */
export interface DevStatusBatchResponse {
  /** The statuses of the entities that could be resolved. */
  items: DevStatus[];
  /** The entities that could not: unknown, invisible to the caller, denied, or without `okteto-dev/app`. */
  failures?: Array<{
    entityRef: string;
    error: {
      name: string;
      message: string;
      /** For a target the configuration does not allow, or a bad value: each one, as a statement. */
      refusals?: DevMessage[];
    };
  }>;
}

/**
 * A configured cluster: how the backend authenticates to it and whether it answers.
 *
 * @public
 */
export interface DevClusterInfo {
  /** The cluster's name. */
  name: string;
  /** Its API server URL, when configured. */
  url?: string;
  /** How the backend authenticates to it (the Kubernetes plugin's `authProvider`). */
  authProvider: string;
  /**
   * Where it is configured, for example `oktetoDev.clusters[0]`,
   * `kubernetes.clusterLocatorMethods[1] (catalog) Resource default/eu-dev` or a module's supplier.
   */
  source?: string;
  /** False when okteto-dev cannot use it; `error` (type `unusable`) says why. No request is sent to it. */
  usable?: boolean;
  /** Whether it answered. */
  reachable: boolean;
  /** The Kubernetes version it reports. */
  version?: string;
  /** Why it did not answer, or why it cannot be used. */
  error?: DevError;
}

/**
 * Response of `GET /v1/clusters`: the configured clusters.
 *
 * @public
 */
export interface DevClustersResponse {
  /** The configured clusters, usable or not (each says). */
  items: DevClusterInfo[];
  /** Where clusters are configured but could not be read (a cluster locator, the catalog, GKE). */
  failures?: Array<{ source: string; message: string }>;
}
