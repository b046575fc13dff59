export { default } from './plugin';
export {
  oktetoDevApi,
  oktetoDevEntityCard,
  oktetoDevPage,
  oktetoDevPageRouteRef,
  oktetoDevArgoCdIconLink,
  oktetoDevAppIconLink,
  oktetoDevSearchResultListItem,
  oktetoDevSearchResultType,
  oktetoDevSearchFilters,
  oktetoAppFolderPickerFormField,
} from './plugin';
