import {
  DevError,
  DevTarget,
  OktetoDevEntry,
} from '@okteto-dev/plugin-okteto-dev-common';
import type { ChecklistSettings } from './checklistSettings';

/** The outcome of one read: a value, or an error kept as data. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: DevError };

/** The parts of Kubernetes objects that the derivation reads. */
export interface KubeMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion?: string;
    kind: string;
    name: string;
    controller?: boolean;
  }>;
}

/** A reference to a Secret key from an env var (`env[].valueFrom.secretKeyRef`). */
export interface KubeSecretKeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface KubeContainer {
  name: string;
  image?: string;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: KubeSecretKeyRef };
  }>;
  envFrom?: Array<{ secretRef?: { name?: string; optional?: boolean } }>;
}

export interface KubeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The kinds of workload a dev target can be: Okteto's `apps.Get` finds a Deployment, else a StatefulSet. */
export type WorkloadKind = 'Deployment' | 'StatefulSet';

/**
 * A Deployment or a StatefulSet: the fields the derivation reads are the same in both
 * (okteto `pkg/k8s/apps` treats them through one `App` interface).
 */
export interface KubeWorkload {
  kind?: string;
  metadata: KubeMeta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: {
        containers?: KubeContainer[];
        volumes?: Array<{
          name: string;
          persistentVolumeClaim?: { claimName?: string };
        }>;
      };
    };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    conditions?: KubeCondition[];
  };
}

/** The workload type's old name: a Deployment or a StatefulSet (see {@link KubeWorkload}). */
export type KubeDeployment = KubeWorkload;

export interface KubeContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
  lastState?: {
    terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
  };
}

export interface KubePod {
  metadata: KubeMeta;
  /**
   * Of the pod's spec, only which Secrets its containers take (the live store keeps nothing else:
   * no env values, no image), to tell what a started container proves.
   */
  spec?: { containers?: KubeContainer[] };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: KubeCondition[];
    initContainerStatuses?: KubeContainerStatus[];
    containerStatuses?: KubeContainerStatus[];
  };
}

export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

export interface ArgoSource {
  repoURL?: string;
  path?: string;
  chart?: string;
  ref?: string;
  targetRevision?: string;
  helm?: { valueFiles?: string[] };
}

export interface ArgoInitiatedBy {
  username?: string;
  automated?: boolean;
}

export interface ArgoIgnoreDifference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
}

export interface ArgoApplicationObject {
  metadata: KubeMeta;
  spec?: {
    project?: string;
    source?: ArgoSource;
    sources?: ArgoSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { enabled?: boolean; prune?: boolean; selfHeal?: boolean };
      syncOptions?: string[];
    };
    ignoreDifferences?: ArgoIgnoreDifference[];
  };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      operation?: { initiatedBy?: ArgoInitiatedBy };
      syncResult?: { revision?: string; revisions?: string[] };
    };
    history?: Array<{
      id?: number;
      revision?: string;
      revisions?: string[];
      deployedAt?: string;
      initiatedBy?: ArgoInitiatedBy;
    }>;
    resources?: Array<{
      group?: string;
      version?: string;
      kind?: string;
      namespace?: string;
      name?: string;
      status?: string;
      requiresPruning?: boolean;
    }>;
    conditions?: Array<{ type?: string; message?: string }>;
    reconciledAt?: string;
    summary?: { externalURLs?: string[] };
  };
}

/** A file read from the entity's repository through the UrlReader. */
export interface RepoFile {
  path: string;
  /** undefined when the file does not exist. */
  content?: string;
  url?: string;
}

/** A parsed Okteto manifest (parsed once per content by the service's cache). */
export type ParsedManifest =
  | { ok: true; data: unknown }
  | { ok: false; message: string };

/** The dev entry of the Okteto manifest that targets the workload, or why there is none. */
export type DevEntryLookup =
  | {
      state: 'found';
      name: string;
      entry: OktetoDevEntry;
      manifestPath: string;
      aliases: string[];
      /** Every dev entry of the manifest (the target guard checks what the command's entry selects). */
      entries: Record<string, OktetoDevEntry>;
    }
  | { state: 'no-source' }
  | { state: 'unreadable'; error: DevError }
  | { state: 'missing-manifest'; manifestPath: string }
  | { state: 'invalid'; manifestPath: string; message: string }
  | { state: 'legacy'; manifestPath: string }
  | {
      state: 'missing-entry';
      manifestPath: string;
      entries: Record<string, OktetoDevEntry>;
    };

/** The repository side of one entity: the manifest, the dev entry, and the files it leads to. */
export interface FetchedRepoFiles {
  devEntry: DevEntryLookup;
  /** One `.stignore` per sync folder of the dev entry. */
  stignores: Array<Read<RepoFile>>;
  /** The app folder, and where it came from. */
  appDir: {
    path: string;
    source: 'annotation' | 'dev-entry' | 'source-location' | 'convention';
  };
  /** `<appDir>/package.json`, when the package is not set by annotation. */
  packageJson?: Read<RepoFile>;
  /** The manifest as read (for the dev entry's line). */
  manifest?: RepoFile;
  /**
   * What tells the package manager, when the dev command needs one: the root `package.json`, and
   * only when it names none the root lockfiles in order until one exists.
   */
  packageManager?: {
    rootPackageJson: Read<RepoFile>;
    lockfiles: Array<{ file: string; read: Read<RepoFile> }>;
  };
  /** Web UI URLs of the app's files, when the repository is known. */
  links: { manifest?: string; applicationFile?: string; valuesFile?: string };
}

/** Tunables of the derivation that come from config. */
export interface DeriveOptions {
  /** A dev session older than this is probably abandoned. */
  abandonedAfterSeconds: number;
  /** Argo CD's `reconciledAt` older than this makes its status stale. */
  reconcileStaleSeconds: number;
  /** Which checklist items are checked, against which names (`oktetoDev.checklist`). */
  checklist?: ChecklistSettings;
}

/** Everything the I/O shell fetched for one entity; the derivation needs nothing else. */
export interface FetchedDevObjects {
  entityRef: string;
  fetchedAt: string;
  target: DevTarget;
  /** The namespace the conventions alone would give (without annotation overrides). */
  conventionNamespace: string;
  /** undefined: the Application does not exist. */
  application: Read<ArgoApplicationObject | undefined>;
  /** Deployments of the target namespace. */
  deployments: Read<KubeDeployment[]>;
  /** Pods of the target namespace. */
  pods: Read<KubePod[]>;
  /**
   * Only with the opt-in `oktetoDev.checklist.env-secret.readSecretMetadata`: whether each
   * required Secret exists, from a metadata-only GET by name. Secrets are not read otherwise.
   */
  secrets?: Array<{ name: string; exists: Read<boolean> }>;
  repo: FetchedRepoFiles;
  /** The Argo CD UI holding the Application, when configured. */
  argocdBaseUrl?: string;
  /** The API server URL of the workload's cluster, when configured (the target guard). */
  clusterUrl?: string;
}
