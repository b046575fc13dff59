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
  createOktetoRepoResolveAction,
  createOktetoStignoreEnsureAction,
} from './actions';
import {
  createOktetoDevAutocompleteHandler,
  OKTETO_DEV_AUTOCOMPLETE_PROVIDER,
} from './autocomplete/packageAutocomplete';
import { readRepoAccessOptions, RepoFiles } from './git/repoFiles';

/**
 * Scaffolder module with the okteto-dev actions (`okteto:repo:resolve`, `okteto:repo-files:fetch`,
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
      },
      async init({ scaffolder, autocomplete, config, urlReader }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createOktetoRepoResolveAction({ integrations, config }),
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
            files: new RepoFiles({
              urlReader,
              integrations,
              access: readRepoAccessOptions(config),
            }),
          }),
        });
      },
    });
  },
});
