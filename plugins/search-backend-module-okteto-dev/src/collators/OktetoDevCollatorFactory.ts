import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  OKTETO_DEV_SEARCH_TYPE,
  OktetoDevSearchDocument,
  oktetoDevStatusReadPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
import { Readable } from 'node:stream';
import { DevStatusSource, loadDevStatuses } from './loadDevStatuses';
import { toSearchFields, toSearchText } from './toSearchFields';

/** What keeps an okteto-dev document's location apart from the entity's catalog document. */
export const LOCATION_FRAGMENT = '#okteto-dev';

/**
 * The location of an entity's okteto-dev document: its entity page, from a template like
 * `/catalog/:namespace/:kind/:name`, with the fragment `#okteto-dev` unless the template has one.
 *
 * It must differ from the location of the entity's `software-catalog` document: the default Lunr
 * engine keys its document store by location, so a catalog hit would otherwise return the dev
 * status document, to anyone who may read the entity.
 */
export function entityLocation(entity: Entity, template: string): string {
  const location = template
    .replace(
      ':namespace',
      encodeURIComponent(
        (entity.metadata.namespace ?? 'default').toLocaleLowerCase('en-US'),
      ),
    )
    .replace(
      ':kind',
      encodeURIComponent(entity.kind.toLocaleLowerCase('en-US')),
    )
    .replace(':name', encodeURIComponent(entity.metadata.name));
  return template.includes('#') ? location : `${location}${LOCATION_FRAGMENT}`;
}

/**
 * Options of {@link OktetoDevCollatorFactory}.
 *
 * @public
 */
export interface OktetoDevCollatorFactoryOptions extends DevStatusSource {
  /**
   * The entity page, e.g. `/catalog/:namespace/:kind/:name`; the document location gets the
   * fragment `#okteto-dev` unless the template has a fragment of its own.
   */
  locationTemplate: string;
  /**
   * The permission the search backend checks per document: `catalog.entity.read` (the default: a
   * document shows where its entity does, whatever the policy) or `okteto-dev.status.read` (only
   * with a policy in which that implies reading the entity, see `withCatalogReadForOktetoDev`).
   */
  visibilityPermission?: 'catalog.entity.read' | 'okteto-dev.status.read';
}

/**
 * Collates one `okteto-dev` document per entity with the `okteto-dev/app` annotation, its status
 * read through `devStatusServiceRef`. Every document carries its entity as
 * `authorization.resourceRef`, and the search backend shows it only to users who hold the
 * factory's `visibilityPermission` on that entity (deciding per document when the policy's
 * decision is conditional).
 *
 * The search backend checks one permission per document type, and a policy that allows it
 * outright shows every document of the type without looking at them. So the default is the
 * permission that always follows the catalog, `catalog.entity.read`: an `okteto-dev` document is
 * found exactly where its entity is, under any policy. Checking `okteto-dev.status.read` as well
 * takes the policy's help: see `withCatalogReadForOktetoDev`.
 *
 * @public
 */
export class OktetoDevCollatorFactory implements DocumentCollatorFactory {
  /** The search document type, `okteto-dev`. */
  readonly type = OKTETO_DEV_SEARCH_TYPE;
  /** What the search backend checks for each document, on its entity (see the class comment). */
  readonly visibilityPermission: ResourcePermission<'catalog-entity'>;

  constructor(private readonly options: OktetoDevCollatorFactoryOptions) {
    this.visibilityPermission =
      options.visibilityPermission === 'okteto-dev.status.read'
        ? oktetoDevStatusReadPermission
        : catalogEntityReadPermission;
  }

  /** A stream of one `OktetoDevSearchDocument` per entity with the `okteto-dev/app` annotation. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.collate());
  }

  private async *collate(): AsyncGenerator<OktetoDevSearchDocument> {
    for await (const { entity, status } of loadDevStatuses(this.options)) {
      yield {
        title: entity.metadata.title ?? entity.metadata.name,
        text: toSearchText(status),
        location: entityLocation(entity, this.options.locationTemplate),
        ...toSearchFields(status),
        authorization: { resourceRef: stringifyEntityRef(entity) },
      };
    }
  }
}
