import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { act, screen, waitFor } from '@testing-library/react';
import { renderCard } from '../../__testUtils__/renderCard';
import {
  ENTITY_REF,
  FakeOktetoDevApi,
  FakeSignalApi,
  fixtures,
} from '../../testing/fixtures';

/** The opaque channel the backend hands out with the status (nothing of the ref in it). */
const CHANNEL = 'okteto-dev:status:Zm9vYmFyYmF6cXV4cXV1eGNvcmdl';
const watched = (status: DevStatus): DevStatus => ({
  ...status,
  live: { mode: 'watch', channel: CHANNEL },
});
/** Polling every second, so that a missing poll would show within a few. */
const config = { oktetoDev: { refreshIntervalSeconds: 1 } };

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const signal = (signals: FakeSignalApi) =>
  act(() => signals.publish(CHANNEL, { changedAt: new Date().toISOString() }));

describe('EntityOktetoDevCard: live', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  it('refetches when a signal says the status changed, and does not poll meanwhile', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({ status: watched(fixtures.healthyOff) });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    expect(signals.channels()).toEqual([CHANNEL]);

    expect(
      screen.getByText('Live: changes are pushed as they happen'),
    ).toBeInTheDocument();
    act(() => jest.advanceTimersByTime(10_000));
    expect(api.calls).toEqual([ENTITY_REF]);

    api.answer = { status: watched(fixtures.conflictAutoSync) };
    signal(signals);
    expect(
      await screen.findByText('Conflict: both pods serve'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([ENTITY_REF, ENTITY_REF]);

    act(() => jest.advanceTimersByTime(10_000));
    expect(api.calls).toHaveLength(2);
  });

  it('polls on the interval in an app without the signals plugin', async () => {
    const api = new FakeOktetoDevApi({ status: watched(fixtures.healthyOff) });
    await renderCard({ api, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();

    api.answer = { status: watched(fixtures.devModeOn) };
    act(() => jest.advanceTimersByTime(1_000));
    expect(
      await screen.findByText('Dev mode on · developer unknown · 2 hours'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
  });

  it('polls when the backend does not push this entity, signals or not', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({
      status: {
        ...fixtures.healthyOff,
        live: { mode: 'polling', reason: 'watch forbidden' },
      },
    });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    // the card says which mode, and why
    expect(
      screen.getByText('Read on each view, not live: watch forbidden'),
    ).toBeInTheDocument();

    for (const calls of [2, 3, 4]) {
      act(() => jest.advanceTimersByTime(1_000));
      await waitFor(() => expect(api.calls).toHaveLength(calls));
    }
  });

  it('refetches a change signalled to a hidden tab once it is shown', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({ status: watched(fixtures.healthyOff) });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();

    setVisibility('hidden');
    api.answer = { status: watched(fixtures.devModeOn) };
    signal(signals);
    signal(signals);
    expect(api.calls).toHaveLength(1);

    setVisibility('visible');
    expect(
      await screen.findByText('Dev mode on · developer unknown · 2 hours'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
  });

  it('does not lose a signal that arrives while a request runs', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({ status: watched(fixtures.healthyOff) });
    let answerSecond: (status: DevStatus) => void = () => {};
    const getStatus = api.getStatus.bind(api);
    api.getStatus = ref =>
      api.calls.length === 1
        ? new Promise(resolve => {
            api.calls.push(ref);
            answerSecond = resolve;
          })
        : getStatus(ref);
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();

    // a signal starts the second request; a change happens after the backend answered it
    signal(signals);
    await waitFor(() => expect(api.calls).toHaveLength(2));
    api.answer = { status: watched(fixtures.devModeOn) };
    signal(signals);
    await act(async () => answerSecond(watched(fixtures.healthyOff)));

    expect(
      await screen.findByText('Dev mode on · developer unknown · 2 hours'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(3);
  });

  it('listens on the channel the status came with, never on one made from the entity ref', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({ status: watched(fixtures.healthyOff) });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    expect(signals.channels()).toEqual([CHANNEL]);
    expect(signals.channels().join()).not.toContain('component');

    // a signal on a channel made from the ref (the old scheme) is nobody's
    act(() =>
      signals.publish(`okteto-dev:status:${ENTITY_REF}`, {
        changedAt: new Date().toISOString(),
      }),
    );
    act(() => jest.advanceTimersByTime(5_000));
    expect(api.calls).toHaveLength(1);
  });

  it('polls a backend that watches but hands out no channel (an older backend)', async () => {
    const signals = new FakeSignalApi();
    const api = new FakeOktetoDevApi({
      status: { ...fixtures.healthyOff, live: { mode: 'watch' } },
    });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    expect(signals.channels()).toEqual([]);
    act(() => jest.advanceTimersByTime(1_000));
    await waitFor(() => expect(api.calls).toHaveLength(2));
  });

  it('fetches the next channel once the backend rotates it, and follows that one', async () => {
    const signals = new FakeSignalApi();
    const hour = 60 * 60_000;
    const rotating = (channel: string, status: DevStatus): DevStatus => ({
      ...status,
      live: {
        mode: 'watch',
        channel,
        renewAt: new Date(Date.now() + hour).toISOString(),
      },
    });
    const api = new FakeOktetoDevApi({
      status: rotating(CHANNEL, fixtures.healthyOff),
    });
    await renderCard({ api, signalApi: signals, config });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    expect(signals.channels()).toEqual([CHANNEL]);

    // nothing before the rotation (no polling while pushed)
    act(() => jest.advanceTimersByTime(hour - 1_000));
    expect(api.calls).toHaveLength(1);

    // after it (within the spread of 10 minutes): one refetch, and the next channel
    const next = 'okteto-dev:status:bmV4dC1jaGFubmVsLW9mLXRoZS1ob3VyLTI';
    api.answer = { status: rotating(next, fixtures.devModeOn) };
    act(() => jest.advanceTimersByTime(11 * 60_000));
    expect(
      await screen.findByText('Dev mode on · developer unknown · 2 hours'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
    expect(signals.channels()).toEqual([next]);
  });
});
