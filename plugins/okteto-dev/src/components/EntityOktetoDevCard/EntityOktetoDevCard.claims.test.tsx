import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor } from '@testing-library/react';
import { renderCard, russianAppConfig } from '../../__testUtils__/renderCard';
import { oktetoDevApiRef } from '../../api';
import {
  contestedClaimError,
  FakeOktetoDevApi,
  FakeSignalApi,
  fixtures,
  makeEntity,
} from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';

const CHANNEL = 'okteto-dev:status:b3BhcXVlLWNoYW5uZWwtb2YtY29ycG9yYXRl';
const config = { oktetoDev: { refreshIntervalSeconds: 1 } };

describe('EntityOktetoDevCard: a dev target claimed by more than one entity', () => {
  it('says who else claims it and shows nothing of the status', async () => {
    const api = new FakeOktetoDevApi({
      error: await contestedClaimError(['component:default/corporate-copy']),
    });
    await renderCard({ api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Dev target claimed by more than one entity',
    );
    expect(alert).toHaveTextContent(
      'The dev target of this entity (workload web-corporate-dev-web-app in namespace web-corporate-dev, Argo CD Application argo/web-corporate-dev) is also claimed by component:default/corporate-copy.',
    );
    expect(screen.queryByRole('group', { name: 'Summary' })).toBeNull();
    expect(screen.queryByText(/okteto up|okteto down/)).toBeNull();
  });

  it('says "another catalog entity" when the viewer may not see the other claimant', async () => {
    const api = new FakeOktetoDevApi({ error: await contestedClaimError() });
    await renderCard({ api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'is also claimed by another catalog entity.',
    );
  });

  it('drops the status it showed when the target becomes contested, polls, and shows it again once resolved', async () => {
    jest.useFakeTimers();
    try {
      const signals = new FakeSignalApi();
      const api = new FakeOktetoDevApi({
        status: {
          ...fixtures.devModeOn,
          live: { mode: 'watch', channel: CHANNEL },
        },
      });
      await renderCard({ api, signalApi: signals, config });
      expect(
        await screen.findByText('Dev mode on · developer unknown · 2 hours'),
      ).toBeInTheDocument();

      // a second entity appears: the next answer is the 409
      api.answer = { error: await contestedClaimError() };
      act(() =>
        signals.publish(CHANNEL, { changedAt: new Date().toISOString() }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'another catalog entity',
      );
      expect(
        screen.queryByText('Dev mode on · developer unknown · 2 hours'),
      ).toBeNull();
      expect(signals.channels()).toEqual([]);

      // no channel any more: the card polls, and shows the status once one entity claims it
      api.answer = { status: fixtures.healthyOff };
      const calls = api.calls.length;
      act(() => jest.advanceTimersByTime(1_000));
      await waitFor(() => expect(api.calls.length).toBeGreaterThan(calls));
      expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
      expect(screen.queryByRole('alert')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('in Russian', async () => {
    // the language the earlier apps stored would win over the configured default
    localStorage.clear();
    const api = new FakeOktetoDevApi({
      error: await contestedClaimError(
        ['component:default/corporate-copy'],
        true,
      ),
    });
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>,
      { config: russianAppConfig, apis: [[oktetoDevApiRef, api]] },
    );
    // the Russian messages load asynchronously
    expect(
      await screen.findByText(
        'На dev-цель претендует больше одной сущности',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'претендует также component:default/corporate-copy и ещё одна сущность каталога.',
    );
  });
});
