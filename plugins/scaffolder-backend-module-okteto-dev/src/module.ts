import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderAutocompleteExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  createArgocdDevApplicationCreateAction,
  createArgocdDevApplicationPatchAction,
  createArgocdDevValuesSetEnvAction,
  createOktetoDevServiceAddAction,
  createOktetoRepoFilesFetchAction,
  createOktetoStignoreEnsureAction,
} from './actions';
import {
  createOktetoDevAutocompleteHandler,
  OKTETO_DEV_AUTOCOMPLETE_PROVIDER,
} from './autocomplete/packageAutocomplete';
import { GithubRepoFiles } from './github/githubRepoFiles';

/**
 * Scaffolder module with the okteto-dev actions (`okteto:repo-files:fetch`,
 * `okteto:dev-service:add`, `okteto:stignore:ensure`, `argocd:dev-application:create`,
 * `argocd:dev-application:patch`, `argocd:dev-values:set-env`) and the `okteto-dev`
 * autocomplete provider (resource `package`).
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
        autocomplete: scaffolderAutocompleteExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ scaffolder, autocomplete, config, urlReader, logger }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createOktetoRepoFilesFetchAction({ urlReader, integrations, config }),
          createOktetoDevServiceAddAction({ config }),
          createOktetoStignoreEnsureAction({ config }),
          createArgocdDevApplicationCreateAction({ config }),
          createArgocdDevApplicationPatchAction({ config }),
          createArgocdDevValuesSetEnvAction({ config }),
        );
        autocomplete.addAutocompleteProvider({
          id: OKTETO_DEV_AUTOCOMPLETE_PROVIDER,
          handler: createOktetoDevAutocompleteHandler({
            github: new GithubRepoFiles({ urlReader, integrations }),
            logger,
          }),
        });
      },
    });
  },
});
