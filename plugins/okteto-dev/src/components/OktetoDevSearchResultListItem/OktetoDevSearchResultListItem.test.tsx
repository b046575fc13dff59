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

const withFields = (
  fields: Partial<OktetoDevSearchDocument>,
): OktetoDevSearchDocument => ({ ...document, ...fields });

/** The status chips of the result, in order (the summary line, as on the card). */
const chips = () =>
  Array.from(
    screen.getByRole('group', { name: /^(Summary|Сводка)$/ }).children,
  ).map(chip => chip.textContent);

describe('OktetoDevSearchResultListItem', () => {
  it('links the title to the entity and shows the card’s summary line, then the text', async () => {
    await renderInTestApp(<OktetoDevSearchResultListItem result={document} />);

    expect(screen.getByRole('link', { name: 'corporate' })).toHaveAttribute(
      'href',
      '/catalog/default/component/corporate',
    );
    expect(chips()).toEqual([
      'Argo CD: Out of sync · Healthy',
      'Dev mode on · alice',
      'Drift expected from dev mode',
    ]);
    // the verdict first, then the document's text
    expect(
      screen.getByText('Dev environment of corporate in web-corporate-dev'),
    ).toHaveTextContent(
      /^Argo CD: Out of sync · Healthy.*Drift expected from dev modeDev environment of corporate/,
    );
    expect(screen.queryByText(/abandoned/)).not.toBeInTheDocument();
  });

  it('shows a conflict in red words, not only in red', async () => {
    const conflict: OktetoDevSearchDocument = {
      ...document,
      driftKind: 'conflict',
      oktetoUser: undefined,
    };
    await renderInTestApp(<OktetoDevSearchResultListItem result={conflict} />);

    // what is wrong first
    expect(chips()).toEqual([
      'Conflict: both pods serve',
      'Argo CD: Out of sync · Healthy',
      'Dev mode on · developer unknown',
    ]);
  });

  it('flags a session older than the configured age as probably abandoned', async () => {
    const abandoned: OktetoDevSearchDocument = {
      ...document,
      oktetoAbandoned: true,
    };
    await renderInTestApp(<OktetoDevSearchResultListItem result={abandoned} />);
    expect(chips()[0]).toBe('Dev mode on · alice · probably abandoned');
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

    expect(chips()).toEqual([
      'Argo CD: unknown · Healthy',
      'Dev mode off',
      'Drift expected from dev mode',
    ]);
    expect(screen.queryByText(/alice/)).not.toBeInTheDocument();
    expect(screen.getByText('corp').tagName).toBe('MARK');
  });

  it('says a missing Application as the card does', async () => {
    await renderInTestApp(
      <OktetoDevSearchResultListItem
        result={withFields({ argoSync: 'Missing', argoHealth: 'Missing' })}
      />,
    );
    expect(chips()[0]).toBe('No Argo CD Application');
  });

  it('says an unreadable Application as the card does', async () => {
    await renderInTestApp(
      <OktetoDevSearchResultListItem
        result={withFields({ argoSync: 'unknown', argoHealth: 'unknown' })}
      />,
    );
    expect(chips()[0]).toBe('Argo CD unreadable');
  });
});
