import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DevClustersResponse,
  DevStatusBatchResponse,
  oktetoDevClustersReadPermission,
  oktetoDevEventsReadPermission,
  oktetoDevStatusReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DevStatusService } from './service/DevStatusService';

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

/**
 * Entities the caller may see in the catalog and may read the dev status of. Invisible entities are
 * reported as not found, so their existence is not revealed.
 */
export async function authorizedEntities(
  refs: string[],
  credentials: BackstageCredentials,
  { catalog, permissions }: Pick<RouterOptions, 'catalog' | 'permissions'>,
  permission: ResourcePermission<'catalog-entity'> = oktetoDevStatusReadPermission,
): Promise<Array<{ entityRef: string; entity?: Entity; error?: Error }>> {
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  const decisions = await permissions.authorize(
    refs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  return refs.map((entityRef, i) => {
    const entity = items[i] ?? undefined;
    if (!entity) {
      return {
        entityRef,
        error: new NotFoundError(`Entity ${entityRef} not found`),
      };
    }
    if (decisions[i].result !== AuthorizeResult.ALLOW) {
      return {
        entityRef,
        error: new NotAllowedError(
          `Permission ${permission.name} is denied for ${entityRef}`,
        ),
      };
    }
    return { entityRef, entity };
  });
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/v1/status', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    const credentials = await httpAuth.credentials(req);
    const [found] = await authorizedEntities([entityRef], credentials, options);
    if (found.error) throw found.error;
    res.json(await service.getStatus(found.entity!));
  });

  router.get('/v1/events', async (req, res) => {
    const entityRef = normalizeEntityRef(req.query.entityRef);
    const credentials = await httpAuth.credentials(req);
    const [found] = await authorizedEntities(
      [entityRef],
      credentials,
      options,
      oktetoDevEventsReadPermission,
    );
    if (found.error) throw found.error;
    res.json(await service.getEvents(found.entity!));
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
    const found = await authorizedEntities(refs, credentials, options);
    const visible = found.filter(f => f.entity);
    const outcomes = await service.getStatuses(visible.map(f => f.entity!));
    const response: DevStatusBatchResponse = {
      items: outcomes.flatMap(o => (o.ok ? [o.status] : [])),
      failures: [
        ...found.filter(f => f.error),
        ...outcomes.flatMap(o => (o.ok ? [] : [o])),
      ].map(f => ({
        entityRef: f.entityRef,
        error: { name: f.error!.name, message: f.error!.message },
      })),
    };
    res.json(response);
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
    const response: DevClustersResponse = {
      items: await service.getClusters(),
    };
    res.json(response);
  });

  return router;
}
