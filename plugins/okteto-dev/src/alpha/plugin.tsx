import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  OverridableExtensionDefinition,
  OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { OKTETO_DEV_SEARCH_TYPE } from '@okteto-dev/plugin-okteto-dev-common';
import { oktetoDevApiRef, OktetoDevClient } from '../api';
import { isOktetoDevAvailable } from '../plugin';

/**
 * The `OktetoDevApi` for the new frontend system: an `OktetoDevClient` on the app's discovery and
 * fetch APIs.
 *
 * @alpha
 */
export const oktetoDevApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: oktetoDevApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OktetoDevClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Dev environment" card, on entities with the `okteto-dev/app` annotation.
 *
 * @alpha
 */
// Typed loosely on purpose: the inferred type names the entity filter types of a nested
// @backstage/filter-predicates, which declarations cannot reference (TS2742).
export const oktetoDevEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'dev-environment',
    params: {
      filter: isOktetoDevAvailable,
      loader: () =>
        import('../components/EntityOktetoDevCard').then(m => (
          <m.EntityOktetoDevCard />
        )),
    },
  });

/**
 * The search result item for `okteto-dev` documents: the entity linked to its page, with chips for
 * Argo CD sync and health, dev mode and drift.
 *
 * @alpha
 */
export const oktetoDevSearchResultListItem = SearchResultListItemBlueprint.make(
  {
    params: {
      predicate: result => result.type === OKTETO_DEV_SEARCH_TYPE,
      component: () =>
        import('../components/OktetoDevSearchResultListItem').then(
          m => m.OktetoDevSearchResultListItem,
        ),
    },
  },
);

/**
 * The scaffolder field `OktetoAppFolderPicker` (see `OktetoAppFolderPickerFieldExtension`).
 *
 * @alpha
 */
export const oktetoAppFolderPickerFormField = FormFieldBlueprint.make({
  name: 'okteto-app-folder-picker',
  params: {
    field: () =>
      import('../components/OktetoAppFolderPicker').then(m =>
        createFormField({
          name: 'OktetoAppFolderPicker',
          component: m.OktetoAppFolderPicker,
          validation: m.validateAppFolder,
        }),
      ),
  },
});

/**
 * The okteto-dev plugin for the new frontend system.
 *
 * @alpha
 */
const oktetoDevPlugin: OverridableFrontendPlugin = createFrontendPlugin({
  pluginId: 'okteto-dev',
  title: 'Okteto dev',
  extensions: [
    oktetoDevApi,
    oktetoDevEntityCard,
    oktetoDevSearchResultListItem,
    oktetoAppFolderPickerFormField,
  ],
});

export default oktetoDevPlugin;
