import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';

/**
 * What a dev environment needs from its readers, worst first: both pods serve (`conflict`), a
 * session that cannot work (`broken`), one probably forgotten (`abandoned`), a session (`on`),
 * dev mode that could not be read (`unknown`), nobody (`off`).
 */
export const DEV_STATES = [
  'conflict',
  'broken',
  'abandoned',
  'on',
  'unknown',
  'off',
] as const;

/** One of {@link DEV_STATES}. */
export type DevState = (typeof DEV_STATES)[number];

/** The states that need somebody to act. */
export const ATTENTION_STATES: readonly DevState[] = [
  'conflict',
  'broken',
  'abandoned',
];

/** The states with a dev session (a dev clone), working or not. */
export const SESSION_STATES: readonly DevState[] = [
  'conflict',
  'broken',
  'abandoned',
  'on',
];

/** The state of one dev environment. */
export function devState(status: DevStatus): DevState {
  const { okteto, drift } = status;
  if (drift.kind === 'conflict') return 'conflict';
  if (okteto.state === 'broken') return 'broken';
  if (okteto.state === 'on') return okteto.abandoned ? 'abandoned' : 'on';
  if (okteto.state === 'error') return 'unknown';
  return 'off';
}

/** One row of the page: an annotated entity and its dev status. */
export interface DevRow {
  entityRef: string;
  entity: Entity;
  /** Owner refs (`group:default/web`). */
  owners: string[];
  /** System ref (`system:default/web-core`), when the entity belongs to one. */
  system?: string;
  status: DevStatus;
  state: DevState;
  /** When the session started, when there is one. */
  since?: string;
  /** Who runs it, when the cluster says (Okteto Platform only). */
  user?: string;
}

function ownersOf(entity: Entity): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) return related;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        }),
      ),
    ];
  } catch {
    return [];
  }
}

function systemOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The row of an entity with its status. */
export function toRow(entity: Entity, status: DevStatus): DevRow {
  const { okteto } = status;
  const session =
    okteto.state === 'on' || okteto.state === 'broken' ? okteto : undefined;
  return {
    entityRef: stringifyEntityRef(entity),
    entity,
    owners: ownersOf(entity),
    system: systemOf(entity),
    status,
    state: devState(status),
    since: session?.since,
    user: session?.user,
  };
}

/**
 * Worst state first; within a state the oldest session first (the likeliest to be forgotten),
 * then by name.
 */
export function sortRows(rows: DevRow[]): DevRow[] {
  const rank = (row: DevRow) => DEV_STATES.indexOf(row.state);
  return [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.since ?? '\uffff').localeCompare(b.since ?? '\uffff') ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/** The state filter: every state, those with a session, or one state. */
export type StateFilter = 'all' | 'sessions' | DevState;

/** The page's filters; `undefined` owner or system means any. */
export interface DevFilters {
  owner?: string;
  system?: string;
  state: StateFilter;
}

/** The rows the filters let through. `system: ''` selects the entities of no system. */
export function filterRows(rows: DevRow[], filters: DevFilters): DevRow[] {
  return rows.filter(
    row =>
      (filters.owner === undefined || row.owners.includes(filters.owner)) &&
      (filters.system === undefined || (row.system ?? '') === filters.system) &&
      (filters.state === 'all' ||
        (filters.state === 'sessions'
          ? SESSION_STATES.includes(row.state)
          : row.state === filters.state)),
  );
}
