import { Entity } from '@backstage/catalog-model';
import { IconLinkVertical } from '@backstage/core-components';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityIconLinkBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  MockSearchApi,
  SearchContextProvider,
  searchApiRef,
} from '@backstage/plugin-search-react';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { OKTETO_DEV_SEARCH_TYPE } from '@okteto-dev/plugin-okteto-dev-common';
import { act, screen } from '@testing-library/react';
import { oktetoDevApiRef } from '../api';
import {
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
  makeStatus,
} from '../testing/fixtures';
import oktetoDevPlugin, {
  oktetoAppFolderPickerFormField,
  oktetoDevAppIconLink,
  oktetoDevArgoCdIconLink,
  oktetoDevEntityCard,
  oktetoDevPage,
  oktetoDevSearchFilters,
  oktetoDevSearchResultType,
} from './plugin';

describe('okteto-dev alpha plugin', () => {
  it('is the okteto-dev plugin with the api, card, search item and form field', () => {
    expect(oktetoDevPlugin.id).toBe('okteto-dev');
    expect(oktetoDevPlugin.getExtension('api:okteto-dev')).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('entity-card:okteto-dev/dev-environment'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('search-result-list-item:okteto-dev'),
    ).toBeDefined();
    expect(oktetoDevPlugin.getExtension('page:okteto-dev')).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('entity-icon-link:okteto-dev/argocd'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('entity-icon-link:okteto-dev/dev-app'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension(
        'scaffolder-form-field:okteto-dev/okteto-app-folder-picker',
      ),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('search-filter-result-type:okteto-dev'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('search-filter:okteto-dev'),
    ).toBeDefined();
  });

  it('shows the card only on entities with okteto-dev/app', () => {
    // The export is typed loosely (see plugin.tsx), so the output type is restated here.
    const filter = createExtensionTester(oktetoDevEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as ((entity: Entity) => boolean) | undefined;
    expect(filter?.(makeEntity())).toBe(true);
    expect(filter?.(makeEntity({}))).toBe(false);
    expect(filter?.(makeEntity({ 'okteto-dev/app': '  ' }))).toBe(false);
  });
});

describe('search on the new frontend system', () => {
  it('offers the result type "Dev environments" for okteto-dev documents', () => {
    const type = createExtensionTester(oktetoDevSearchResultType).get(
      SearchFilterResultTypeBlueprint.dataRefs.resultType,
    );
    expect(type.value).toBe(OKTETO_DEV_SEARCH_TYPE);
    expect(type.name).toBe('Dev environments');
  });

  it('offers the filters by dev mode, Argo CD sync and health', async () => {
    const { component: Filters } = createExtensionTester(
      oktetoDevSearchFilters,
    ).get(SearchFilterBlueprint.dataRefs.searchFilters);
    renderInTestApp(
      <SearchContextProvider>
        <Filters className="filters" />
      </SearchContextProvider>,
      { apis: [[searchApiRef, new MockSearchApi()]] },
    );
    for (const label of ['Okteto dev mode', 'Argo CD sync', 'Argo CD health']) {
      expect(await screen.findByText(label)).toBeInTheDocument();
    }
  });
});

describe('the app folder form field', () => {
  it('loads the OktetoAppFolderPicker field', async () => {
    const loader = createExtensionTester(oktetoAppFolderPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    expect((await loader()).$$type).toBe('@backstage/scaffolder/FormField');
  });
});

describe('the Dev environments page', () => {
  it('is at /okteto-dev, titled for the navigation', () => {
    const tester = createExtensionTester(oktetoDevPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/okteto-dev');
    expect(tester.get(coreExtensionData.title)).toBe('Dev environments');
  });
});

describe('the entity icon links', () => {
  type UseProps = () => Parameters<typeof IconLinkVertical>[0];

  /** Renders the icon link as the About card does: its props, from its hook. */
  function renderIconLink(
    extension: typeof oktetoDevArgoCdIconLink,
    api: FakeOktetoDevApi,
  ) {
    const useProps = createExtensionTester(extension).get(
      EntityIconLinkBlueprint.dataRefs.useProps as any,
    ) as UseProps;
    function IconLink() {
      return <IconLinkVertical {...useProps()} />;
    }
    renderInTestApp(
      <EntityProvider entity={makeEntity()}>
        <IconLink />
      </EntityProvider>,
      { apis: [[oktetoDevApiRef, api]] },
    );
  }

  it('link to the Application in Argo CD', async () => {
    renderIconLink(
      oktetoDevArgoCdIconLink,
      new FakeOktetoDevApi({ status: fixtures.healthyOff }),
    );
    expect(
      await screen.findByRole('link', { name: /Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.synestra.tech/applications/argo/web-corporate-dev',
    );
  });

  it('link to the dev app', async () => {
    renderIconLink(
      oktetoDevAppIconLink,
      new FakeOktetoDevApi({ status: fixtures.healthyOff }),
    );
    expect(
      await screen.findByRole('link', { name: /Dev app/ }),
    ).toHaveAttribute('href', 'https://corporate.dev.synestra.tech');
  });

  it('stay disabled, without a link, when the backend could not build one', async () => {
    const api = new FakeOktetoDevApi({ status: makeStatus({ links: {} }) });
    renderIconLink(oktetoDevArgoCdIconLink, api);
    await screen.findByText('Argo CD');
    // the answer has come, and still no link
    await act(async () => {
      await api.getStatus('component:default/corporate');
    });
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('Argo CD')).toBeInTheDocument();
  });

  it('show only on entities with okteto-dev/app', () => {
    for (const extension of [oktetoDevArgoCdIconLink, oktetoDevAppIconLink]) {
      const filter = createExtensionTester(extension).get(
        EntityIconLinkBlueprint.dataRefs.filterFunction as any,
      ) as unknown as (entity: Entity) => boolean;
      expect(filter(makeEntity())).toBe(true);
      expect(filter(makeEntity({}))).toBe(false);
    }
  });
});
