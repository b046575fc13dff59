import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oktetoDevApiRef } from '../../api';
import {
  devModeOn,
  FakeOktetoDevApi,
  FakeSignalApi,
  makeFleet,
  makeStatus,
  statusFor,
} from '../../testing/fixtures';
import { OktetoDevPage } from './OktetoDevPage';

const ENTITY_ROUTE = '/catalog/:namespace/:kind/:name';

function renderPage(options: {
  api: FakeOktetoDevApi;
  signalApi?: FakeSignalApi;
  entities?: ReturnType<typeof makeFleet>['entities'];
  intervalSeconds?: number;
}) {
  const fleet = makeFleet();
  const apis = [
    [oktetoDevApiRef, options.api],
    [
      catalogApiRef,
      catalogApiMock({
        entities: [
          ...(options.entities ?? fleet.entities),
          // not annotated: not a dev environment
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'billing', namespace: 'default' },
            spec: { owner: 'shop' },
          },
        ],
      }),
    ],
    [
      configApiRef,
      mockApis.config({
        data: {
          oktetoDev: { refreshIntervalSeconds: options.intervalSeconds ?? 30 },
        },
      }),
    ],
    ...(options.signalApi ? [[signalApiRef, options.signalApi]] : []),
  ];
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <OktetoDevPage />
    </TestApiProvider>,
    { mountedRoutes: { [ENTITY_ROUTE]: entityRouteRef } },
  );
}

function fleetApi() {
  const fleet = makeFleet();
  return new FakeOktetoDevApi({
    statuses: fleet.statuses,
    denied: fleet.denied,
  });
}

/** The rows of the table, each as [app, state, developer]. */
function rows() {
  const table = screen.getByRole('table', { name: 'Dev environments' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = within(row).getAllByRole('cell');
      return cells.length === 1
        ? [cells[0].textContent]
        : [
            within(cells[0]).getByRole('link').textContent,
            cells[1].textContent,
            // who; when is on its own line
            cells[2].childNodes[0]?.textContent ?? '',
          ];
    });
}

async function choose(filter: string, option: string) {
  await userEvent.selectOptions(
    screen.getByRole('combobox', { name: filter }),
    option,
  );
}

describe('OktetoDevPage', () => {
  it('lists every dev environment the user may read, worst first', async () => {
    const api = fleetApi();
    await renderPage({ api });

    await screen.findByRole('table', { name: 'Dev environments' });
    expect(rows()).toEqual([
      ['synestra-io', 'Conflict: both pods serve', 'developer unknown'],
      ['admin', 'Dev mode broken', 'developer unknown'],
      ['corporate', 'Probably abandoned', 'alice'],
      // two sessions: the older first
      ['shop', 'Dev mode on', 'developer unknown'],
      ['portal', 'Dev mode on', 'bob'],
      ['docs', 'Dev mode unknown', ''],
      ['landings', 'Dev mode off', ''],
    ]);
    // the verdict first: what needs somebody
    expect(
      within(screen.getByRole('group', { name: 'Summary' }))
        .getAllByText(/.+/)
        .map(chip => chip.textContent),
    ).toEqual(['Need attention: 3', 'Dev sessions: 5', 'Apps: 7']);
    // one batch for every annotated entity; the denied one is simply not listed
    expect(api.batchCalls).toHaveLength(1);
    expect(api.batchCalls[0]).toHaveLength(8);
    expect(api.batchCalls[0]).not.toContain('component:default/billing');
    expect(screen.queryByText('secret')).not.toBeInTheDocument();
  });

  it('links each row to its entity page, with where it runs and since when', async () => {
    await renderPage({ api: fleetApi() });
    const link = await screen.findByRole('link', { name: 'corporate' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/corporate',
    );
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('web-corporate-dev on default');
    expect(row).toHaveTextContent('alicestarted 2 days ago');
    expect(within(row).getByRole('link', { name: 'web' })).toHaveAttribute(
      'href',
      '/catalog/default/group/web',
    );
    expect(within(row).getByRole('link', { name: 'web-core' })).toHaveAttribute(
      'href',
      '/catalog/default/system/web-core',
    );
  });

  it('filters by state, owner and system', async () => {
    await renderPage({ api: fleetApi() });
    await screen.findByRole('table', { name: 'Dev environments' });

    await choose('State', 'Any dev session');
    expect(rows().map(r => r[0])).toEqual([
      'synestra-io',
      'admin',
      'corporate',
      'shop',
      'portal',
    ]);

    await choose('Owner', 'shop');
    expect(rows().map(r => r[0])).toEqual(['admin', 'shop']);

    await choose('State', 'Dev mode on');
    expect(rows().map(r => r[0])).toEqual(['shop']);

    await choose('Owner', 'All');
    await choose('System', 'web-core');
    expect(rows().map(r => r[0])).toEqual(['portal']);

    await choose('State', 'Dev mode broken');
    expect(rows()).toEqual([['No dev environment matches these filters.']]);

    await choose('State', 'All');
    await choose('System', 'No system');
    expect(rows().map(r => r[0])).toEqual(['synestra-io']);
  });

  describe('live', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('refetches only the entity a signal names, and does not poll while pushed', async () => {
      const fleet = makeFleet();
      // each status comes with its opaque channel (here: a stand-in the test can tell apart)
      const channelOf = (ref: string) =>
        `okteto-dev:status:${Buffer.from(ref).toString('base64url')}`;
      const statuses = Object.fromEntries(
        Object.entries(fleet.statuses).map(([ref, s]) => [
          ref,
          { ...s, live: { mode: 'watch' as const, channel: channelOf(ref) } },
        ]),
      );
      const api = new FakeOktetoDevApi({ statuses, denied: fleet.denied });
      const signals = new FakeSignalApi();
      await renderPage({ api, signalApi: signals, intervalSeconds: 1 });
      await screen.findByRole('table', { name: 'Dev environments' });
      // the listed entities' channels, as their statuses gave them; none for the denied entity
      expect(signals.channels().sort()).toEqual(
        Object.keys(statuses)
          .filter(ref => !fleet.denied.includes(ref))
          .map(channelOf)
          .sort(),
      );
      expect(signals.channels()).toHaveLength(7);

      // nothing polls while every entity is pushed
      act(() => jest.advanceTimersByTime(10_000));
      expect(api.batchCalls).toHaveLength(1);

      const landings = 'component:default/landings';
      const entity = fleet.entities.find(e => e.metadata.name === 'landings')!;
      api.answer = {
        ...api.answer,
        statuses: {
          ...statuses,
          [landings]: {
            ...statusFor(
              entity,
              makeStatus({ okteto: devModeOn(5, { user: 'carol' }) }),
            ),
            live: { mode: 'watch', channel: channelOf(landings) },
          },
        },
      };
      act(() =>
        signals.publish(channelOf(landings), {
          changedAt: new Date().toISOString(),
        }),
      );
      const cell = await screen.findByRole('cell', { name: /^carol/ });
      expect(cell.closest('tr')).toHaveTextContent('Dev mode on');
      expect(api.batchCalls).toEqual([expect.any(Array), [landings]]);
    });

    it('refetches the pushed entities once their channels rotate, and follows the next ones', async () => {
      const fleet = makeFleet();
      const hour = 60 * 60_000;
      const channelOf = (ref: string, n: number) =>
        `okteto-dev:status:${n}${Buffer.from(ref).toString('base64url')}`;
      const answer = (n: number) =>
        Object.fromEntries(
          Object.entries(fleet.statuses).map(([ref, s]) => [
            ref,
            {
              ...s,
              live: {
                mode: 'watch' as const,
                channel: channelOf(ref, n),
                renewAt: new Date(Date.now() + hour).toISOString(),
              },
            },
          ]),
        );
      const api = new FakeOktetoDevApi({
        statuses: answer(1),
        denied: fleet.denied,
      });
      const signals = new FakeSignalApi();
      await renderPage({ api, signalApi: signals, intervalSeconds: 1 });
      await screen.findByRole('table', { name: 'Dev environments' });
      expect(
        signals.channels().every(c => c.startsWith('okteto-dev:status:1')),
      ).toBe(true);

      act(() => jest.advanceTimersByTime(hour - 1_000));
      expect(api.batchCalls).toHaveLength(1);

      api.answer = { ...api.answer, statuses: answer(2) };
      await act(async () => {
        jest.advanceTimersByTime(11 * 60_000);
      });
      // one batch for all of them (they rotate together), then their next channels
      await waitFor(() => expect(api.batchCalls).toHaveLength(2));
      expect(api.batchCalls[1]).toHaveLength(7);
      await waitFor(() =>
        expect(
          signals.channels().every(c => c.startsWith('okteto-dev:status:2')),
        ).toBe(true),
      );
      expect(signals.channels()).toHaveLength(7);
    });

    it('polls every entity in an app without the signals plugin', async () => {
      const api = fleetApi();
      await renderPage({ api, intervalSeconds: 1 });
      await screen.findByRole('table', { name: 'Dev environments' });
      expect(api.batchCalls).toHaveLength(1);

      // (async act: the poll's answer arrives within it)
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      await waitFor(() => expect(api.batchCalls).toHaveLength(2));
      // the listed ones: not the denied entity
      expect(api.batchCalls[1]).toHaveLength(7);
    });

    it('polls, with signals, the entities the backend does not push', async () => {
      const fleet = makeFleet();
      const statuses = Object.fromEntries(
        Object.entries(fleet.statuses).map(([ref, s]) => [
          ref,
          ref === 'component:default/docs'
            ? { ...s, live: { mode: 'polling' as const } }
            : {
                ...s,
                live: {
                  mode: 'watch' as const,
                  channel: `okteto-dev:status:${ref.length}${ref.slice(-3)}`,
                },
              },
        ]),
      );
      const api = new FakeOktetoDevApi({ statuses, denied: fleet.denied });
      await renderPage({
        api,
        signalApi: new FakeSignalApi(),
        intervalSeconds: 1,
      });
      await screen.findByRole('table', { name: 'Dev environments' });

      // (async act: the poll's answer arrives within it)
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      await waitFor(() => expect(api.batchCalls).toHaveLength(2));
      expect(api.batchCalls[1]).toEqual(['component:default/docs']);
    });
  });

  it('says so when no app has the annotation', async () => {
    await renderPage({ api: fleetApi(), entities: [] });
    expect(
      await screen.findByText('No dev environment to show'),
    ).toBeInTheDocument();
  });
});
