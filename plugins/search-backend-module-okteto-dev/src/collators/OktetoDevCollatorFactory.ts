import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
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
}

/**
 * Collates one `okteto-dev` document per entity with the `okteto-dev/app` annotation, its status
 * read through `devStatusServiceRef`. Each document is visible only to users who hold
 * `okteto-dev.status.read` on its entity (the search backend decides per document, conditional
 * decisions included).
 *
 * @public
 */
export class OktetoDevCollatorFactory implements DocumentCollatorFactory {
  /** The search document type, `okteto-dev`. */
  readonly type = OKTETO_DEV_SEARCH_TYPE;
  /** `okteto-dev.status.read`: the search backend shows a document only to users allowed it on its entity. */
  readonly visibilityPermission = oktetoDevStatusReadPermission;

  constructor(private readonly options: OktetoDevCollatorFactoryOptions) {}

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
