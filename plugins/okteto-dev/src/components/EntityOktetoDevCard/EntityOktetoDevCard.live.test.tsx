import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { act, screen, waitFor } from '@testing-library/react';
import { renderCard } from '../../__testUtils__/renderCard';
import {
  ENTITY_REF,
  FakeOktetoDevApi,
  FakeSignalApi,
  fixtures,
} from '../../testing/fixtures';

const CHANNEL = `okteto-dev:status:${ENTITY_REF}`;
const watched = (status: DevStatus): DevStatus => ({
  ...status,
  live: { mode: 'watch' },
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
  act(() =>
    signals.publish(CHANNEL, {
      entityRef: ENTITY_REF,
      changedAt: new Date().toISOString(),
    }),
  );

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
    let answerFirst: (status: DevStatus) => void = () => {};
    const getStatus = api.getStatus.bind(api);
    api.getStatus = ref =>
      api.calls.length === 0
        ? new Promise(resolve => {
            api.calls.push(ref);
            answerFirst = resolve;
          })
        : getStatus(ref);
    await renderCard({ api, signalApi: signals, config });

    // the change happens after the backend answered the first request
    api.answer = { status: watched(fixtures.devModeOn) };
    signal(signals);
    await act(async () => answerFirst(watched(fixtures.healthyOff)));

    expect(
      await screen.findByText('Dev mode on · developer unknown · 2 hours'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
  });
});
