export { ArgoCdSimulation } from './simulation';
export type { ArgoCdOptions, NewCommitOptions } from './simulation';
export {
  FAIL_SYNC_ANNOTATION,
  INSTANCE_LABEL,
  NEW_COMMIT_ANNOTATION,
  REFRESH_ANNOTATION,
  TRACKING_ANNOTATION,
  TRACKING_METHOD_ANNOTATION,
} from './model';
export type {
  Application,
  ApplicationSource,
  ApplicationSpec,
  IgnoreDifference,
  ResourceStatus,
  SyncCode,
  TrackingMethod,
} from './model';
export { declaredByApplication, declaredFor } from './declared';
export { requestNewCommit, requestFailSync } from './requests';
export { isHook } from './hooks';
export { CACHED_SOURCE, helmTemplateError } from './repoServer';
export type { HelmTemplateFailure } from './repoServer';
export type { Rejection } from './sync';
