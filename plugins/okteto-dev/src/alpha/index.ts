export { default } from './plugin';
export {
  oktetoDevApi,
  oktetoDevEntityCard,
  oktetoDevSearchResultListItem,
  oktetoAppFolderPickerFormField,
} from './plugin';
