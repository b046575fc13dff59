import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ENTITY_REF,
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
} from '../../testing/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';

const checklistItems = () =>
  within(
    screen.getByRole('list', { name: 'Readiness checklist' }),
  ).getAllByRole('listitem');

describe('EntityOktetoDevCard', () => {
  it('shows a synced, healthy environment with dev mode off', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.syncedOff });
    await renderCard({ api });

    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(api.calls).toEqual([ENTITY_REF]);
    expect(
      screen.getByRole('link', { name: /Revision 3f2a9c1/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/NeoGrAIph/web-core/commit/3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    );
    expect(screen.getByText(/synced 3 minutes ago/)).toBeInTheDocument();
    expect(screen.getByText('Dev mode is off')).toBeInTheDocument();
    expect(
      screen.getByText('No drift: the cluster matches Git.'),
    ).toBeInTheDocument();
    const items = checklistItems();
    expect(items).toHaveLength(8);
    items.forEach(item => expect(item).toHaveTextContent('Passed'));
    expect(
      screen.queryByRole('button', { name: 'Enable Okteto' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'okteto up web-corporate-dev --namespace web-corporate-dev',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy: Start dev mode' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy: Stop dev mode' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy: Run the app in the dev container',
      }),
    ).toBeInTheDocument();
  });

  it('shows a skeleton, not a blank card, while the first answer loads', async () => {
    const api = new FakeOktetoDevApi({});
    api.getStatus = () => new Promise(() => {});
    await renderCard({ api });

    expect(
      screen.getByRole('status', {
        name: 'Loading the dev environment status',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Dev environment')).toBeInTheDocument();
  });

  it('shows the missing annotation state without calling the API', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.syncedOff });
    await renderCard({ api, entity: makeEntity({}) });

    expect(await screen.findByText('okteto-dev/app')).toBeInTheDocument();
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  it('shows an error panel when the request fails', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'Entity not visible' },
      }),
      { status: 404, statusText: 'Not Found' },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard({ api: new FakeOktetoDevApi({ error }) });

    const messages = await screen.findAllByText(/Entity not visible/);
    expect(messages[0]).toHaveTextContent(
      'Request failed with status 404 Not Found',
    );
    expect(screen.queryByText('Readiness checklist')).not.toBeInTheDocument();
  });

  it('shows a per-part error in place while the rest still shows', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.argoError }),
    });

    const argoError = await screen.findByText('Argo CD could not be read');
    expect(argoError.closest('[role="alert"]')).toHaveTextContent(
      'Cluster unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    );
    expect(screen.getByText('Dev mode is on (hybrid)')).toBeInTheDocument();
    expect(screen.getByText('Developer: bob')).toBeInTheDocument();
    expect(screen.getByText(/1 of 1 replicas ready/)).toBeInTheDocument();
    // the same error listed in errors[] is not repeated at the bottom
    expect(screen.queryByText('Other read errors')).not.toBeInTheDocument();
  });

  it('labels stale data with its age', async () => {
    await renderCard({ api: new FakeOktetoDevApi({ status: fixtures.stale }) });

    expect(
      await screen.findByText(
        'Stale: the cluster could not be read, showing the last good answer from 5 minutes ago.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Synced')).toBeInTheDocument();
  });

  it('offers "Enable Okteto" when the app has no dev entry', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.devServiceMissing }),
      entity: makeEntity({
        'okteto-dev/app': 'corporate',
        'backstage.io/source-location':
          'url:https://github.com/NeoGrAIph/web-core/tree/main/',
      }),
    });

    const link = await screen.findByRole('button', { name: 'Enable Okteto' });
    const href = link.getAttribute('href')!;
    expect(
      href.startsWith('/create/templates/default/enable-okteto?formData='),
    ).toBe(true);
    const formData = new URL(href, 'http://localhost').searchParams.get(
      'formData',
    );
    expect(JSON.parse(formData!)).toEqual({
      app: 'corporate',
      package: '@synestra/corporate-website',
      appDir: 'apps/corporate',
      serverUrl: 'https://corporate.dev.synestra.tech',
      repository: 'github.com?owner=NeoGrAIph&repo=web-core',
    });
    const devService = checklistItems().find(item =>
      item.textContent?.includes('Okteto dev entry for the app'),
    );
    expect(devService).toHaveTextContent('Failed');
    expect(devService).toHaveTextContent(/Add a dev entry for the app/);
    const stignore = checklistItems().find(item =>
      item.textContent?.includes('.stignore at the sync root'),
    );
    expect(stignore).toHaveTextContent('Unknown');
    expect(stignore).toHaveTextContent(/\*\*\/node_modules\//);
  });

  it('uses the configured template and the resolved app folder for "Enable Okteto"', async () => {
    const status = fixtures.devServiceMissing;
    await renderCard({
      api: new FakeOktetoDevApi({
        status: {
          ...status,
          target: { ...status.target, appDir: 'sites/corporate' },
        },
      }),
      config: { oktetoDev: { enableTemplate: 'platform/okteto' } },
      entity: makeEntity({
        'okteto-dev/app': 'corporate',
        'okteto-dev/app-dir': 'sites/corporate',
      }),
    });

    const link = await screen.findByRole('button', { name: 'Enable Okteto' });
    const url = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe('/create/templates/platform/okteto');
    expect(JSON.parse(url.searchParams.get('formData')!).appDir).toBe(
      'sites/corporate',
    );
  });

  it('calls the API again on refresh and keeps the data visible', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.syncedOff });
    await renderCard({ api });
    expect(await screen.findByText('Dev mode is off')).toBeInTheDocument();

    api.answer = { status: fixtures.devModeOn };
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText('Dev mode is on (sync)'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([ENTITY_REF, ENTITY_REF]);
  });

  it('keeps the previous answer when a refresh fails', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.syncedOff });
    await renderCard({ api });
    expect(await screen.findByText('Synced')).toBeInTheDocument();

    api.answer = { error: new Error('backend down') };
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText(
        'Refresh failed, showing the previous answer: backend down',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Synced')).toBeInTheDocument());
  });
});
