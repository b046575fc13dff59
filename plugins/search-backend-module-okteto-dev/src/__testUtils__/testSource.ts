import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DevStatusService } from '@okteto-dev/plugin-okteto-dev-node';
import { Sandbox } from '@okteto-dev/kube-sandbox';
import { DevStatusSource } from '../collators/loadDevStatuses';

export function component(
  name: string,
  annotations: Record<string, string> = { 'okteto-dev/app': name },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

/** The web-core apps of the sandbox scenario, plus one entity without the annotation. */
export const WEB_CORE = [
  component('corporate'),
  component('synestra-io'),
  component('shop'),
  component('landings'),
  component('saas'),
  component('payload-core', {
    'okteto-dev/app': 'payload-core',
    'argocd/app-name': 'web-payload-dev',
    'backstage.io/kubernetes-namespace': 'web-payload-dev',
  }),
  component('secret-app', { 'okteto-dev/app': 'secret' }),
  component('docs-site', {}),
];

/** A status source against a sandbox (or a dead URL), the catalog holding `entities`. */
export function sourceFor(
  target: Pick<Sandbox, 'url' | 'token'>,
  entities: Entity[],
  timeoutMs = 2000,
): DevStatusSource {
  const logger = mockServices.logger.mock();
  return {
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
    service: DevStatusService.fromConfig(
      new ConfigReader({
        oktetoDev: {
          timeoutMs,
          clusters: [
            {
              name: 'default',
              url: target.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: target.token,
            },
          ],
        },
      }),
      {
        logger,
        cache: mockServices.cache.mock(),
        urlReader: mockServices.urlReader.mock({
          readUrl: async url => {
            throw new NotFoundError(url);
          },
        }),
      },
    ),
  };
}
