import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  OverridableExtensionDefinition,
  OverridableFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityIconLinkBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { OKTETO_DEV_SEARCH_TYPE } from '@okteto-dev/plugin-okteto-dev-common';
import DeveloperModeIcon from '@material-ui/icons/DeveloperMode';
import { oktetoDevApiRef, OktetoDevClient } from '../api';
import {
  useArgoCdIconLinkProps,
  useDevAppIconLinkProps,
} from '../components/EntityOktetoDevIconLinks';
import { OktetoDevSearchFilters } from '../components/OktetoDevSearchFilters';
import { isOktetoDevAvailable } from '../plugin';

/**
 * The route of the "Dev environments" page in the new frontend system.
 *
 * @alpha
 */
export const oktetoDevPageRouteRef = createRouteRef();

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
 * The "Dev environments" page at `/okteto-dev`: every entity with `okteto-dev/app` the user may
 * read, with who is in dev mode where and since when, worst first, kept current through signals.
 *
 * @alpha
 */
export const oktetoDevPage = PageBlueprint.make({
  params: {
    path: '/okteto-dev',
    title: 'Dev environments',
    icon: <DeveloperModeIcon fontSize="inherit" />,
    routeRef: oktetoDevPageRouteRef,
    loader: () =>
      import('../components/OktetoDevPage').then(m => (
        <m.OktetoDevPageContent />
      )),
  },
});

/**
 * The About card's icon link "Argo CD" to the dev Application, on entities with `okteto-dev/app`;
 * disabled when the backend could not build the link (no Argo CD URL configured).
 *
 * @alpha
 */
// Typed loosely like the card: the inferred type names nested filter-predicate types (TS2742).
export const oktetoDevArgoCdIconLink: OverridableExtensionDefinition =
  EntityIconLinkBlueprint.make({
    name: 'argocd',
    params: {
      filter: isOktetoDevAvailable,
      useProps: useArgoCdIconLinkProps,
    },
  });

/**
 * The About card's icon link "Dev app" to the app's dev URL, on entities with `okteto-dev/app`;
 * disabled when the workload declares no URL.
 *
 * @alpha
 */
export const oktetoDevAppIconLink: OverridableExtensionDefinition =
  EntityIconLinkBlueprint.make({
    name: 'dev-app',
    params: {
      filter: isOktetoDevAvailable,
      useProps: useDevAppIconLinkProps,
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
 * The search page's result type "Dev environments": only `okteto-dev` documents.
 *
 * @alpha
 */
export const oktetoDevSearchResultType = SearchFilterResultTypeBlueprint.make({
  params: {
    value: OKTETO_DEV_SEARCH_TYPE,
    name: 'Dev environments',
    icon: <DeveloperModeIcon />,
  },
});

/**
 * The search page's filters for `okteto-dev` documents: Okteto dev mode, Argo CD sync and Argo CD
 * health (`OktetoDevSearchFilters`).
 *
 * @alpha
 */
export const oktetoDevSearchFilters = SearchFilterBlueprint.make({
  params: {
    component: ({ className }) => (
      <OktetoDevSearchFilters className={className} />
    ),
  },
});

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
  routes: { root: oktetoDevPageRouteRef },
  extensions: [
    oktetoDevApi,
    oktetoDevEntityCard,
    oktetoDevPage,
    oktetoDevArgoCdIconLink,
    oktetoDevAppIconLink,
    oktetoDevSearchResultListItem,
    oktetoDevSearchResultType,
    oktetoDevSearchFilters,
    oktetoAppFolderPickerFormField,
  ],
});

export default oktetoDevPlugin;
