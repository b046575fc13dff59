import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createArgocdDevApplicationCreateAction,
  createOktetoDevServiceAddAction,
  createOktetoRepoFilesFetchAction,
  createOktetoStignoreEnsureAction,
} from './actions';

/**
 * Scaffolder module with the okteto-dev actions: `okteto:repo-files:fetch`,
 * `okteto:dev-service:add`, `okteto:stignore:ensure` and `argocd:dev-application:create`.
 *
 * @public
 */
export const scaffolderModuleOktetoDev = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'okteto-dev',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
      },
      async init({ scaffolder, config, urlReader }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createOktetoRepoFilesFetchAction({ urlReader, integrations }),
          createOktetoDevServiceAddAction({ config }),
          createOktetoStignoreEnsureAction({ config }),
          createArgocdDevApplicationCreateAction({ config }),
        );
      },
    });
  },
});
