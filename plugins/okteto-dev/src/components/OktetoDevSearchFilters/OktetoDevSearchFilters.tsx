import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SearchFilter } from '@backstage/plugin-search-react';
import { oktetoDevTranslationRef } from '../../translation';
import {
  SEARCH_VALUES,
  useSearchLabels,
} from '../OktetoDevSearchResultListItem/searchLabels';

/**
 * Search filters for `okteto-dev` documents: Okteto dev mode, Argo CD sync and Argo CD health.
 * Put them in the search page's filter column, inside `SearchContextProvider`.
 *
 * @public
 */
export function OktetoDevSearchFilters(props: { className?: string }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const labels = useSearchLabels();
  const options = <K extends 'oktetoState' | 'argoSync' | 'argoHealth'>(
    field: K,
  ) =>
    SEARCH_VALUES[field].map(value => ({
      value,
      label: labels[field](value).label,
    }));
  return (
    <>
      <SearchFilter.Select
        className={props.className}
        name="oktetoState"
        label={t('search.oktetoState')}
        values={options('oktetoState')}
      />
      <SearchFilter.Select
        className={props.className}
        name="argoSync"
        label={t('search.argoSync')}
        values={options('argoSync')}
      />
      <SearchFilter.Select
        className={props.className}
        name="argoHealth"
        label={t('search.argoHealth')}
        values={options('argoHealth')}
      />
    </>
  );
}
