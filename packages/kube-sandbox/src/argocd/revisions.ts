import { createHash } from 'node:crypto';
import type { JsonObject } from '../types';
import { Application, hasMultipleSources, sourcesOf, statusOf } from './model';

/* Which commit each source's branch points at. */

export const isSha = (v: string | undefined): v is string =>
  Boolean(v && /^[0-9a-f]{40}$/.test(v));

/** A commit sha that follows `previous` on `repoURL` (deterministic). */
export function nextSha(repoURL: string, previous: string | undefined): string {
  return createHash('sha1')
    .update(`${repoURL}@${previous ?? 'root'}+1`)
    .digest('hex');
}

/** The revision(s) last compared (status.sync.revision[s]), if any. */
export function comparedRevisions(app: Application): string[] | undefined {
  const sync = statusOf(app).sync as JsonObject | undefined;
  if (hasMultipleSources(app)) {
    const revs = sync?.revisions as string[] | undefined;
    return revs?.length === sourcesOf(app).length && revs.every(isSha)
      ? revs
      : undefined;
  }
  const rev = sync?.revision as string | undefined;
  return isSha(rev) ? [rev] : undefined;
}

/** The revision(s) last synced (operationState.syncResult, else history). */
export function syncedRevisions(app: Application): string[] | undefined {
  const status = statusOf(app);
  const res = (status.operationState as JsonObject | undefined)?.syncResult as
    | JsonObject
    | undefined;
  const history = (status.history ?? []) as JsonObject[];
  const last = history[history.length - 1];
  if (hasMultipleSources(app)) {
    const revs = (res?.revisions ?? last?.revisions) as string[] | undefined;
    return revs?.every(isSha) ? revs : undefined;
  }
  const rev = (res?.revision ?? last?.revision) as string | undefined;
  return isSha(rev) ? [rev] : undefined;
}

/** Revisions for a brand-new app: one commit per repository. */
export function initialRevisions(app: Application): string[] {
  return sourcesOf(app).map(s =>
    s.targetRevision && isSha(s.targetRevision)
      ? s.targetRevision
      : nextSha(
          s.repoURL,
          `${app.metadata.name}/${s.targetRevision ?? 'HEAD'}`,
        ),
  );
}
