import { DevEventsResponse } from '@okteto-dev/plugin-okteto-dev-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expandSection, renderCard } from '../../__testUtils__/renderCard';
import {
  ENTITY_REF,
  FakeOktetoDevApi,
  fixtures,
  minutesAgo,
  responseError,
  WORKLOAD,
} from '../../testing/fixtures';

const EVENTS: DevEventsResponse = {
  entityRef: ENTITY_REF,
  fetchedAt: new Date().toISOString(),
  items: [
    {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container app',
      object: { kind: 'Pod', name: `${WORKLOAD}-7d9f8c6b5-k2l9p` },
      count: 12,
      lastSeen: minutesAgo(1),
    },
    {
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: connection refused',
      object: { kind: 'Pod', name: `${WORKLOAD}-7d9f8c6b5-k2l9p` },
      count: 1,
      lastSeen: minutesAgo(5),
    },
  ],
};

async function renderWith(api: FakeOktetoDevApi) {
  await renderCard({ api });
  await screen.findByRole('group', { name: 'Summary' });
}

describe('EntityOktetoDevCard: events', () => {
  it('reads the events only when the section is opened', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.workloadCrashing,
      events: EVENTS,
    });
    await renderWith(api);

    // the last exit is on the heading, from the status: no request yet
    expect(
      screen.getByRole('button', { name: 'Events last exit: Error' }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(api.eventCalls).toEqual([]);

    const events = await expandSection('Events');
    const list = await events.findByRole('list', { name: 'Warning events' });
    expect(api.eventCalls).toEqual([ENTITY_REF]);
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(row => row.textContent),
    ).toEqual([
      `BackOff · Pod ${WORKLOAD}-7d9f8c6b5-k2l9pBack-off restarting failed container app12 times · 1 minute ago`,
      `Unhealthy · Pod ${WORKLOAD}-7d9f8c6b5-k2l9pReadiness probe failed: connection refused5 minutes ago`,
    ]);
    const exits = events.getByRole('list', { name: 'Last container exits' });
    expect(exits).toHaveTextContent(
      `${WORKLOAD}-7d9f8c6b5-k2l9p last exitedError · exit code 1 · 2 minutes ago`,
    );
  });

  it('says quietly that a user without okteto-dev.events.read may not read them', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.healthyOff,
      events: await responseError(
        403,
        'NotAllowedError',
        'Permission okteto-dev.events.read is denied',
      ),
    });
    await renderWith(api);

    const events = await expandSection('Events');
    expect(
      await events.findByText('You may not read this app’s events.'),
    ).toBeInTheDocument();
    expect(events.queryByRole('alert')).not.toBeInTheDocument();
    expect(events.queryByText(/denied/)).not.toBeInTheDocument();
  });

  it('reports a failed request', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.healthyOff,
      events: new Error('backend down'),
    });
    await renderWith(api);
    const events = await expandSection('Events');
    expect(
      await events.findByText('The events could not be loaded: backend down'),
    ).toBeInTheDocument();
  });

  it('shows a failed cluster read like the other reads', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.healthyOff,
      events: {
        ...EVENTS,
        items: [],
        error: {
          type: 'forbidden',
          message: 'events is forbidden',
          resource: 'events web-corporate-dev',
        },
      },
    });
    await renderWith(api);
    const events = await expandSection('Events');
    expect(
      await events.findByText('The events could not be read'),
    ).toBeInTheDocument();
    expect(
      events.getByText(/Forbidden: events is forbidden/),
    ).toBeInTheDocument();
    expect(
      events.queryByText(
        'No Warning events about the workload or its dev clone.',
      ),
    ).not.toBeInTheDocument();
  });

  it('says when there are none, and reads them again when the status changes', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
    await renderWith(api);
    const events = await expandSection('Events');
    expect(
      await events.findByText(
        'No Warning events about the workload or its dev clone.',
      ),
    ).toBeInTheDocument();
    expect(events.queryByRole('list')).not.toBeInTheDocument();

    api.answer = {
      status: { ...fixtures.healthyOff, fetchedAt: new Date().toISOString() },
      events: EVENTS,
    };
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.eventCalls).toHaveLength(2));
    expect(
      await screen.findByRole('list', { name: 'Warning events' }),
    ).toBeInTheDocument();
  });
});
