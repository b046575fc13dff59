import { renderInTestApp } from '@backstage/test-utils';
import { OktetoDevSearchDocument } from '@okteto-dev/plugin-okteto-dev-common';
import { screen } from '@testing-library/react';
import { OktetoDevSearchResultListItem } from './OktetoDevSearchResultListItem';

const document: OktetoDevSearchDocument = {
  title: 'corporate',
  text: 'Dev environment of corporate in web-corporate-dev',
  location: '/catalog/default/component/corporate',
  entityRef: 'component:default/corporate',
  app: 'corporate',
  namespace: 'web-corporate-dev',
  argoSync: 'OutOfSync',
  argoHealth: 'Healthy',
  oktetoState: 'active',
  oktetoUser: 'alice',
  driftKind: 'expected-okteto',
  checklistFailed: [],
  fetchedAt: '2025-01-01T00:00:00Z',
};

describe('OktetoDevSearchResultListItem', () => {
  it('links the title to the entity and shows the status chips', async () => {
    await renderInTestApp(<OktetoDevSearchResultListItem result={document} />);

    expect(screen.getByRole('link', { name: 'corporate' })).toHaveAttribute(
      'href',
      '/catalog/default/component/corporate',
    );
    expect(
      screen.getByText('Dev environment of corporate in web-corporate-dev'),
    ).toBeInTheDocument();
    expect(screen.getByText('Out of sync')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('Dev mode on')).toBeInTheDocument();
    expect(screen.getByText('by alice')).toBeInTheDocument();
    expect(
      screen.getByText('Drift expected from dev mode'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Probably abandoned')).not.toBeInTheDocument();
  });

  it('shows a conflict in red words, not only in red', async () => {
    const conflict: OktetoDevSearchDocument = {
      ...document,
      driftKind: 'conflict',
      oktetoUser: undefined,
    };
    await renderInTestApp(<OktetoDevSearchResultListItem result={conflict} />);

    expect(screen.getByText('Conflict: both pods serve')).toBeInTheDocument();
    expect(screen.queryByText(/^by /)).not.toBeInTheDocument();
  });

  it('flags a session older than the configured age as probably abandoned', async () => {
    const abandoned: OktetoDevSearchDocument = {
      ...document,
      oktetoAbandoned: true,
    };
    await renderInTestApp(<OktetoDevSearchResultListItem result={abandoned} />);
    expect(screen.getByText('Probably abandoned')).toBeInTheDocument();
    expect(screen.getByText('by alice')).toBeInTheDocument();
  });

  it('shows values it does not know as they are and highlights the title', async () => {
    const devModeOff: OktetoDevSearchDocument = {
      ...document,
      argoSync: 'unknown',
      oktetoState: 'inactive',
    };
    await renderInTestApp(
      <OktetoDevSearchResultListItem
        result={devModeOff}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>corp</em>orate' },
        }}
      />,
    );

    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(screen.getByText('Dev mode off')).toBeInTheDocument();
    expect(screen.queryByText('by alice')).not.toBeInTheDocument();
    expect(screen.getByText('corp').tagName).toBe('MARK');
  });
});
