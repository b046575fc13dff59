import { Entity } from '@backstage/catalog-model';

/** A user the test policy denies `okteto-dev.status.read`. */
export const OUTSIDER = 'user:default/outsider';
/** A user the test policy lets read the dev status of the entities they own only. */
export const OWNER = 'user:default/owner';
/** A user the test policy allows everything. */
export const ALLOWED = 'user:default/alice';

export function component(
  name: string,
  annotations: Record<string, string> = { 'okteto-dev/app': name },
  owner = 'group:default/team-web',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description: `The ${name} web app`,
      annotations,
    },
    spec: { type: 'website', owner, lifecycle: 'production' },
  };
}

/**
 * The web-core apps of the kube-sandbox `web-core` scenario, plus one entity without the
 * annotation. {@link OWNER} owns corporate and synestra-io.
 */
export const WEB_CORE = [
  component('corporate', undefined, OWNER),
  component('synestra-io', undefined, OWNER),
  component('shop'),
  component('landings'),
  component('saas'),
  component('admin'),
  component('payload-core', {
    'okteto-dev/app': 'payload-core',
    'okteto-dev/argocd-app': 'web-payload-dev',
    'okteto-dev/namespace': 'web-payload-dev',
  }),
  component('secret-app', { 'okteto-dev/app': 'secret' }),
  component('docs-site', {}),
];

/** The names of the entities with the `okteto-dev/app` annotation. */
export const WEB_CORE_APPS = WEB_CORE.filter(
  e => e.metadata.annotations?.['okteto-dev/app'],
).map(e => e.metadata.name);
