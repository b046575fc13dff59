import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  expandSection,
  expectOpenSections,
  inSection,
  renderStatusInRussian,
  summaryParts,
} from '../../__testUtils__/renderCard';
import { oktetoDevApiRef } from '../../api';
import { FakeOktetoDevApi, fixtures, makeEntity } from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';

const SECTIONS = [
  'Расхождение с Git',
  'Okteto',
  'Argo CD',
  'Workload',
  'Чеклист готовности',
  'Команды',
];
const summary = () => summaryParts('Сводка');

describe('EntityOktetoDevCard in Russian', () => {
  beforeEach(() => localStorage.clear());

  it('healthy, dev mode off', async () => {
    await renderStatusInRussian(fixtures.healthyOff);

    expect(await screen.findByText('Dev-окружение')).toBeInTheDocument();
    expect(summary()).toEqual([
      'Argo CD: Синхронизировано · Исправно',
      'Dev-режим выключен',
      'Расхождения нет',
    ]);
    expectOpenSections([], SECTIONS);
    expect(
      screen.getByRole('button', {
        name: 'Чеклист готовности выполнено 9 из 9',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Обновить' }),
    ).toBeInTheDocument();

    const commands = await expandSection('Команды');
    expect(
      commands.getByText(
        'Запустить dev-режим: dev-запись web-corporate-dev из .okteto/okteto.yml',
      ),
    ).toBeInTheDocument();
    expect(
      commands.getByText(
        'okteto up запускает в dev-контейнере, в /app/apps/corporate-website:',
      ),
    ).toBeInTheDocument();
  });

  it('dev mode on: the checklist finding in Russian, not the backend English', async () => {
    const status = fixtures.devModeOn;
    await renderStatusInRussian(status);

    expect(summary()).toEqual([
      'Argo CD: Расходится с Git · Исправно',
      'Dev-режим включён · разработчик неизвестен · 2 часа',
      'Ожидаемое расхождение из-за dev-режима',
    ]);
    const item = within(
      screen.getByRole('list', { name: 'Чеклист готовности' }),
    ).getByRole('listitem');
    expect(item).toHaveTextContent(
      'Синхронизация не трогает /spec/replicas — Не выполнено',
    );
    expect(item).toHaveTextContent(
      'Для argo/web-corporate-dev включён automated sync, поэтому следующий коммит в main вернёт web-corporate-dev-web-app его реплики',
    );
    expect(
      screen.queryByText(status.checklist[5].message),
    ).not.toBeInTheDocument();

    const okteto = await expandSection('Okteto');
    expect(
      okteto.getByText('dev-контейнер работает уже 2 часа · перезапусков: 0'),
    ).toBeInTheDocument();
  });

  it('conflict by automated sync', async () => {
    const status = fixtures.conflictAutoSync;
    await renderStatusInRussian(status);

    expect(summary()[2]).toBe('Конфликт: обслуживают оба пода');
    expectOpenSections(['Расхождение с Git', 'Чеклист готовности'], SECTIONS);
    expect(inSection('Расхождение с Git').getByRole('alert')).toHaveTextContent(
      /^Конфликт: Service обслуживают и исходный web-corporate-dev-web-app \(реплик: 1\), и dev-клон web-corporate-dev-web-app-okteto/,
    );
    expect(screen.queryByText(status.drift.message)).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Скопировать: Остановить dev-режим' }),
    ).toBeInTheDocument();
  });

  it('abandoned session', async () => {
    await renderStatusInRussian(fixtures.abandoned);

    expect(summary()[1]).toBe(
      'Dev-режим включён · alice · вероятно, заброшен (2 дня)',
    );
    expect(
      inSection('Okteto').getByText(
        'Dev-режим включён уже 2 дня: вероятно, о нём забыли. Если с ним никто не работает, остановите dev-режим.',
      ),
    ).toBeInTheDocument();
  });

  it('broken: the clone pruned by Argo CD', async () => {
    await renderStatusInRussian(fixtures.brokenPruned);

    expect(summary()[1]).toBe('Dev-режим сломан');
    const problems = within(
      screen.getByRole('list', { name: 'Почему dev-режим сломан' }),
    ).getAllByRole('listitem');
    expect(problems[0]).toHaveTextContent(
      /^web-corporate-dev-web-app в dev-режиме \(label dev\.okteto\.com\), но его dev-клона web-corporate-dev-web-app-okteto нет: web-corporate-dev отслеживает ресурсы по label/,
    );
  });

  it('Argo CD in trouble', async () => {
    await renderStatusInRussian(fixtures.argoTrouble);

    expect(summary()[0]).toBe(
      'Argo CD: Синхронизация неизвестна · Исправно · последняя синхронизация не удалась · ComparisonError · не сравнивал уже 3 часа',
    );
    const argo = inSection('Argo CD');
    expect(
      argo.getByText(
        'Последняя синхронизация не удалась (Failed, автоматически, 20 минут назад): one or more synchronization tasks are not valid (retried 5 times).',
      ),
    ).toBeInTheDocument();
    expect(
      argo.getByText(
        'Создано ApplicationSet web-apps-dev: правьте ApplicationSet, а не Application — Application перезаписывается из его шаблона.',
      ),
    ).toBeInTheDocument();
  });

  it('app missing: Enable Okteto and the guessed package', async () => {
    await renderStatusInRussian(fixtures.appMissing);

    expect(summary()).toEqual([
      'Нет Argo CD Application',
      'Dev-режим выключен',
      'Расхождение неизвестно',
    ]);
    expect(
      await screen.findByRole('button', { name: 'Подключить Okteto' }),
    ).toBeInTheDocument();
    const commands = await expandSection('Команды');
    expect(
      commands.getByText(
        'apps/corporate/package.json не существует, поэтому имя пакета — догадка по шаблону именования (corporate).',
      ),
    ).toBeInTheDocument();
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
            new FakeOktetoDevApi({ status: fixtures.healthyOff }),
          ],
        ],
      },
    );

    expect(await screen.findByText('Dev environment')).toBeInTheDocument();
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
  });
});
