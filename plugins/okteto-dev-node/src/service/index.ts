export {
  DEV_STATUS_BATCH_LIMIT,
  type DevStatusRequestOptions,
  type DevStatusServiceApi,
} from './DevStatusServiceApi';
export {
  DevStatusClient,
  type DevStatusClientOptions,
} from './DevStatusClient';
export { devStatusServiceRef } from './devStatusServiceRef';
