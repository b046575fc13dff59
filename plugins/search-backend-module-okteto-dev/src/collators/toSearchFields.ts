import {
  DevStatus,
  OKTETO_STATE_SEARCH_VALUES,
  OktetoDevSearchFields,
} from '@okteto-dev/plugin-okteto-dev-common';

const UNKNOWN = 'unknown';

/** A missing Application is `Missing`; an unreadable one is `unknown`. */
function argoAbsent(state: 'not-found' | 'error'): string {
  return state === 'not-found' ? 'Missing' : UNKNOWN;
}

/**
 * The search fields of one dev status (those the frontend filters and chips use): `unknown`
 * wherever the cluster could not be read.
 */
export function toSearchFields(status: DevStatus): OktetoDevSearchFields {
  const { argo, okteto } = status;
  const oktetoState =
    okteto.state === 'error'
      ? OKTETO_STATE_SEARCH_VALUES.unknown
      : OKTETO_STATE_SEARCH_VALUES[okteto.state];
  return {
    entityRef: status.entityRef,
    app: status.target.app,
    namespace: status.target.namespace,
    argoSync: argo.state === 'ok' ? argo.sync : argoAbsent(argo.state),
    argoHealth: argo.state === 'ok' ? argo.health : argoAbsent(argo.state),
    oktetoState,
    ...(okteto.state === 'on' && okteto.user
      ? { oktetoUser: okteto.user }
      : {}),
    ...(okteto.state === 'on' && okteto.abandoned
      ? { oktetoAbandoned: true }
      : {}),
    driftKind: status.drift.kind,
    checklistFailed: status.checklist
      .filter(i => i.status === 'fail')
      .map(i => i.id),
    fetchedAt: status.fetchedAt,
  };
}

/**
 * A sentence in the words people type: "corporate dev: Synced Healthy, Okteto dev mode on since …,
 * image …". Search engines match on it; messages are the English `message` of the status.
 */
export function toSearchText(status: DevStatus): string {
  const { argo, okteto, target } = status;
  const parts: string[] = [];
  /** Whole English sentences of the status, after the summary. */
  const details: string[] = [];
  if (argo.state === 'ok') {
    parts.push(`${argo.sync} ${argo.health}`);
  } else if (argo.state === 'not-found') {
    parts.push(`Argo CD Application ${target.application.name} missing`);
  } else {
    parts.push('Argo CD status unknown');
  }
  if (okteto.state === 'on') {
    parts.push(
      [
        `Okteto dev mode on ${
          okteto.user
            ? `by ${okteto.user}`
            : 'by a developer unknown to the cluster'
        }`,
        okteto.since ? `since ${okteto.since}` : undefined,
        okteto.abandoned ? 'probably abandoned' : undefined,
        okteto.image ? `image ${okteto.image}` : undefined,
      ]
        .filter(Boolean)
        .join(' '),
    );
    if (okteto.abandoned) {
      // no command when the target guard withholds it (or a value failed its check)
      const down = status.commands?.oktetoDown;
      details.push(
        down
          ? `Dev mode has been on since ${okteto.since}: if nobody works on it, run ${down}.`
          : `Dev mode has been on since ${okteto.since}.`,
      );
    }
  } else if (okteto.state === 'off') {
    parts.push('Okteto dev mode off');
  } else if (okteto.state === 'broken') {
    parts.push('Okteto dev mode broken');
    details.push(...okteto.problems.map(p => p.message));
  } else {
    parts.push('Okteto dev mode unknown');
  }
  if (status.drift.kind !== 'none') parts.push(`drift ${status.drift.kind}`);
  if (status.drift.kind === 'conflict' || status.drift.kind === 'unexpected') {
    details.push(status.drift.message);
  }
  const failed = status.checklist
    .filter(i => i.status === 'fail')
    .map(i => i.id);
  if (failed.length > 0) parts.push(`not ready: ${failed.join(', ')}`);
  if (status.stale) parts.push(`stale since ${status.stale.since}`);
  return [
    `${target.app} dev (${target.namespace}): ${parts.join(', ')}.`,
    ...details,
  ].join(' ');
}
