/**
 * Node library of okteto-dev: what other backend plugins and modules use to work with the okteto-dev
 * backend — its extension points and the monorepo's naming conventions.
 *
 * @packageDocumentation
 */
export * from './clusters';
export { readDevConventions } from './conventions/readDevConventions';
export { readDevTargetPolicy } from './conventions/readDevTargetPolicy';
export {
  DEV_STATUS_BATCH_LIMIT,
  DevStatusClient,
  devStatusServiceRef,
} from './service';
export type {
  DevStatusClientOptions,
  DevStatusRequestOptions,
  DevStatusServiceApi,
} from './service';
