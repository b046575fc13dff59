import {
  MockSearchApi,
  searchApiRef,
  SearchContextProvider,
} from '@backstage/plugin-search-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OktetoDevSearchFilters } from './OktetoDevSearchFilters';

describe('OktetoDevSearchFilters', () => {
  it('offers the three filters with translated values', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, new MockSearchApi()]]}>
        <SearchContextProvider>
          <OktetoDevSearchFilters />
        </SearchContextProvider>
      </TestApiProvider>,
    );

    expect(screen.getByText('Okteto dev mode')).toBeInTheDocument();
    expect(screen.getByText('Argo CD sync')).toBeInTheDocument();
    expect(screen.getByText('Argo CD health')).toBeInTheDocument();

    const selects = screen.getAllByTestId('select');
    expect(selects).toHaveLength(3);
    await userEvent.click(within(selects[0]).getByRole('button'));
    const options = screen.getAllByRole('option').map(o => o.textContent);
    expect(options).toEqual(
      expect.arrayContaining([
        'Dev mode on',
        'Dev mode off',
        'Dev mode broken',
        'Dev mode unknown',
      ]),
    );
  });
});
