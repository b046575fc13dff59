export { default } from './plugin';
export {
  oktetoDevApi,
  oktetoDevEntityCard,
  oktetoDevSearchResultListItem,
} from './plugin';
