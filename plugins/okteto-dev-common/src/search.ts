import { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The search document type of the okteto-dev collator.
 *
 * @public
 */
export const OKTETO_DEV_SEARCH_TYPE = 'okteto-dev';

/**
 * Fields okteto-dev adds to search documents (its own and, through the decorator, the
 * `software-catalog` ones). `unknown` where the cluster could not be read.
 *
 * @public
 */
export interface OktetoDevSearchFields {
  entityRef: string;
  app: string;
  namespace: string;
  argoSync: string;
  argoHealth: string;
  oktetoState: string;
  oktetoUser?: string;
  driftKind: string;
  checklistFailed: string[];
  fetchedAt: string;
}

/**
 * A document of the `okteto-dev` search type.
 *
 * @public
 */
export interface OktetoDevSearchDocument
  extends IndexableDocument,
    OktetoDevSearchFields {}
