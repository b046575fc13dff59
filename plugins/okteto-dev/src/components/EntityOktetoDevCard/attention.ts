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
 * Which part needs action, and how badly: those open by default, with their tone on the heading.
 * Everything else starts collapsed.
 */
export function sectionAttention(
  status: DevStatus,
): Partial<Record<SectionId, Tone>> {
  const { argo, workload, okteto, drift, checklist } = status;
  const attention: Partial<Record<SectionId, Tone>> = {};

  if (drift.kind === 'conflict') attention.drift = 'error';
  else if (drift.kind === 'unexpected') attention.drift = 'warning';

  if (okteto.state === 'broken' || okteto.state === 'error') {
    attention.okteto = 'error';
  } else if (okteto.state === 'on' && okteto.abandoned) {
    attention.okteto = 'warning';
  }

  if (argo.state !== 'ok' || argo.operation?.failed) {
    attention.argo = 'error';
  } else if (argo.conditions.length > 0 || argo.reconcileStale) {
    attention.argo = 'warning';
  }

  if (
    workload.state === 'error' ||
    (workload.state === 'ok' && workload.pods.some(pod => pod.reason))
  ) {
    attention.workload = 'error';
  }

  if (checklist.some(item => item.status === 'fail')) {
    attention.checklist = 'error';
  }
  return attention;
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
