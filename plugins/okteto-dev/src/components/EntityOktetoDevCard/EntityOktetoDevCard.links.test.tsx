import { screen, within } from '@testing-library/react';
import {
  expandSection,
  renderStatus,
  sectionButton,
} from '../../__testUtils__/renderCard';
import {
  checkItem,
  fixtures,
  makeChecklist,
  makeStatus,
  NEW_SHA,
  okArgo,
  SHA,
} from '../../testing/fixtures';

const BLOB = 'https://github.com/NeoGrAIph/web-core/blob/main';

describe('EntityOktetoDevCard: links', () => {
  it('puts every link the backend built where it belongs', async () => {
    await renderStatus(
      makeStatus({
        checklist: makeChecklist(
          checkItem('env-var', 'fail', 'checkEnvVarMissing', {
            name: 'SYNESTRA_ENV',
            value: 'dev',
            container: 'app',
            file: 'deploy/env/dev/corporate.yaml',
          }),
        ),
      }),
    );

    const argo = await expandSection('Argo CD');
    expect(
      argo.getByRole('link', { name: /^Open in Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.synestra.tech/applications/argo/web-corporate-dev',
    );
    expect(
      argo.getByRole('link', { name: /^Application file/ }),
    ).toHaveAttribute('href', `${BLOB}/deploy/argocd/apps/dev/corporate.yaml`);

    const okteto = await expandSection('Okteto');
    expect(
      okteto.getByRole('link', {
        name: /^Dev entry web-corporate-dev in \.okteto\/okteto\.yml/,
      }),
    ).toHaveAttribute('href', `${BLOB}/.okteto/okteto.yml#L12`);

    const workload = await expandSection('Workload');
    expect(
      workload.getByRole('link', {
        name: /^Open the app: https:\/\/corporate\.dev\.synestra\.tech/,
      }),
    ).toHaveAttribute('href', 'https://corporate.dev.synestra.tech');

    // the values file sits under the env-var item that it fixes
    const list = screen.getByRole('list', { name: 'Readiness checklist' });
    const envVar = within(list)
      .getAllByRole('listitem')
      .find(row => row.textContent?.startsWith('SYNESTRA_ENV=dev'))!;
    expect(
      within(envVar).getByRole('link', { name: /^Values file/ }),
    ).toHaveAttribute('href', `${BLOB}/deploy/env/dev/corporate.yaml`);
  });

  it('shows no link the backend could not build', async () => {
    await renderStatus(
      makeStatus({
        links: {},
        checklist: makeChecklist(
          checkItem('env-var', 'fail', 'checkEnvVarMissing', {
            name: 'SYNESTRA_ENV',
            value: 'dev',
            container: 'app',
            file: 'deploy/env/dev/corporate.yaml',
          }),
        ),
      }),
    );
    for (const title of ['Argo CD', 'Okteto', 'Workload']) {
      await expandSection(title);
    }
    for (const name of [
      /^Open in Argo CD/,
      /^Application file/,
      /^Dev entry/,
      /^Open the app/,
      /^Values file/,
    ]) {
      expect(screen.queryByRole('link', { name })).not.toBeInTheDocument();
    }
  });
});

describe('EntityOktetoDevCard: history and resources', () => {
  it('lists the last syncs newest first, each commit linked, and the resources', async () => {
    await renderStatus(
      makeStatus({
        argo: okArgo({
          history: [
            {
              id: 40,
              revision: NEW_SHA,
              deployedAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
              username: 'alice@example.com',
            },
            {
              id: 41,
              revision: SHA,
              deployedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
              automated: true,
            },
          ],
        }),
      }),
    );
    // collapsed, with what it holds on its heading
    expect(sectionButton('History and resources')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(
      screen.getByRole('button', {
        name: 'History and resources syncs: 2 · resources: 2',
      }),
    ).toBeInTheDocument();

    const history = await expandSection('History and resources');
    const syncs = within(history.getByRole('list', { name: 'Last syncs' }))
      .getAllByRole('listitem')
      .map(row => row.textContent);
    expect(syncs).toEqual([
      '3f2a9c1, Opens in a new window · deployed 3 minutes ago · automated',
      'a81c0e4, Opens in a new window · deployed 2 days ago · by alice@example.com',
    ]);
    expect(history.getByRole('link', { name: /^3f2a9c1/ })).toHaveAttribute(
      'href',
      `https://github.com/NeoGrAIph/web-core/commit/${SHA}`,
    );
    expect(history.getByRole('link', { name: /^a81c0e4/ })).toHaveAttribute(
      'href',
      `https://github.com/NeoGrAIph/web-core/commit/${NEW_SHA}`,
    );

    const resources = within(history.getByRole('list', { name: 'Resources' }))
      .getAllByRole('listitem')
      .map(row => row.textContent);
    expect(resources).toEqual([
      'Service web-corporate-dev-web-appSynced',
      'Deployment web-corporate-dev-web-appSynced',
    ]);
  });

  it('labels what dev mode changed as Okteto’s own change', async () => {
    await renderStatus(fixtures.unexpectedDuringDevMode);

    const history = await expandSection('History and resources');
    const resources = within(history.getByRole('list', { name: 'Resources' }))
      .getAllByRole('listitem')
      .map(row => row.textContent);
    expect(resources).toEqual([
      'Deployment web-corporate-dev-web-appOut of sync · Okteto dev mode’s own change',
      'ConfigMap web-corporate-dev-web-app-configOut of sync',
    ]);
  });

  it('says so when Argo CD recorded nothing', async () => {
    await renderStatus(
      makeStatus({ argo: okArgo({ history: [], resources: [] }) }),
    );
    const history = await expandSection('History and resources');
    expect(
      history.getByText('Argo CD has recorded no sync yet.'),
    ).toBeInTheDocument();
    expect(
      history.getByText('Argo CD lists no resources for this Application.'),
    ).toBeInTheDocument();
  });

  it('is absent when the Application is missing', async () => {
    await renderStatus(fixtures.appMissing);
    expect(
      screen.queryByRole('button', { name: /^History and resources/ }),
    ).not.toBeInTheDocument();
  });
});
