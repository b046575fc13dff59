import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * A catalog a test changes while the backend runs. `set(entities, listed)`: lookups by ref see
 * `entities`, except those `hidden` from a user (user ref → entity refs, as a policy conditioning
 * `catalog.entity.read` would hide them); listings (`getEntities`, `streamEntities`, … — what the
 * plugin reads with its own credentials) see `listed`, by default the same entities. `failing`:
 * listings throw, as a catalog that cannot be reached.
 */
export function changingCatalog(
  entities: Entity[],
  hidden: Record<string, string[]> = {},
) {
  let listing = catalogServiceMock({ entities });
  let byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const state = { failing: false };
  const visibleTo = (credentials: unknown, ref: string) => {
    const principal = (credentials as BackstageCredentials | undefined)
      ?.principal as { userEntityRef?: string } | undefined;
    const user = principal?.userEntityRef;
    return !user || !(hidden[user] ?? []).includes(ref);
  };
  const getEntitiesByRefs: CatalogService['getEntitiesByRefs'] = async (
    query,
    options,
  ) => ({
    items: query.entityRefs.map(ref =>
      visibleTo(options?.credentials, ref) ? byRef.get(ref) : undefined,
    ),
  });
  const service = new Proxy({} as CatalogService, {
    get(_, method: keyof CatalogService) {
      if (method === 'getEntitiesByRefs') return getEntitiesByRefs;
      const fn = listing[method] as unknown;
      // not a method of the catalog (e.g. `then`, asked of anything a promise resolves to)
      if (typeof fn !== 'function') return fn;
      if (state.failing) {
        return () => {
          throw new Error('the catalog cannot be reached');
        };
      }
      return fn.bind(listing);
    },
  });
  return {
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => service,
    }),
    state,
    /** Replaces the catalog's entities (and what listings see of them). */
    set(next: Entity[], listed: Entity[] = next) {
      listing = catalogServiceMock({ entities: listed });
      byRef = new Map(next.map(e => [stringifyEntityRef(e), e]));
    },
  };
}
