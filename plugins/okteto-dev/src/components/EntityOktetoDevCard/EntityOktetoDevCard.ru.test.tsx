import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { oktetoDevApiRef } from '../../api';
import { FakeOktetoDevApi, fixtures, makeEntity } from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';

// The new frontend system test app uses the real translation API; its app-language API takes the
// default language from config, like an app that sets `defaultLanguage: ru`.
const russian = {
  app: {
    baseUrl: 'http://localhost:3000',
    extensions: [
      {
        'api:app/app-language': {
          config: { defaultLanguage: 'ru', availableLanguages: ['en', 'ru'] },
        },
      },
    ],
  },
  backend: { baseUrl: 'http://localhost:7007' },
};

describe('EntityOktetoDevCard in Russian', () => {
  beforeEach(() => localStorage.clear());

  it('shows Russian text when the app language is ru', async () => {
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>,
      {
        config: russian,
        apis: [
          [
            oktetoDevApiRef,
            new FakeOktetoDevApi({ status: fixtures.devModeOn }),
          ],
        ],
      },
    );

    expect(await screen.findByText('Dev-окружение')).toBeInTheDocument();
    expect(
      await screen.findByText('Dev-режим включён (sync)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Синхронизировано')).toBeInTheDocument();
    expect(screen.getByText('Исправно')).toBeInTheDocument();
    expect(screen.getByText('Разработчик: alice')).toBeInTheDocument();
    expect(
      screen.getByText(/синхронизировано 3 минуты назад/),
    ).toBeInTheDocument();
    expect(screen.getByText('Чеклист готовности')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Обновить' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Dev environment')).not.toBeInTheDocument();
  });

  it('stays English by default', async () => {
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>,
      {
        apis: [
          [
            oktetoDevApiRef,
            new FakeOktetoDevApi({ status: fixtures.syncedOff }),
          ],
        ],
      },
    );

    expect(await screen.findByText('Dev environment')).toBeInTheDocument();
    expect(await screen.findByText('Dev mode is off')).toBeInTheDocument();
  });
});
