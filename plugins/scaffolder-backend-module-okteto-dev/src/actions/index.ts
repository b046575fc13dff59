export { createOktetoDevServiceAddAction } from './devServiceAdd';
export { createOktetoStignoreEnsureAction } from './stignoreEnsure';
export { createArgocdDevApplicationCreateAction } from './devApplicationCreate';
export { createOktetoRepoFilesFetchAction } from './repoFilesFetch';
export { DEFAULT_DEV_COMMAND, readOktetoDevScaffolderOptions } from './config';
export type { OktetoDevScaffolderOptions } from './config';
