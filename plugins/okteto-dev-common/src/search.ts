import { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The search document type of the okteto-dev collator.
 *
 * @public
 */
export const OKTETO_DEV_SEARCH_TYPE = 'okteto-dev';

/**
 * Values of the `oktetoState` search field, by Okteto state. Not `on`/`off`: search engines drop
 * English stop words (Lunr removes `on` and `off` from filters), which would make the filter match
 * everything.
 *
 * @public
 */
export const OKTETO_STATE_SEARCH_VALUES = Object.freeze({
  on: 'active',
  off: 'inactive',
  broken: 'broken',
  unknown: 'unknown',
} as const);

/** @public */
export type OktetoStateSearchValue =
  (typeof OKTETO_STATE_SEARCH_VALUES)[keyof typeof OKTETO_STATE_SEARCH_VALUES];

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
  /** One of {@link OKTETO_STATE_SEARCH_VALUES}. */
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
