export { oktetoDevApiRef } from './OktetoDevApi';
export type { OktetoDevApi } from './OktetoDevApi';
export { OktetoDevClient } from './OktetoDevClient';
