export { OktetoDevSearchFilters } from './OktetoDevSearchFilters';
