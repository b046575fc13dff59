import { DevError } from './errors';
import { DevMessage } from './messages';

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
