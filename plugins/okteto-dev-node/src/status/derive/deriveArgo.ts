import {
  ARGO_HEALTH_STATUSES,
  ARGO_SYNC_STATUSES,
  ArgoStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ArgoApplicationObject, Read } from './types';

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

export function deriveArgo(
  read: Read<ArgoApplicationObject | undefined>,
): ArgoStatus {
  if (!read.ok) return { state: 'error', error: read.error };
  const app = read.value;
  if (!app) return { state: 'not-found' };
  const source = app.spec?.source ?? app.spec?.sources?.[0];
  const automated = app.spec?.syncPolicy?.automated;
  const status = app.status ?? {};
  const revision = status.sync?.revision ?? status.sync?.revisions?.[0];
  const history = status.history ?? [];
  const operation = status.operationState;
  const valueFiles = (app.spec?.sources ?? (source ? [source] : [])).flatMap(
    s => s.helm?.valueFiles ?? [],
  );
  const revisionUrl = commitUrl(source?.repoURL, revision);
  return {
    state: 'ok',
    sync: oneOf(ARGO_SYNC_STATUSES, status.sync?.status),
    health: oneOf(ARGO_HEALTH_STATUSES, status.health?.status),
    ...(status.health?.message ? { healthMessage: status.health.message } : {}),
    ...(revision ? { revision } : {}),
    ...(revisionUrl ? { revisionUrl } : {}),
    ...(operation?.finishedAt || history.length
      ? {
          lastSyncedAt:
            operation?.finishedAt ?? history[history.length - 1].deployedAt,
        }
      : {}),
    ...(operation?.phase
      ? {
          operation: {
            phase: operation.phase,
            ...(operation.message ? { message: operation.message } : {}),
            ...(operation.finishedAt
              ? { finishedAt: operation.finishedAt }
              : {}),
          },
        }
      : {}),
    autoSync: automated !== undefined && automated.enabled !== false,
    selfHeal: automated?.selfHeal === true,
    prune: automated?.prune === true,
    ...(source?.repoURL ? { repoURL: source.repoURL } : {}),
    ...(source?.targetRevision
      ? { targetRevision: source.targetRevision }
      : {}),
    valueFiles,
  };
}
