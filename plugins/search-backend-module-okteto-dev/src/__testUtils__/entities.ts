import { Entity } from '@backstage/catalog-model';

/** A user the test policy denies `okteto-dev.status.read`. */
export const OUTSIDER = 'user:default/outsider';
/** A user the test policy lets read the dev status of the entities they own only. */
export const OWNER = 'user:default/owner';
/** A user the test policy allows everything. */
export const ALLOWED = 'user:default/alice';
/**
 * A user the test policy lets read the dev status of every entity, but the catalog only the
 * entities they own (a hand-written policy conditioning `catalog.entity.read`).
 */
export const CATALOG_OWNER = 'user:default/carol';
/**
 * A user the test policy lets read the catalog's entities they own, and the dev status of entities
 * that name their Argo CD Application (two conditions, on two permissions).
 */
export const TWO_CONDITIONS = 'user:default/dave';

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
 * annotation. {@link OWNER} owns corporate and synestra-io, {@link CATALOG_OWNER} shop and admin,
 * {@link TWO_CONDITIONS} landings and payload-core.
 */
export const WEB_CORE = [
  component('corporate', undefined, OWNER),
  component('synestra-io', undefined, OWNER),
  component('shop', undefined, CATALOG_OWNER),
  component('landings', undefined, TWO_CONDITIONS),
  // names its Application (as the convention would): the dev status of it is dave's to read
  component('saas', {
    'okteto-dev/app': 'saas',
    'okteto-dev/argocd-app': 'web-saas-dev',
  }),
  component('admin', undefined, CATALOG_OWNER),
  component(
    'payload-core',
    {
      'okteto-dev/app': 'payload-core',
      'okteto-dev/argocd-app': 'web-payload-dev',
      'okteto-dev/namespace': 'web-payload-dev',
    },
    TWO_CONDITIONS,
  ),
  component('secret-app', { 'okteto-dev/app': 'secret' }),
  component('docs-site', {}),
];

/** The names of the entities with the `okteto-dev/app` annotation. */
export const WEB_CORE_APPS = WEB_CORE.filter(
  e => e.metadata.annotations?.['okteto-dev/app'],
).map(e => e.metadata.name);
