export { createOktetoDevServiceAddAction } from './devServiceAdd';
export { createOktetoStignoreEnsureAction } from './stignoreEnsure';
export { createArgocdDevApplicationCreateAction } from './devApplicationCreate';
export { createOktetoRepoFilesFetchAction } from './repoFilesFetch';
export { defaults, readScaffolderDefaults } from './config';
export type { OktetoDevScaffolderDefaults } from './config';
