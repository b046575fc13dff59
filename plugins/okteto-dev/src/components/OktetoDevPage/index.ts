export { OktetoDevPage, OktetoDevPageContent } from './OktetoDevPage';
