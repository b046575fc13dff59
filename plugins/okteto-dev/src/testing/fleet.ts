import { Entity } from '@backstage/catalog-model';
import {
  DevStatus,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { devModeOn, makeStatus, minutesAgo } from './builders';
import { fixtures } from './scenarios';

/** One catalog entity of the "Dev environments" page. */
export function fleetEntity(
  name: string,
  spec: { owner: string; system?: string },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [OKTETO_DEV_APP_ANNOTATION]: name },
    },
    spec: { type: 'website', lifecycle: 'production', ...spec },
    relations: [
      {
        type: 'ownedBy',
        targetRef: `group:default/${spec.owner}`,
      },
    ],
  };
}

/** The status of `entity` from a scenario, its refs rewritten for that entity. */
export function statusFor(entity: Entity, scenario: DevStatus): DevStatus {
  return {
    ...scenario,
    entityRef: `component:default/${entity.metadata.name}`,
    target: {
      ...scenario.target,
      app: entity.metadata.name,
      namespace: `web-${entity.metadata.name}-dev`,
    },
  };
}

/**
 * A catalog of web-core apps in every state the page distinguishes, two owners and two systems
 * (one app in none), plus one the caller may not read (`secret`).
 */
export function makeFleet(): {
  entities: Entity[];
  statuses: Record<string, DevStatus>;
  denied: string[];
} {
  const apps: Array<[string, { owner: string; system?: string }, DevStatus]> = [
    ['landings', { owner: 'web', system: 'web-core' }, fixtures.healthyOff],
    [
      'portal',
      { owner: 'web', system: 'web-core' },
      makeStatus({ okteto: devModeOn(30, { user: 'bob' }) }),
    ],
    ['shop', { owner: 'shop', system: 'commerce' }, fixtures.devModeOn],
    [
      'admin',
      { owner: 'shop', system: 'commerce' },
      fixtures.brokenFailedCreate,
    ],
    ['corporate', { owner: 'web', system: 'web-core' }, fixtures.abandoned],
    ['synestra-io', { owner: 'web' }, fixtures.conflictAutoSync],
    [
      'docs',
      { owner: 'web', system: 'web-core' },
      { ...fixtures.clusterErrors, fetchedAt: minutesAgo(0) },
    ],
    ['secret', { owner: 'shop', system: 'commerce' }, fixtures.healthyOff],
  ];
  const entities = apps.map(([name, spec]) => fleetEntity(name, spec));
  const statuses = Object.fromEntries(
    apps.map(([, , scenario], i) => {
      const status = statusFor(entities[i], scenario);
      return [status.entityRef, status];
    }),
  );
  return { entities, statuses, denied: ['component:default/secret'] };
}
