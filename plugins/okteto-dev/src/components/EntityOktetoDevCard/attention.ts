import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { Tone } from './StatusChip';

/** The expandable parts of the card. */
export type SectionId =
  | 'drift'
  | 'okteto'
  | 'argo'
  | 'workload'
  | 'checklist'
  | 'commands';

/**
 * How a section's heading reads: its tone (an icon), whether it opens by itself, and `unread` when
 * its data could not be read (the reason is said once, under the summary line).
 */
export interface Attention {
  tone: Tone;
  open: boolean;
  unread?: boolean;
}

const opens = (tone: Tone): Attention => ({ tone, open: true });
// marked on its heading, but closed: the summary line (and `okteto down`) already say it
const marked = (tone: Tone): Attention => ({ tone, open: false });
const unread: Attention = { tone: 'neutral', open: false, unread: true };

/**
 * Which part needs action, and how badly: those open by default, with their tone on the heading.
 * A section opens only for what the summary line does not already say; everything else starts
 * collapsed.
 */
export function sectionAttention(
  status: DevStatus,
): Partial<Record<SectionId, Attention>> {
  const { argo, workload, okteto, drift, checklist } = status;
  const attention: Partial<Record<SectionId, Attention>> = {};

  if (drift.kind === 'conflict') attention.drift = opens('error');
  else if (drift.kind === 'unexpected') attention.drift = opens('warning');

  if (okteto.state === 'broken') attention.okteto = opens('error');
  else if (okteto.state === 'error') attention.okteto = unread;
  else if (okteto.state === 'on' && okteto.abandoned) {
    attention.okteto = marked('warning');
  }

  if (argo.state === 'error') attention.argo = unread;
  // the failing checklist item says it, with "Enable Okteto" or the file to add
  else if (argo.state === 'not-found') attention.argo = marked('error');
  else if (argo.operation?.failed) attention.argo = opens('error');
  else if (argo.conditions.length > 0 || argo.reconcileStale) {
    attention.argo = opens('warning');
  }

  if (workload.state === 'error') attention.workload = unread;
  else if (workload.state === 'ok' && workload.pods.some(pod => pod.reason)) {
    attention.workload = opens('error');
  }

  if (checklist.some(item => item.status === 'fail')) {
    attention.checklist = opens('error');
  }
  return attention;
}

/** Whether some read failed or the answer is old: said once, under the summary line. */
export function hasReadProblems(status: DevStatus): boolean {
  return (
    Boolean(status.stale) ||
    status.errors.length > 0 ||
    [status.argo, status.workload, status.okteto].some(
      part => part.state === 'error',
    )
  );
}

/** Offer `okteto down` above everything: the session conflicts, is broken or was forgotten. */
export function needsOktetoDown(status: DevStatus): boolean {
  const { okteto, drift } = status;
  return (
    drift.kind === 'conflict' ||
    okteto.state === 'broken' ||
    (okteto.state === 'on' && okteto.abandoned)
  );
}

/** "Enable Okteto" only for an app without a dev entry that nobody is in dev mode on. */
export function offersEnableOkteto(status: DevStatus): boolean {
  const devServiceFails = status.checklist.some(
    item => item.id === 'dev-service' && item.status === 'fail',
  );
  return (
    devServiceFails &&
    status.okteto.state !== 'on' &&
    status.okteto.state !== 'broken'
  );
}
