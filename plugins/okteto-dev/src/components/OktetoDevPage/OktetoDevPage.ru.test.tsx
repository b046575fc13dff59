import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { russianAppConfig } from '../../__testUtils__/renderCard';
import { oktetoDevApiRef } from '../../api';
import { FakeOktetoDevApi, makeFleet } from '../../testing/fixtures';
import { OktetoDevPage } from './OktetoDevPage';

const ENTITY_ROUTE = '/catalog/:namespace/:kind/:name';

// Separate from the English tests: the legacy test app leaves state behind that stops the new
// frontend system's test app from rendering in the same file.
describe('OktetoDevPage in Russian', () => {
  it('is in Russian in a Russian app', async () => {
    const fleet = makeFleet();
    renderInTestApp(<OktetoDevPage />, {
      config: russianAppConfig,
      apis: [
        [
          oktetoDevApiRef,
          new FakeOktetoDevApi({
            statuses: fleet.statuses,
            denied: fleet.denied,
          }),
        ],
        [catalogApiRef, catalogApiMock({ entities: fleet.entities })],
      ],
      mountedRoutes: { [ENTITY_ROUTE]: entityRouteRef },
    });
    // the Russian messages load on demand
    expect(
      await screen.findByRole(
        'table',
        { name: 'Dev-окружения' },
        { timeout: 5_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('cell', { name: 'Вероятно, заброшен' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('combobox', { name: 'Состояние' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Сводка' }))
        .getAllByText(/.+/)
        .map(chip => chip.textContent),
    ).toEqual(['Требуют внимания: 3', 'Dev-сессий: 5', 'Приложений: 7']);
    expect(
      screen.getAllByRole('columnheader').map(cell => cell.textContent),
    ).toEqual([
      'Приложение',
      'Dev-режим',
      'Кто и с какого времени',
      'Владелец',
      'Система',
    ]);
    expect(
      screen
        .getAllByRole('cell')
        .filter(cell =>
          cell.textContent?.startsWith('разработчик неизвестензапущен'),
        ),
    ).toHaveLength(3);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Состояние' }),
      'Dev-режим выключен',
    );
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'landings' })).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Система' }),
      'Без системы',
    );
    expect(
      screen.getByText('Ни одно dev-окружение не подходит под эти фильтры.'),
    ).toBeInTheDocument();
  });
});
