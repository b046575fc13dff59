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

/**
 * A value of the `oktetoState` search field: one of {@link OKTETO_STATE_SEARCH_VALUES}.
 *
 * @public
 */
export type OktetoStateSearchValue =
  (typeof OKTETO_STATE_SEARCH_VALUES)[keyof typeof OKTETO_STATE_SEARCH_VALUES];

/**
 * Fields okteto-dev adds to search documents (its own and, through the decorator, the
 * `software-catalog` ones). `unknown` where the cluster could not be read.
 *
 * @public
 */
export interface OktetoDevSearchFields {
  /** The entity's ref (`kind:namespace/name`). */
  entityRef: string;
  /** The app key (`okteto-dev/app`). */
  app: string;
  /** The namespace of the dev workload. */
  namespace: string;
  /** Argo CD's sync status; `Missing` without an Application, `unknown` when it could not be read. */
  argoSync: string;
  /** Argo CD's health status; `Missing` without an Application, `unknown` when it could not be read. */
  argoHealth: string;
  /** One of {@link OKTETO_STATE_SEARCH_VALUES}. */
  oktetoState: string;
  /** Who runs dev mode, when the cluster says so. */
  oktetoUser?: string;
  /**
   * `true` when dev mode has been on longer than `oktetoDev.abandonedAfterHours`: probably
   * forgotten (dev mode outlives `okteto up`).
   */
  oktetoAbandoned?: boolean;
  /** The {@link DriftKind}. */
  driftKind: string;
  /** The ids of the failing readiness checklist items. */
  checklistFailed: string[];
  /** When the status was read (ISO 8601). */
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
