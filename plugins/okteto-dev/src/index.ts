/**
 * The okteto-dev frontend plugin: the "Dev environment" entity card, the "Dev environments"
 * page, the okteto-dev search result item and filters, and the scaffolder field
 * `OktetoAppFolderPicker`.
 *
 * @packageDocumentation
 */
export {
  oktetoDevPlugin,
  EntityOktetoDevCard,
  OktetoDevPage,
  OktetoDevSearchResultListItem,
  isOktetoDevAvailable,
  OktetoAppFolderPickerFieldExtension,
} from './plugin';
export type { OktetoAppFolderPickerUiOptions } from './components/OktetoAppFolderPicker';
export { OktetoDevSearchFilters } from './components/OktetoDevSearchFilters';
export type { OktetoDevSearchResultListItemProps } from './components/OktetoDevSearchResultListItem';
export * from './api';
