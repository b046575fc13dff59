import { Entity } from '@backstage/catalog-model';

const SOURCE = 'url:https://github.com/NeoGrAIph/web-core/tree/main/';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': SOURCE,
        ...annotations,
      },
    },
    spec: { type: 'website', owner: 'team-web', lifecycle: 'production' },
  };
}

/** The web-core apps as catalog entities, matching the kube-sandbox `web-core` scenario. */
export const WEB_CORE_ENTITIES: Entity[] = [
  component('corporate', {
    'okteto-dev/app': 'corporate',
    'okteto-dev/package': '@synestra/corporate-website',
  }),
  component('synestra-io', {
    'okteto-dev/app': 'synestra-io',
    'okteto-dev/package': '@synestra/synestra-io',
  }),
  component('shop', { 'okteto-dev/app': 'shop' }),
  component('landings', { 'okteto-dev/app': 'landings' }),
  component('saas', { 'okteto-dev/app': 'saas' }),
  component('payload-core', {
    'okteto-dev/app': 'payload-core',
    'argocd/app-name': 'web-payload-dev',
    'backstage.io/kubernetes-namespace': 'web-payload-dev',
    'okteto-dev/dev-service': 'web-payload-dev',
  }),
  component('secret-app', { 'okteto-dev/app': 'secret' }),
  component('no-okteto', {}),
];
