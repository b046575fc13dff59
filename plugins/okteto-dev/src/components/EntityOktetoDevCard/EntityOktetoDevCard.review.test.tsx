import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  expandSection,
  renderCard,
  renderStatus,
  renderStatusInRussian,
  russianAppConfig,
  summaryParts,
} from '../../__testUtils__/renderCard';
import { oktetoDevApiRef } from '../../api';
import {
  errorScenarios,
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
} from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';

// What the UI review found reading the card as a user (screenshots of every state, en + ru):
// each fix, in both languages.
describe('EntityOktetoDevCard: what the UI review fixed', () => {
  // the language chosen by one render is kept in localStorage
  beforeEach(() => localStorage.clear());

  it('without an Application, the summary line says the workload does not start (saas: its Secret is missing)', async () => {
    await renderStatus(fixtures.secretMissing);
    expect(summaryParts()).toEqual([
      'No Argo CD Application',
      '0 of 1 replicas ready · CreateContainerConfigError',
      'Dev mode off',
      'Drift unknown',
    ]);
  });

  it('the workload line in Russian', async () => {
    await renderStatusInRussian(fixtures.secretMissing);
    expect(summaryParts('Сводка')).toEqual([
      'Нет Argo CD Application',
      'готово реплик: 0 из 1 · CreateContainerConfigError',
      'Dev-режим выключен',
      'Расхождение неизвестно',
    ]);
  });

  it('a healthy workload adds nothing to the summary line', async () => {
    await renderStatus(fixtures.healthyOff);
    expect(summaryParts()).not.toContainEqual(
      expect.stringMatching(/replicas ready/),
    );
  });

  it('the pod’s phase in the reader’s language', async () => {
    await renderStatusInRussian(fixtures.secretMissing);
    const workload = await expandSection('Рабочая нагрузка');
    expect(
      workload.getByText(/^ожидает запуска · не готов · перезапусков: 0/),
    ).toBeInTheDocument();
    expect(workload.queryByText(/Pending/)).not.toBeInTheDocument();
  });

  it('a viewer who may not read the status gets a statement, not an error panel', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ error: await errorScenarios.statusDenied() }),
    });
    expect(
      await screen.findByText('You may not read this app’s dev status.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/NotAllowedError|403/)).not.toBeInTheDocument();
  });

  it('the denial in Russian', async () => {
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>,
      {
        config: russianAppConfig,
        apis: [
          [
            oktetoDevApiRef,
            new FakeOktetoDevApi({
              error: await errorScenarios.statusDenied(),
            }),
          ],
        ],
      },
    );
    expect(
      await screen.findByText(
        'Вам нельзя читать dev-состояние этого приложения.',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('a command wraps between its words only: each word is one piece', async () => {
    await renderStatus(fixtures.packageManagerYarn);
    const commands = await expandSection('Commands');
    const command = 'yarn workspace @synestra/corporate-website dev';
    const code = commands
      .getAllByText((_, element) => element?.tagName === 'CODE')
      .find(element => element.textContent === command)!;
    expect(Array.from(code.children).map(word => word.textContent)).toEqual(
      command.split(' '),
    );
  });

  it('two refused values are two items, not one run-on paragraph', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ error: await errorScenarios.refused() }),
    });
    const alert = await screen.findByRole('alert');
    const items = within(alert).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      expect.stringMatching(
        /^Namespace kube-system \(from okteto-dev\/namespace\)/,
      ),
      expect.stringMatching(/^Workload coredns \(from okteto-dev\/workload\)/),
    ]);
  });
});
