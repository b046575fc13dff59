import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DevClustersResponse,
  oktetoDevClustersReadPermission,
  oktetoDevEventsReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityAuthorizer } from './authorize';
import { ResponseRedaction } from './redaction';
import { Redactor } from './service/answers/redact';
import { SerializedAnswer } from './service/answers/DevAnswer';
import { nameVisibleClaimants } from './service/claims/ContestedTargetError';
import { DevStatusService } from './service/DevStatusService';

export { authorizedEntities } from './authorize';

/** The most entities one batch request may ask for. */
export const MAX_BATCH = 500;

const batchBody = z.object({
  entityRefs: z.array(z.string().min(1).max(512)).min(1).max(MAX_BATCH),
});

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  service: DevStatusService;
  /** Remembers positive authorization outcomes (`oktetoDev.authorization.cacheSeconds`). */
  authorizer?: EntityAuthorizer;
  /**
   * Hides configured cluster names and identities from callers without
   * `okteto-dev.clusters.read` (default: with the service's cluster and instance names).
   */
  redaction?: ResponseRedaction;
}

/** A full `kind:namespace/name` ref, normalised; a 400 for anything else. */
export function normalizeEntityRef(ref: unknown): string {
  if (typeof ref !== 'string' || !ref.trim()) {
    throw new InputError('entityRef is required, as kind:namespace/name');
  }
  try {
    return stringifyEntityRef(parseEntityRef(ref.trim()));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef '${ref.slice(0, 200)}': ${(error as Error).message}`,
    );
  }
}

/** Sends an answer's bytes with its ETag; a 304 without a body when the browser has them. */
function sendAnswer(
  req: express.Request,
  res: express.Response,
  { body, etag }: SerializedAnswer,
): void {
  res.setHeader('ETag', etag);
  // private: the answer passed this caller's permission check; no-cache: revalidate every time
  res.setHeader('Cache-Control', 'private, no-cache');
  const ifNoneMatch = req.headers['if-none-match'];
  if (
    ifNoneMatch &&
    ifNoneMatch.split(',').some(t => t.trim().replace(/^W\//, '') === etag)
  ) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.status(200).end(body);
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, service, catalog } = options;
  const authorizer = options.authorizer ?? new EntityAuthorizer(options, 0);
  const redaction =
    options.redaction ??
    new ResponseRedaction(
      new Redactor(() => service.clusterAndInstanceNames()),
      permissions,
      0,
    );
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/v1/status', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    const credentials = await httpAuth.credentials(req);
    const caller = redaction.forCaller(credentials);
    const [found] = await authorizer.authorize([entityRef], credentials);
    if (found.error) throw await caller.error(found.error);
    const [outcome] = await service.getAnswers([found.entity!]);
    if (!outcome.ok) {
      const [error] = await nameVisibleClaimants(
        [outcome.error],
        credentials,
        catalog,
      );
      throw await caller.error(error);
    }
    sendAnswer(req, res, await caller.answer(outcome.answer, outcome.live));
  });

  router.get('/v1/events', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    const credentials = await httpAuth.credentials(req);
    const caller = redaction.forCaller(credentials);
    const [found] = await authorizer.authorize(
      [entityRef],
      credentials,
      oktetoDevEventsReadPermission,
    );
    if (found.error) throw await caller.error(found.error);
    let events;
    try {
      events = await service.getEvents(found.entity!);
    } catch (error) {
      const [named] = await nameVisibleClaimants(
        [error as Error],
        credentials,
        catalog,
      );
      throw await caller.error(named);
    }
    res.json(await caller.events(events));
  });

  router.post('/v1/status/batch', async (req, res) => {
    const parsed = batchBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Expected { "entityRefs": [...] } with 1 to ${MAX_BATCH} refs: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'} ${i.message}`)
          .join('; ')}`,
      );
    }
    const refs = [...new Set(parsed.data.entityRefs.map(normalizeEntityRef))];
    const credentials = await httpAuth.credentials(req);
    const caller = redaction.forCaller(credentials);
    const found = await authorizer.authorize(refs, credentials);
    const visible = found.filter(f => f.entity);
    const outcomes = await service.getAnswers(visible.map(f => f.entity!));
    const failed = [
      ...found.filter(f => f.error),
      ...outcomes.flatMap(o => (o.ok ? [] : [o])),
    ];
    const errors = await nameVisibleClaimants(
      failed.map(f => f.error!),
      credentials,
      catalog,
    );
    const failures = await Promise.all(
      failed.map(async (f, i) => ({
        entityRef: f.entityRef,
        error: await caller.failure(errors[i]),
      })),
    );
    // a DevStatusBatchResponse, assembled from the answers' bytes rather than serialised again
    const items = await Promise.all(
      outcomes.flatMap(o =>
        o.ok ? [caller.answer(o.answer, o.live).then(a => a.body)] : [],
      ),
    );
    const parts: Buffer[] = [Buffer.from('{"items":[')];
    items.forEach((body, i) => {
      if (i > 0) parts.push(Buffer.from(','));
      parts.push(body);
    });
    parts.push(Buffer.from(`],"failures":${JSON.stringify(failures)}}`));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.status(200).end(Buffer.concat(parts));
  });

  router.get('/v1/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: oktetoDevClustersReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the okteto-dev clusters');
    }
    const response: DevClustersResponse = await service.getClusters();
    res.json(response);
  });

  return router;
}
