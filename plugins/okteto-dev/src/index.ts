/**
 * The okteto-dev frontend plugin: the "Dev environment" entity card and the okteto-dev search
 * result item and filters.
 *
 * @packageDocumentation
 */
export {
  oktetoDevPlugin,
  EntityOktetoDevCard,
  OktetoDevSearchResultListItem,
  isOktetoDevAvailable,
} from './plugin';
export { OktetoDevSearchFilters } from './components/OktetoDevSearchFilters';
export type { OktetoDevSearchResultListItemProps } from './components/OktetoDevSearchResultListItem';
export * from './api';
