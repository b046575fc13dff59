import { DevError, DevTarget } from '@okteto-dev/plugin-okteto-dev-common';

/** The outcome of one read: a value, or an error kept as data. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: DevError };

/** The parts of Kubernetes objects that the derivation reads. */
export interface KubeMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeContainer {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef?: { name?: string; optional?: boolean } }>;
}

export interface KubeDeployment {
  kind?: string;
  metadata: KubeMeta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { containers?: KubeContainer[] };
    };
  };
  status?: { replicas?: number; readyReplicas?: number };
}

export interface KubePod {
  metadata: KubeMeta;
  status?: {
    phase?: string;
    reason?: string;
    containerStatuses?: Array<{
      name: string;
      ready?: boolean;
      restartCount?: number;
      state?: {
        waiting?: { reason?: string; message?: string };
        terminated?: { reason?: string };
      };
    }>;
  };
}

export interface ArgoSource {
  repoURL?: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
  helm?: { valueFiles?: string[] };
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
  };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    operationState?: {
      phase?: string;
      message?: string;
      finishedAt?: string;
    };
    history?: Array<{ revision?: string; deployedAt?: string }>;
    reconciledAt?: string;
  };
}

/** A file read from the entity's repository through the UrlReader. */
export interface RepoFile {
  path: string;
  /** undefined when the file does not exist. */
  content?: string;
  url?: string;
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
  /** Pods of the target namespace; undefined when not read (nothing to explain). */
  pods?: Read<KubePod[]>;
  /** Names of the Secrets of the target namespace (metadata-only read). */
  secretNames: Read<string[]>;
  /** The Okteto manifest; undefined when the entity has no readable source location. */
  manifest?: Read<RepoFile>;
  /** The `.stignore` Okteto would read for the dev entry, when a dev entry was found. */
  stignore?: Read<RepoFile>;
}
