import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DevStatus,
  isOktetoDevEnabled,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  DEV_STATUS_BATCH_LIMIT,
  DevStatusServiceApi,
} from '@okteto-dev/plugin-okteto-dev-node';

/**
 * Where the collator reads from: the catalog, and the okteto-dev backend through
 * `devStatusServiceRef`, both with the search plugin's own credentials.
 *
 * @public
 */
export interface DevStatusSource {
  /** The catalog, to list the entities with `okteto-dev/app`. */
  catalog: CatalogService;
  /** The search plugin's auth service: the collator reads with its own service credentials. */
  auth: AuthService;
  /** The okteto-dev backend (`devStatusServiceRef`), to read their statuses. */
  devStatus: DevStatusServiceApi;
  /** Where the collator reports entities it could not read. */
  logger: LoggerService;
}

/** What an okteto-dev document is made of. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
];

/**
 * The dev status of every entity with the `okteto-dev/app` annotation, a catalog page at a time:
 * each page of {@link DEV_STATUS_BATCH_LIMIT} entities is one batch request to the okteto-dev
 * backend, which reads each cluster with a constant number of requests per batch. Entities the
 * backend could not resolve are logged and skipped; a failing request fails the collation, so the
 * previous index stays in place.
 */
export async function* loadDevStatuses(
  source: DevStatusSource,
): AsyncGenerator<{ entity: Entity; status: DevStatus }> {
  const { catalog, auth, devStatus, logger } = source;
  const credentials = await auth.getOwnServiceCredentials();
  const pages = catalog.streamEntities(
    {
      filter: {
        [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: ENTITY_FIELDS,
      pageSize: DEV_STATUS_BATCH_LIMIT,
    },
    { credentials },
  );
  for await (const page of pages) {
    const byRef = new Map(
      page.filter(isOktetoDevEnabled).map(e => [stringifyEntityRef(e), e]),
    );
    if (byRef.size === 0) continue;
    const { items, failures = [] } = await devStatus.getStatuses(
      { entityRefs: [...byRef.keys()] },
      { credentials },
    );
    for (const status of items) {
      const entity = byRef.get(status.entityRef);
      if (entity) yield { entity, status };
    }
    for (const failure of failures) {
      logger.warn(
        `okteto-dev search: skipping ${failure.entityRef}: ${failure.error.message}`,
      );
    }
  }
}
