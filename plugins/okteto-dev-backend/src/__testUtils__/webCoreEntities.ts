import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * What the demo's configuration allows besides the naming templates (`oktetoDev.targets` in
 * app-config.yaml): payload-core's irregular `web-payload-dev` is inside `web-*-dev`.
 */
export const WEB_CORE_TARGETS = {
  allow: [{ namespaces: ['web-*-dev'], applications: ['argo/web-*-dev'] }],
};

const EXAMPLES = path.resolve(__dirname, '../../../../examples/entities.yaml');

/**
 * The web-core apps as catalog entities: the demo's own `examples/entities.yaml` (no package
 * annotations: the package comes from each app folder's package.json), plus one app in the
 * scenario's forbidden namespace and one entity without okteto-dev.
 */
export const WEB_CORE_ENTITIES: Entity[] = [
  ...parseAllDocuments(fs.readFileSync(EXAMPLES, 'utf8'))
    .map(doc => doc.toJS() as Entity)
    .filter(e => e.kind === 'Component')
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'no-okteto', namespace: 'default' },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'secret-app',
      namespace: 'default',
      annotations: {
        'okteto-dev/app': 'secret',
        'backstage.io/source-location':
          'url:https://github.com/NeoGrAIph/web-core/tree/main/',
      },
    },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  },
];
