import { createHash } from 'node:crypto';
import {
  DevMessage,
  DevStatus,
  PodSummary,
} from '@okteto-dev/plugin-okteto-dev-common';

const pods = (list: PodSummary[] | undefined) =>
  (list ?? []).map(p => [p.name, p.phase, p.ready, p.reason ?? '']);

const messages = (list: DevMessage[]) => list.map(m => [m.code, m.params]);

/**
 * What the card shows of a status, as a short hash: drift kind and cause, the Okteto session
 * (state, problems, abandonment), Argo CD's sync, health, revisions and last operation, the
 * workload and its pods, the checklist, the error types. Not `fetchedAt`, ages or restart counts:
 * a status that only got older, or a pod that restarted once more, is not a change to push.
 */
export function cardFingerprint(s: DevStatus): string {
  const { argo, workload, okteto, drift } = s;
  const view = [
    drift.kind,
    drift.cause ?? '',
    drift.resources.map(r => [r.kind, r.name, r.status ?? '', r.cause]),
    argo.state === 'ok'
      ? [
          argo.sync,
          argo.health,
          argo.revision ?? '',
          argo.comparedRevision ?? '',
          argo.reconcileStale,
          argo.operation
            ? [
                argo.operation.phase,
                argo.operation.revision ?? '',
                argo.operation.startedAt ?? '',
              ]
            : null,
          argo.conditions.map(c => c.type),
          argo.autoSync,
          argo.selfHeal,
          argo.replicasIgnored,
        ]
      : [argo.state, argo.state === 'error' ? argo.error.type : ''],
    workload.state === 'ok'
      ? [
          workload.replicas,
          workload.readyReplicas,
          workload.image ?? '',
          pods(workload.pods),
        ]
      : [workload.state, workload.state === 'error' ? workload.error.type : ''],
    okteto.state === 'on'
      ? [
          okteto.state,
          okteto.mode,
          okteto.user ?? '',
          okteto.clone,
          okteto.abandoned,
          pods(okteto.pods),
        ]
      : [
          okteto.state,
          okteto.state === 'broken'
            ? [
                messages(okteto.problems),
                okteto.abandoned ?? false,
                pods(okteto.pods),
              ]
            : '',
          okteto.state === 'error' ? okteto.error.type : '',
        ],
    s.checklist.map(i => [i.id, i.status]),
    s.commands?.oktetoDown ?? '',
    (s.guard ?? []).map(g => g.code),
    s.errors.map(e => [e.type, e.resource ?? '']),
  ];
  return createHash('sha1').update(JSON.stringify(view)).digest('base64');
}
