import { devMessage } from '@okteto-dev/plugin-okteto-dev-common';
import {
  CLONE,
  devModeOn,
  fixtures,
  fleetEntity,
  makeStatus,
  minutesAgo,
} from '../../testing/fixtures';
import { devState, filterRows, sortRows, toRow } from './rows';

describe('devState', () => {
  it.each([
    ['conflictAutoSync', 'conflict'],
    ['interrupted', 'conflict'],
    ['brokenPruned', 'broken'],
    ['abandoned', 'abandoned'],
    ['devModeOn', 'on'],
    ['clusterErrors', 'unknown'],
    ['healthyOff', 'off'],
  ] as const)('%s is %s', (scenario, state) => {
    expect(devState(fixtures[scenario])).toBe(state);
  });
});

describe('toRow', () => {
  it('takes the owner from the relations, else from spec.owner, and the system as a ref', () => {
    const entity = fleetEntity('shop', { owner: 'shop', system: 'commerce' });
    expect(toRow(entity, fixtures.devModeOn)).toMatchObject({
      entityRef: 'component:default/shop',
      owners: ['group:default/shop'],
      system: 'system:default/commerce',
      state: 'on',
    });
    const bare = { ...entity, relations: undefined };
    expect(
      toRow({ ...bare, spec: { owner: 'user:alice' } }, fixtures.healthyOff),
    ).toMatchObject({ owners: ['user:default/alice'], system: undefined });
  });

  it('carries who and since of a session, broken or not', () => {
    const row = toRow(
      fleetEntity('a', { owner: 'web' }),
      makeStatus({
        okteto: {
          state: 'broken',
          problems: [
            devMessage('oktetoInterrupted', { clone: CLONE, workload: 'w' }),
          ],
          user: 'bob',
          since: minutesAgo(10),
        },
      }),
    );
    expect(row.user).toBe('bob');
    expect(row.since).toBeDefined();
  });
});

describe('sortRows and filterRows', () => {
  const row = (name: string, status = fixtures.healthyOff, system?: string) =>
    toRow(
      fleetEntity(name, {
        owner: name.startsWith('s') ? 'shop' : 'web',
        system,
      }),
      status,
    );
  const rows = [
    row('a-off'),
    row('b-new', makeStatus({ okteto: devModeOn(5) }), 'web-core'),
    row('c-old', makeStatus({ okteto: devModeOn(90) }), 'web-core'),
    row('s-conflict', fixtures.conflictAutoSync),
    row('d-broken', fixtures.brokenPvcPending),
  ];

  it('puts the worst first and, among sessions, the oldest', () => {
    expect(sortRows(rows).map(r => r.entity.metadata.name)).toEqual([
      's-conflict',
      'd-broken',
      'c-old',
      'b-new',
      'a-off',
    ]);
  });

  it('filters by owner, system (none included) and state', () => {
    const names = (filters: Parameters<typeof filterRows>[1]) =>
      filterRows(rows, filters).map(r => r.entity.metadata.name);
    expect(names({ state: 'all', owner: 'group:default/shop' })).toEqual([
      's-conflict',
    ]);
    expect(names({ state: 'all', system: 'system:default/web-core' })).toEqual([
      'b-new',
      'c-old',
    ]);
    expect(names({ state: 'all', system: '' })).toEqual([
      'a-off',
      's-conflict',
      'd-broken',
    ]);
    expect(names({ state: 'sessions' })).toEqual([
      'b-new',
      'c-old',
      's-conflict',
      'd-broken',
    ]);
    expect(names({ state: 'off' })).toEqual(['a-off']);
  });
});
