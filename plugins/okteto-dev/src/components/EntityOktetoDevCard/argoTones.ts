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

const SEVERITY: Tone[] = ['ok', 'off', 'info', 'neutral', 'warning', 'error'];

/** The more severe of some tones (an unknown tone counts as neutral). */
export function worstTone(...tones: Array<Tone | undefined>): Tone {
  return tones.reduce<Tone>((worst, tone) => {
    const next = tone ?? 'neutral';
    return SEVERITY.indexOf(next) > SEVERITY.indexOf(worst) ? next : worst;
  }, 'ok');
}
