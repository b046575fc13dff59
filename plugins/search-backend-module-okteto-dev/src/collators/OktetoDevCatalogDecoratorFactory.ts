import {
  DocumentDecoratorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { OktetoDevSearchFields } from '@okteto-dev/plugin-okteto-dev-common';
import { Transform } from 'node:stream';
import { DevStatusSource, loadDevStatuses } from './loadDevStatuses';
import { toSearchFields, toSearchText } from './toSearchFields';

/**
 * Adds the dev status fields (and the dev sentence to the text) to `software-catalog` documents,
 * so a plain catalog search for an app shows its dev state too.
 *
 * @public
 */
export class OktetoDevCatalogDecoratorFactory
  implements DocumentDecoratorFactory
{
  readonly types = ['software-catalog'];

  constructor(private readonly source: DevStatusSource) {}

  async getDecorator(): Promise<Transform> {
    const byRef = new Map<
      string,
      { fields: OktetoDevSearchFields; text: string }
    >();
    for (const { status } of await loadDevStatuses(this.source)) {
      byRef.set(status.entityRef, {
        fields: toSearchFields(status),
        text: toSearchText(status),
      });
    }
    return new Transform({
      objectMode: true,
      transform(document: IndexableDocument, _encoding, done) {
        const ref = document.authorization?.resourceRef;
        const dev = ref ? byRef.get(ref) : undefined;
        done(
          null,
          dev
            ? {
                ...document,
                ...dev.fields,
                text: `${document.text}\n${dev.text}`,
              }
            : document,
        );
      },
    });
  }
}
