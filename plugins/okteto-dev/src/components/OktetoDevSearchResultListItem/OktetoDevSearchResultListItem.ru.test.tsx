import { renderInTestApp } from '@backstage/frontend-test-utils';
import { OktetoDevSearchDocument } from '@okteto-dev/plugin-okteto-dev-common';
import { screen } from '@testing-library/react';
import { russianAppConfig } from '../../__testUtils__/renderCard';
import { OktetoDevSearchResultListItem } from './OktetoDevSearchResultListItem';

// Separate from the English tests: the legacy test app leaves state behind that stops the new
// frontend system's test app from rendering in the same file.
describe('OktetoDevSearchResultListItem in Russian', () => {
  it('says the card’s summary line in Russian, what is wrong first', async () => {
    const result: OktetoDevSearchDocument = {
      title: 'corporate',
      text: 'corporate dev (web-corporate-dev)',
      location: '/catalog/default/component/corporate',
      entityRef: 'component:default/corporate',
      app: 'corporate',
      namespace: 'web-corporate-dev',
      argoSync: 'OutOfSync',
      argoHealth: 'Healthy',
      oktetoState: 'active',
      oktetoUser: 'alice',
      oktetoAbandoned: true,
      driftKind: 'expected-okteto',
      checklistFailed: [],
      fetchedAt: '2025-01-01T00:00:00Z',
    };
    renderInTestApp(<OktetoDevSearchResultListItem result={result} />, {
      config: russianAppConfig,
    });
    // the Russian messages load on demand
    const summary = await screen.findByRole(
      'group',
      { name: 'Сводка' },
      { timeout: 5_000 },
    );
    expect(Array.from(summary.children).map(chip => chip.textContent)).toEqual([
      'Dev-режим включён · alice · вероятно, заброшен',
      'Argo CD: Расходится с Git · Исправно',
      'Ожидаемое расхождение из-за dev-режима',
    ]);
  });
});
