import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  OKTETO_DEV_SEARCH_TYPE,
  OktetoDevSearchDocument,
} from '@okteto-dev/plugin-okteto-dev-common';
import { Readable } from 'node:stream';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { DevStatusSource, loadDevStatuses } from './loadDevStatuses';
import { toSearchFields, toSearchText } from './toSearchFields';

/** The entity page of an entity, from a template like `/catalog/:namespace/:kind/:name`. */
export function entityLocation(entity: Entity, template: string): string {
  return template
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
}

/**
 * Collates one `okteto-dev` document per entity with the `okteto-dev/app` annotation. Only users
 * who may read the entity in the catalog find its document.
 *
 * @public
 */
export class OktetoDevCollatorFactory implements DocumentCollatorFactory {
  readonly type = OKTETO_DEV_SEARCH_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly source: DevStatusSource,
    private readonly locationTemplate: string,
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.collate());
  }

  private async *collate(): AsyncGenerator<OktetoDevSearchDocument> {
    for (const { entity, status } of await loadDevStatuses(this.source)) {
      yield {
        title: entity.metadata.title ?? entity.metadata.name,
        text: toSearchText(status),
        location: entityLocation(entity, this.locationTemplate),
        ...toSearchFields(status),
        authorization: { resourceRef: stringifyEntityRef(entity) },
      };
    }
  }
}
