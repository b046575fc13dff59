import { DevError } from './errors';
import { DevMessage } from './messages';

/**
 * One pod of the workload or of its dev clone: phase, readiness, restarts and why it is not running.
 *
 * @public
 */
export interface PodSummary {
  /** The pod's name. */
  name: string;
  /** The pod's phase (`Pending`, `Running`, ...). */
  phase: string;
  /** Whether every container of the pod is ready. */
  ready: boolean;
  /** Restarts of the pod's containers, added up. */
  restarts: number;
  /** Why a container is not running, for example `CrashLoopBackOff`, or `Init:ImagePullBackOff`. */
  reason?: string;
  /** When the main container started running. */
  startedAt?: string;
  /** How the main container last ended (`lastState.terminated`): why it restarted. */
  lastTermination?: { reason?: string; exitCode?: number; finishedAt?: string };
}

/**
 * The app's workload (a Deployment or a StatefulSet) as the cluster has it (`ok`), missing
 * (`not-found`), or unreadable (`error`).
 *
 * @public
 */
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
      /** How Argo CD tracks the workload: read from the objects (`argocd.argoproj.io/tracking-id` or not). */
      tracking: 'annotation' | 'label' | 'none';
      pods: PodSummary[];
    }
  | { state: 'not-found' }
  | { state: 'error'; error: DevError };

/**
 * The dev container's mode: `sync` (files synced into a clone of the workload) or `hybrid` (the app
 * runs on the developer's machine).
 *
 * @public
 */
export type OktetoMode = 'sync' | 'hybrid';

/**
 * How long a dev session has existed (from the dev clone's creation: Okteto writes no start time).
 *
 * @public
 */
export interface DevSession {
  /** When the dev clone was created (ISO 8601). */
  since?: string;
  /** Seconds since then, at the time of the read. */
  ageSeconds?: number;
  /** Older than the configured age (`oktetoDev.abandonedAfterHours`, default 8): probably forgotten. */
  abandoned: boolean;
}

/**
 * Okteto dev mode of the workload: `off`; `on`, with the dev clone, its pods and who runs it;
 * `broken`, with the problems found (for example the workload marked for dev mode but its dev
 * clone deleted); or `error` when the cluster could not be read.
 *
 * @public
 */
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
