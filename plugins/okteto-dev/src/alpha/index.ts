export { default } from './plugin';
export {
  oktetoDevApi,
  oktetoDevEntityCard,
  oktetoDevPage,
  oktetoDevPageRouteRef,
  oktetoDevArgoCdIconLink,
  oktetoDevAppIconLink,
  oktetoDevSearchResultListItem,
  oktetoAppFolderPickerFormField,
} from './plugin';
