export { OktetoDevSearchResultListItem } from './OktetoDevSearchResultListItem';
export type { OktetoDevSearchResultListItemProps } from './OktetoDevSearchResultListItem';
