import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DevStatus,
  isOktetoDevEnabled,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { DevStatusService } from '@okteto-dev/plugin-okteto-dev-node';

export interface DevStatusSource {
  catalog: CatalogService;
  auth: AuthService;
  service: DevStatusService;
  logger: LoggerService;
}

/**
 * The dev status of every entity with the `okteto-dev/app` annotation, read with the search
 * plugin's own credentials. One `getStatuses` call: a constant number of LISTs per cluster.
 */
export async function loadDevStatuses(
  source: DevStatusSource,
): Promise<Array<{ entity: Entity; status: DevStatus }>> {
  const credentials = await source.auth.getOwnServiceCredentials();
  const { items } = await source.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials },
  );
  const entities = items.filter(isOktetoDevEnabled);
  const outcomes = await source.service.getStatuses(entities);
  const found: Array<{ entity: Entity; status: DevStatus }> = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) {
      found.push({ entity: entities[i], status: outcome.status });
    } else {
      source.logger.warn(
        `okteto-dev search: skipping ${outcome.entityRef}: ${outcome.error.message}`,
      );
    }
  });
  return found;
}
