import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import {
  isOktetoDevEnabled,
  OKTETO_DEV_SEARCH_TYPE,
} from '@okteto-dev/plugin-okteto-dev-common';
import { JSX } from 'react';
import { oktetoDevApiRef, OktetoDevClient } from './api';
import {
  OktetoAppFolderPicker,
  OktetoAppFolderPickerUiOptions,
  validateAppFolder,
} from './components/OktetoAppFolderPicker';
import type { OktetoDevSearchResultListItemProps } from './components/OktetoDevSearchResultListItem';
import { rootRouteRef } from './routes';

/**
 * The okteto-dev frontend plugin (legacy frontend system).
 *
 * @public
 */
export const oktetoDevPlugin = createPlugin({
  id: 'okteto-dev',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: oktetoDevApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OktetoDevClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * True when the entity carries the `okteto-dev/app` annotation; use it with `EntitySwitch`.
 *
 * @public
 */
export function isOktetoDevAvailable(entity: Entity): boolean {
  return isOktetoDevEnabled(entity);
}

/**
 * The "Dev environment" entity card: Argo CD sync and health, Okteto dev mode, drift, the
 * readiness checklist and the commands, for the entity in context. Loaded on first render.
 *
 * @public
 */
export const EntityOktetoDevCard: () => JSX.Element = oktetoDevPlugin.provide(
  createComponentExtension({
    name: 'EntityOktetoDevCard',
    component: {
      lazy: () =>
        import('./components/EntityOktetoDevCard').then(
          m => m.EntityOktetoDevCard,
        ),
    },
  }),
);

/**
 * The "Dev environments" page: every entity with `okteto-dev/app` the user may read, with who is
 * in dev mode where and since when, conflicts, broken and probably abandoned sessions first,
 * filters by owner, system and state, kept current through signals (or polling). Mount it on a
 * route, e.g. `<Route path="/okteto-dev" element={<OktetoDevPage />} />`.
 *
 * @public
 */
export const OktetoDevPage: () => JSX.Element = oktetoDevPlugin.provide(
  createRoutableExtension({
    name: 'OktetoDevPage',
    component: () =>
      import('./components/OktetoDevPage').then(m => m.OktetoDevPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Search result item for `okteto-dev` documents; put it inside `SearchResult`.
 *
 * @public
 */
export const OktetoDevSearchResultListItem: (
  props: OktetoDevSearchResultListItemProps,
) => JSX.Element | null = oktetoDevPlugin.provide(
  createSearchResultListItemExtension({
    name: 'OktetoDevSearchResultListItem',
    component: () =>
      import('./components/OktetoDevSearchResultListItem').then(
        m => m.OktetoDevSearchResultListItem,
      ),
    predicate: result => result.type === OKTETO_DEV_SEARCH_TYPE,
  }),
);

/**
 * Scaffolder field `OktetoAppFolderPicker` for the app folder of a monorepo (`apps/x`): a text
 * field whose validation checks, in the repository of the form's `repository` field (or the one
 * named by `ui:options.repositoryField`), that the folder holds a package.json. Put it inside
 * `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const OktetoAppFolderPickerFieldExtension = oktetoDevPlugin.provide(
  createScaffolderFieldExtension<string, OktetoAppFolderPickerUiOptions>({
    name: 'OktetoAppFolderPicker',
    component: OktetoAppFolderPicker,
    validation: validateAppFolder,
  }),
);
