export { createOktetoDevServiceAddAction } from './devServiceAdd';
export { createOktetoStignoreEnsureAction } from './stignoreEnsure';
export { createArgocdDevApplicationCreateAction } from './devApplicationCreate';
export { createArgocdDevApplicationPatchAction } from './devApplicationPatch';
export { createArgocdDevValuesSetEnvAction } from './devValuesSetEnv';
export { APPLICATION_FIXES } from './devApplicationPatchEdit';
export type { ApplicationFix } from './devApplicationPatchEdit';
export { unifiedDiff } from './unifiedDiff';
export { createOktetoRepoFilesFetchAction } from './repoFilesFetch';
export {
  createOktetoRepoResolveAction,
  PULL_REQUEST_ACTIONS,
} from './repoResolve';
export { DEFAULT_DEV_COMMAND, readOktetoDevScaffolderOptions } from './config';
export type { OktetoDevScaffolderOptions } from './config';
