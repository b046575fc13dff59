import {
  ARGO_HEALTH_STATUSES,
  ARGO_SYNC_STATUSES,
  ArgoHistoryEntry,
  ArgoStatus,
  DevTarget,
  ignoresReplicas,
  RESPECT_IGNORE_DIFFERENCES,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ArgoApplicationObject,
  ArgoInitiatedBy,
  ArgoSource,
  DeriveOptions,
  Read,
} from './types';
import { isoTime } from './workloads';

function oneOf<T extends string>(values: readonly T[], value?: string): T {
  return values.find(v => v === value) ?? values[values.length - 1];
}

/**
 * A link to the commit for repositories whose web URL is derivable from the clone URL
 * (GitHub, GitLab, Bitbucket Cloud, Gitea-like hosts share the `/commit/<sha>` form).
 */
export function commitUrl(
  repoURL: string | undefined,
  revision: string | undefined,
): string | undefined {
  if (!repoURL || !revision || !/^[0-9a-f]{7,64}$/i.test(revision)) {
    return undefined;
  }
  const ssh = repoURL.match(/^git@([^:]+):(.+?)(\.git)?$/);
  const base = ssh
    ? `https://${ssh[1]}/${ssh[2]}`
    : repoURL.replace(/\.git$/, '').replace(/\/$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.hostname === 'bitbucket.org') return `${base}/commits/${revision}`;
  if (url.hostname.includes('gitlab')) return `${base}/-/commit/${revision}`;
  return `${base}/commit/${revision}`;
}

function initiator(by: ArgoInitiatedBy | undefined) {
  return {
    ...(by?.automated ? { automated: true } : {}),
    ...(by?.username ? { username: by.username } : {}),
  };
}

/** The Application's source: `spec.sources` wins over `spec.source` (types.go, HasMultipleSources). */
function primarySource(app: ArgoApplicationObject): {
  source?: ArgoSource;
  all: ArgoSource[];
} {
  const sources = app.spec?.sources;
  if (sources && sources.length > 0) {
    return {
      source: sources.find(s => s.path || s.chart) ?? sources[0],
      all: sources,
    };
  }
  const source = app.spec?.source;
  return { source, all: source ? [source] : [] };
}

function ageSeconds(from: string | undefined, now: string): number | undefined {
  if (!from) return undefined;
  const ms = Date.parse(now) - Date.parse(from);
  return Number.isNaN(ms) ? undefined : Math.max(0, Math.round(ms / 1000));
}

/**
 * Argo CD's view of the app, read as Argo CD means its fields
 * (argo-cd `pkg/apis/application/v1alpha1/types.go`): the deployed revision is the last sync's
 * `syncResult.revision` or the last `history[]` entry — `status.sync.revision` is only what the
 * comparison ran against; history is written only by successful syncs.
 */
export function deriveArgo(
  read: Read<ArgoApplicationObject | undefined>,
  target: Pick<DevTarget, 'workload' | 'namespace'>,
  fetchedAt: string,
  options: Pick<DeriveOptions, 'reconcileStaleSeconds'>,
): ArgoStatus {
  if (!read.ok) return { state: 'error', error: read.error };
  const app = read.value;
  if (!app) return { state: 'not-found' };
  const { source, all } = primarySource(app);
  const automated = app.spec?.syncPolicy?.automated;
  const syncOptions = app.spec?.syncPolicy?.syncOptions ?? [];
  const status = app.status ?? {};
  const operation = status.operationState;
  const history: ArgoHistoryEntry[] = (status.history ?? []).map(h => ({
    ...(h.id !== undefined ? { id: h.id } : {}),
    ...(h.revision ?? h.revisions?.[0]
      ? { revision: h.revision ?? h.revisions?.[0] }
      : {}),
    ...(isoTime(h.deployedAt) ? { deployedAt: isoTime(h.deployedAt) } : {}),
    ...initiator(h.initiatedBy),
  }));
  const last = history[history.length - 1];
  const operationRevision =
    operation?.syncResult?.revision ?? operation?.syncResult?.revisions?.[0];
  const failed = operation?.phase === 'Failed' || operation?.phase === 'Error';
  const revision = (!failed && operationRevision) || last?.revision;
  const compared = status.sync?.revision ?? status.sync?.revisions?.[0];
  const revisionUrl = commitUrl(source?.repoURL, revision);
  const reconciledAt = isoTime(status.reconciledAt);
  const reconcileAge = ageSeconds(reconciledAt, fetchedAt);
  const owner = app.metadata.ownerReferences?.find(
    o => o.kind === 'ApplicationSet',
  );
  const replicasIgnoredInDiff = (app.spec?.ignoreDifferences ?? []).some(i =>
    ignoresReplicas(i, target.workload, target.namespace),
  );
  return {
    state: 'ok',
    sync: oneOf(ARGO_SYNC_STATUSES, status.sync?.status),
    health: oneOf(ARGO_HEALTH_STATUSES, status.health?.status),
    ...(status.health?.message ? { healthMessage: status.health.message } : {}),
    ...(revision ? { revision } : {}),
    ...(revisionUrl ? { revisionUrl } : {}),
    ...(compared && compared !== revision
      ? { comparedRevision: compared }
      : {}),
    ...(last?.deployedAt ? { lastSyncedAt: last.deployedAt } : {}),
    ...(operation?.phase
      ? {
          operation: {
            phase: operation.phase,
            failed,
            ...(operation.message ? { message: operation.message } : {}),
            ...(isoTime(operation.startedAt)
              ? { startedAt: isoTime(operation.startedAt) }
              : {}),
            ...(isoTime(operation.finishedAt)
              ? { finishedAt: isoTime(operation.finishedAt) }
              : {}),
            ...(operationRevision ? { revision: operationRevision } : {}),
            ...initiator(operation.operation?.initiatedBy),
          },
        }
      : {}),
    history,
    resources: (status.resources ?? []).flatMap(r =>
      r.kind && r.name
        ? [
            {
              ...(r.group ? { group: r.group } : {}),
              kind: r.kind,
              ...(r.namespace ? { namespace: r.namespace } : {}),
              name: r.name,
              ...(r.status ? { status: r.status } : {}),
              ...(r.requiresPruning ? { requiresPruning: true } : {}),
            },
          ]
        : [],
    ),
    conditions: (status.conditions ?? []).flatMap(c =>
      c.type
        ? [{ type: c.type, ...(c.message ? { message: c.message } : {}) }]
        : [],
    ),
    ...(reconciledAt ? { reconciledAt } : {}),
    reconcileStale:
      reconcileAge !== undefined &&
      reconcileAge > options.reconcileStaleSeconds,
    ...(owner ? { applicationSet: owner.name } : {}),
    autoSync: automated !== undefined && automated.enabled !== false,
    selfHeal: automated?.selfHeal === true && automated.enabled !== false,
    prune: automated?.prune === true && automated.enabled !== false,
    replicasIgnored:
      replicasIgnoredInDiff && syncOptions.includes(RESPECT_IGNORE_DIFFERENCES),
    replicasIgnoredInDiff,
    ...(source?.repoURL ? { repoURL: source.repoURL } : {}),
    ...(source?.targetRevision
      ? { targetRevision: source.targetRevision }
      : {}),
    ...(source?.path ? { path: source.path } : {}),
    valueFiles: all.flatMap(s => s.helm?.valueFiles ?? []),
  };
}
