import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { oktetoDevStatusReadPermission } from '@okteto-dev/plugin-okteto-dev-common';

/** One asked-for entity: found and allowed (`entity`), or why not (`error`). */
export type AuthorizedEntity = {
  entityRef: string;
  entity?: Entity;
  error?: Error;
};

/**
 * Entities the caller may see in the catalog and may read the dev status of. Invisible entities are
 * reported as not found, so their existence is not revealed.
 */
export async function authorizedEntities(
  refs: string[],
  credentials: BackstageCredentials,
  {
    catalog,
    permissions,
  }: { catalog: CatalogService; permissions: PermissionsService },
  permission: ResourcePermission<'catalog-entity'> = oktetoDevStatusReadPermission,
): Promise<AuthorizedEntity[]> {
  const [{ items }, decisions] = await Promise.all([
    catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials }),
    permissions.authorize(
      refs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    ),
  ]);
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

/** Who is asking, as far as the catalog's visibility and the permission policy can tell. */
export function principalKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
    accessRestrictions?: unknown;
  };
  if (principal?.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}|${principal.actor?.subject ?? ''}`;
  }
  if (principal?.type === 'service' && principal.subject) {
    return `service:${principal.subject}|${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}`;
  }
  return undefined;
}

/**
 * {@link authorizedEntities} with its positive outcomes remembered for `ttlMs` per principal,
 * permission and entity: a viewer whose card refreshes within that time costs no catalog and no
 * permission call. Only "found and allowed" is remembered (with the entity as the catalog gave
 * it): a denial, a 404 or an anonymous caller is asked again every time, so access granted shows
 * at once and access taken away stops within `ttlMs`. Bounded: the oldest entries go first.
 */
export class EntityAuthorizer {
  private readonly kept = new Map<
    string,
    { entity: Entity; expiresAt: number }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
    },
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(
    refs: string[],
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'> = oktetoDevStatusReadPermission,
  ): Promise<AuthorizedEntity[]> {
    const principal = this.ttlMs > 0 ? principalKey(credentials) : undefined;
    if (!principal) {
      return authorizedEntities(refs, credentials, this.deps, permission);
    }
    const now = this.now();
    const results: AuthorizedEntity[] = new Array(refs.length);
    const missing: number[] = [];
    const keyOf = (ref: string) => `${principal}\n${permission.name}\n${ref}`;
    refs.forEach((entityRef, i) => {
      const key = keyOf(entityRef);
      const kept = this.kept.get(key);
      if (kept && kept.expiresAt > now) {
        results[i] = { entityRef, entity: kept.entity };
      } else {
        if (kept) this.kept.delete(key);
        missing.push(i);
      }
    });
    if (missing.length === 0) return results;
    const fresh = await authorizedEntities(
      missing.map(i => refs[i]),
      credentials,
      this.deps,
      permission,
    );
    const expiresAt = this.now() + this.ttlMs;
    fresh.forEach((found, j) => {
      results[missing[j]] = found;
      if (!found.entity) return;
      if (this.kept.size >= this.maxEntries) {
        this.kept.delete(this.kept.keys().next().value!);
      }
      this.kept.set(keyOf(found.entityRef), {
        entity: found.entity,
        expiresAt,
      });
    });
    return results;
  }
}
