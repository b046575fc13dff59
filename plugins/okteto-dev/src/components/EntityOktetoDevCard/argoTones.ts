import {
  ArgoHealthStatus,
  ArgoSyncStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { Tone } from './StatusChip';

/** How each Argo CD sync status is shown (with its text: never colour alone). */
export const SYNC_TONES: Record<ArgoSyncStatus, Tone> = {
  Synced: 'ok',
  OutOfSync: 'warning',
  Unknown: 'neutral',
};

/** How each Argo CD health status is shown. */
export const HEALTH_TONES: Record<ArgoHealthStatus, Tone> = {
  Healthy: 'ok',
  Progressing: 'info',
  Degraded: 'error',
  Suspended: 'warning',
  Missing: 'error',
  Unknown: 'neutral',
};
