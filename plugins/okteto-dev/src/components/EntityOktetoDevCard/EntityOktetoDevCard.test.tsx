import { ResponseError } from '@backstage/errors';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderCard, summaryParts } from '../../__testUtils__/renderCard';
import {
  ENTITY_REF,
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
} from '../../testing/fixtures';

describe('EntityOktetoDevCard', () => {
  it('asks the API for the entity in context', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
    await renderCard({ api });

    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();
    expect(api.calls).toEqual([ENTITY_REF]);
    expect(
      screen.getByText('Namespace web-corporate-dev on cluster default'),
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
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
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
    expect(
      screen.queryByRole('group', { name: 'Summary' }),
    ).not.toBeInTheDocument();
  });

  it('calls the API again on refresh and shows the new answer', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
    await renderCard({ api });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();

    api.answer = { status: fixtures.conflictAutoSync };
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText('Conflict: both pods serve'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([ENTITY_REF, ENTITY_REF]);
    // the drift section opens by itself once it needs action
    expect(screen.getByRole('button', { name: /^Drift/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('keeps the previous answer when a refresh fails', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
    await renderCard({ api });
    expect(await screen.findByText('Dev mode off')).toBeInTheDocument();

    api.answer = { error: new Error('backend down') };
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText(
        'Refresh failed, showing the previous answer: backend down',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(summaryParts()[0]).toBe('Argo CD: Synced · Healthy'),
    );
  });

  it('keeps a section the reader opened open across refreshes', async () => {
    const api = new FakeOktetoDevApi({ status: fixtures.healthyOff });
    await renderCard({ api });
    const commands = await screen.findByRole('button', { name: /^Commands/ });
    await userEvent.click(commands);
    expect(commands).toHaveAttribute('aria-expanded', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(screen.getByRole('button', { name: /^Commands/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });
});
