/**
 * Search backend module for okteto-dev: find entities by their dev status.
 *
 * @packageDocumentation
 */
export { searchModuleOktetoDev as default } from './module';
export { OktetoDevCollatorFactory } from './collators/OktetoDevCollatorFactory';
export type { OktetoDevCollatorFactoryOptions } from './collators/OktetoDevCollatorFactory';
export type { DevStatusSource } from './collators/loadDevStatuses';
export { withCatalogReadForOktetoDev } from './policy/oktetoDevPolicy';
