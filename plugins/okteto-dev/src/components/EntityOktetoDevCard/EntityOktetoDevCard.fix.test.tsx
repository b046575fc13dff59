import { screen, within } from '@testing-library/react';
import {
  inSection,
  renderCard,
  renderStatus,
} from '../../__testUtils__/renderCard';
import {
  APP_REF,
  APPLICATION_PATH,
  checkItem,
  devModeOn,
  FakeOktetoDevApi,
  fixtures,
  makeChecklist,
  makeEntity,
  makeStatus,
  MANIFEST,
  okArgo,
  REPLICAS_NOT_IGNORED,
} from '../../testing/fixtures';
import { withoutDevEntry } from '../../testing/scenarioParts';

const ENTITY_WITH_SOURCE = makeEntity({
  'okteto-dev/app': 'corporate',
  'backstage.io/source-location':
    'url:https://github.com/NeoGrAIph/web-core/tree/main/apps/corporate-website/',
});

const REPOSITORY = 'github.com?owner=NeoGrAIph&repo=web-core';

/** The checklist row of an item, by the start of its title. */
function itemRow(title: string | RegExp) {
  const list = screen.getByRole('list', { name: 'Readiness checklist' });
  const rows = within(list).getAllByRole('listitem');
  const row = rows.find(r =>
    typeof title === 'string'
      ? r.textContent?.startsWith(title)
      : title.test(r.textContent ?? ''),
  );
  if (!row) throw new Error(`no checklist row ${title}`);
  return within(row);
}

/** The template and form a "Fix in a pull request" link opens. */
function fixLink(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

const failing = {
  selfHeal: checkItem('self-heal-off', 'fail', 'checkSelfHealOn', {
    application: APP_REF,
    file: APPLICATION_PATH,
  }),
  envVar: checkItem('env-var', 'fail', 'checkEnvVarMissing', {
    name: 'SYNESTRA_ENV',
    value: 'dev',
    container: 'app',
    file: 'deploy/env/dev/corporate.yaml',
  }),
  stignore: checkItem('stignore', 'fail', 'checkStignoreMissingEntries', {
    path: '.stignore',
    entries: '**/.turbo/',
  }),
};

describe('EntityOktetoDevCard: fix it in a pull request', () => {
  it('offers fix-okteto-dev under each failing item Git fixes, filled in for the app', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({
        status: makeStatus({
          argo: okArgo({ selfHeal: true, replicasIgnored: false }),
          checklist: makeChecklist(
            failing.selfHeal,
            REPLICAS_NOT_IGNORED,
            failing.envVar,
            failing.stignore,
          ),
        }),
      }),
      entity: ENTITY_WITH_SOURCE,
    });
    await screen.findByRole('group', { name: 'Summary' });

    const cases: Array<[string | RegExp, string]> = [
      ['selfHeal off', 'self-heal-off'],
      ['Syncs leave /spec/replicas alone', 'replicas-ignored'],
      [/^SYNESTRA_ENV=dev/, 'env-var'],
      ['.stignore of each sync folder', 'stignore'],
    ];
    for (const [title, fix] of cases) {
      const link = itemRow(title).getByRole('button', {
        name: 'Fix in a pull request',
      });
      expect(fixLink(link)).toEqual({
        path: '/create/templates/default/fix-okteto-dev',
        formData: { app: 'corporate', repository: REPOSITORY, fix },
      });
    }
    expect(
      screen.getAllByRole('button', { name: 'Fix in a pull request' }),
    ).toHaveLength(4);
  });

  it('offers nothing for passing items, nor for items Git cannot fix', async () => {
    await renderStatus(
      makeStatus({
        checklist: makeChecklist(
          checkItem('env-secret', 'fail', 'checkSecretMissingByGet', {
            secrets: 'web-corporate-dev-env',
            namespace: 'web-corporate-dev',
          }),
          checkItem('dev-image', 'fail', 'checkDevImageMissing', {
            entry: 'web-corporate-dev',
          }),
          checkItem('stignore', 'unknown', 'checkStignoreUnreadable', {
            path: '.stignore',
            error: 'timeout',
          }),
        ),
      }),
    );
    expect(
      inSection('Readiness checklist').getAllByRole('listitem'),
    ).toHaveLength(3);
    expect(
      screen.queryByRole('button', { name: 'Fix in a pull request' }),
    ).not.toBeInTheDocument();
  });

  it('no fix for the Argo CD items of an Application an ApplicationSet generates', async () => {
    await renderStatus(fixtures.argoTrouble);

    // selfHeal and replicas say to edit the ApplicationSet; the .stignore is still the repo's
    expect(
      itemRow('selfHeal off').queryByRole('button', {
        name: 'Fix in a pull request',
      }),
    ).not.toBeInTheDocument();
    expect(
      itemRow('Syncs leave /spec/replicas alone').queryByRole('button', {
        name: 'Fix in a pull request',
      }),
    ).not.toBeInTheDocument();
    expect(
      itemRow('.stignore of each sync folder').getByRole('button', {
        name: 'Fix in a pull request',
      }),
    ).toBeInTheDocument();
  });

  it('dev service: "Enable Okteto", not the fix, while nobody is in dev mode', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.devServiceMissing }),
      entity: ENTITY_WITH_SOURCE,
    });
    await screen.findByRole('group', { name: 'Summary' });
    const row = itemRow('Okteto dev entry');
    expect(row.getByRole('button', { name: 'Enable Okteto' })).toBeVisible();
    expect(
      row.queryByRole('button', { name: 'Fix in a pull request' }),
    ).not.toBeInTheDocument();
  });

  it('dev service while someone is in dev mode: the fix, with the app folder and package', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({
        status: withoutDevEntry({ okteto: devModeOn(20) }),
      }),
      entity: ENTITY_WITH_SOURCE,
    });
    await screen.findByRole('group', { name: 'Summary' });
    const row = itemRow('Okteto dev entry');
    expect(
      row.queryByRole('button', { name: 'Enable Okteto' }),
    ).not.toBeInTheDocument();
    expect(
      fixLink(row.getByRole('button', { name: 'Fix in a pull request' })),
    ).toEqual({
      path: '/create/templates/default/fix-okteto-dev',
      formData: {
        app: 'corporate',
        repository: REPOSITORY,
        fix: 'dev-service',
        appDir: 'apps/corporate-website',
        package: '@synestra/corporate-website',
      },
    });
  });

  it('no dev-service fix for a manifest Okteto cannot read as v2', async () => {
    await renderStatus(
      withoutDevEntry({
        okteto: devModeOn(20),
        checklist: makeChecklist(
          checkItem('dev-service', 'fail', 'checkManifestLegacy', {
            manifest: MANIFEST,
            entry: 'web-corporate-dev',
          }),
        ),
      }),
    );
    expect(
      itemRow('Okteto dev entry').queryByRole('button', {
        name: 'Fix in a pull request',
      }),
    ).not.toBeInTheDocument();
  });

  it('uses the configured template and leaves out a repository it cannot derive', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.devModeOn }),
      config: { oktetoDev: { fixTemplate: '/platform/fix-dev/' } },
    });
    await screen.findByRole('group', { name: 'Summary' });
    expect(
      fixLink(
        itemRow('Syncs leave /spec/replicas alone').getByRole('button', {
          name: 'Fix in a pull request',
        }),
      ),
    ).toEqual({
      path: '/create/templates/platform/fix-dev',
      formData: { app: 'corporate', fix: 'replicas-ignored' },
    });
  });
});
