export { OktetoAppFolderPicker } from './OktetoAppFolderPicker';
export {
  validateAppFolder,
  APP_FOLDER_AUTOCOMPLETE,
  NO_USER_TOKEN,
} from './validation';
export type { OktetoAppFolderPickerUiOptions } from './validation';
