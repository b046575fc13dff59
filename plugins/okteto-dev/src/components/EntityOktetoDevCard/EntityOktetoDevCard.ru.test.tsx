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
import {
  APP_REF,
  APPLICATION_PATH,
  checkItem,
  ENTITY_REF,
  FakeOktetoDevApi,
  fixtures,
  makeChecklist,
  makeEntity,
  makeStatus,
  minutesAgo,
  okArgo,
  REPLICAS_NOT_IGNORED,
  responseError,
} from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';

const SECTIONS = [
  'Расхождение с Git',
  'Okteto',
  'Argo CD',
  'Рабочая нагрузка',
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
      'Для argo/web-corporate-dev включена автоматическая синхронизация, поэтому следующий коммит в main вернёт web-corporate-dev-web-app его реплики',
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

    expect(summary()[0]).toBe('Конфликт: обслуживают оба пода');
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

    expect(summary()[0]).toBe(
      'Dev-режим включён · alice · вероятно, заброшен (2 дня)',
    );
    expect(screen.getAllByText(/заброшен|забыли/)).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: 'Скопировать: Остановить dev-режим' }),
    ).toBeInTheDocument();
  });

  it('broken: the clone pruned by Argo CD', async () => {
    await renderStatusInRussian(fixtures.brokenPruned);

    expect(summary()[0]).toBe('Dev-режим сломан');
    const problems = within(
      screen.getByRole('list', { name: 'Почему dev-режим сломан' }),
    ).getAllByRole('listitem');
    expect(problems[0]).toHaveTextContent(
      /^web-corporate-dev-web-app в dev-режиме \(метка dev\.okteto\.com\), но его dev-клона web-corporate-dev-web-app-okteto нет: web-corporate-dev отслеживает ресурсы по метке/,
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
      'Dev-режим выключен · не настроен',
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

  it('links, history and resources', async () => {
    await renderStatusInRussian(fixtures.devModeOn);

    const argo = await expandSection('Argo CD');
    expect(
      argo.getByRole('link', { name: /^Открыть в Argo CD/ }),
    ).toBeInTheDocument();
    expect(
      argo.getByRole('link', { name: /^Файл Application/ }),
    ).toBeInTheDocument();
    const okteto = await expandSection('Okteto');
    expect(
      okteto.getByRole('link', {
        name: /^Dev-запись web-corporate-dev в \.okteto\/okteto\.yml/,
      }),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('button', {
        name: 'История и ресурсы синхронизаций: 1 · ресурсов: 1',
      }),
    ).toBeInTheDocument();
    const history = await expandSection('История и ресурсы');
    expect(
      within(
        history.getByRole('list', { name: 'Последние синхронизации' }),
      ).getByRole('listitem'),
    ).toHaveTextContent(
      /^3f2a9c1.* · развёрнуто 3 минуты назад · автоматически$/,
    );
    expect(
      within(history.getByRole('list', { name: 'Ресурсы' })).getByRole(
        'listitem',
      ),
    ).toHaveTextContent(
      'Deployment web-corporate-dev-web-appРасходится с Git · собственное изменение dev-режима Okteto',
    );
  });

  it('no link the backend could not build', async () => {
    await renderStatusInRussian(makeStatus({ links: {} }));
    await expandSection('Argo CD');
    await expandSection('Okteto');
    await expandSection('Рабочая нагрузка');
    for (const name of [
      /^Открыть в Argo CD/,
      /^Файл Application/,
      /^Dev-запись/,
      /^Открыть приложение/,
    ]) {
      expect(screen.queryByRole('link', { name })).not.toBeInTheDocument();
    }
  });

  it('fix buttons under each failing item Git fixes, and the values file', async () => {
    await renderStatusInRussian(
      makeStatus({
        argo: okArgo({ selfHeal: true, replicasIgnored: false }),
        checklist: makeChecklist(
          checkItem('self-heal-off', 'fail', 'checkSelfHealOn', {
            application: APP_REF,
            file: APPLICATION_PATH,
          }),
          REPLICAS_NOT_IGNORED,
          checkItem('env-var', 'fail', 'checkEnvVarMissing', {
            name: 'SYNESTRA_ENV',
            value: 'dev',
            container: 'app',
            file: 'deploy/env/dev/corporate.yaml',
          }),
          checkItem('env-secret', 'fail', 'checkSecretNotTaken', {
            secrets: 'web-corporate-dev-env',
            container: 'app',
          }),
        ),
      }),
    );
    const rows = within(
      screen.getByRole('list', { name: 'Чеклист готовности' }),
    ).getAllByRole('listitem');
    const fixes = rows.map(
      row =>
        within(row).queryByRole('button', {
          name: 'Исправить через pull request',
        }) !== null,
    );
    // env-var, env-secret (no fix: the platform creates the Secret), self-heal, replicas
    expect(rows.map(row => row.textContent?.split(' — ')[0])).toEqual([
      'SYNESTRA_ENV=dev',
      'Нужные Secret существуют',
      'selfHeal выключен',
      'Синхронизация не трогает /spec/replicas',
    ]);
    expect(fixes).toEqual([true, false, true, true]);
    expect(
      within(rows[0]).getByRole('link', { name: /^Файл values/ }),
    ).toBeInTheDocument();
  });

  it('events: read on opening', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.workloadCrashing,
      events: {
        entityRef: ENTITY_REF,
        fetchedAt: new Date().toISOString(),
        items: [
          {
            type: 'Warning',
            reason: 'BackOff',
            message: 'Back-off restarting failed container app',
            object: { kind: 'Pod', name: 'web-1' },
            count: 12,
            lastSeen: minutesAgo(1),
          },
        ],
      },
    });
    await renderStatusInRussian(fixtures.workloadCrashing, { api });
    expect(
      screen.getByRole('button', {
        name: 'События последнее завершение: Error',
      }),
    ).toBeInTheDocument();
    expect(api.eventCalls).toEqual([]);

    const events = await expandSection('События');
    const list = await events.findByRole('list', { name: 'События Warning' });
    expect(list).toHaveTextContent(
      'BackOff · Pod web-1Back-off restarting failed container app×12 · 1 минуту назад',
    );
    expect(
      events.getByRole('list', { name: 'Последние завершения контейнеров' }),
    ).toHaveTextContent(
      'web-corporate-dev-web-app-7d9f8c6b5-k2l9p: последнее завершениеError · код выхода 1 · 2 минуты назад',
    );
  });

  it('events denied', async () => {
    const api = new FakeOktetoDevApi({
      status: fixtures.healthyOff,
      events: await responseError(403, 'NotAllowedError', 'denied'),
    });
    await renderStatusInRussian(fixtures.healthyOff, { api });
    const events = await expandSection('События');
    expect(
      await events.findByText('Вам нельзя читать события этого приложения.'),
    ).toBeInTheDocument();
  });
});
