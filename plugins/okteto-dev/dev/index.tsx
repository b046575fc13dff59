/*
 * The card and the "Dev environments" page alone, without a backend: `npm start` in this folder
 * (Node 22 on PATH) serves them with a fake API answering the component tests' fixtures. Pick the
 * card's answer and width in the URL: /okteto-dev?scenario=conflictAutoSync&width=450 (width in
 * px, or `full`; `&lang=ru` for Russian). A scenario of `errorScenarios` (`refused`, `contested`, …)
 * makes the status request fail as the backend would. /dev-environments lists a catalog of apps in
 * every state.
 */
import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import Box from '@material-ui/core/Box';
import {
  EntityOktetoDevCard,
  oktetoDevApiRef,
  OktetoDevPage,
  oktetoDevPlugin,
} from '../src';
import {
  crashEvents,
  errorScenarios,
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
  makeFleet,
} from '../src/testing/fixtures';

type Scenario = keyof typeof fixtures;

function param(name: string): string | undefined {
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

function scenario(): Scenario {
  const name = param('scenario');
  return name && name in fixtures ? (name as Scenario) : 'devModeOn';
}

/** The fake API; for an error scenario, its status request fails as the backend's would. */
class DevOktetoDevApi extends FakeOktetoDevApi {
  private readonly failure = errorScenarios[param('scenario') ?? '']?.();

  async getStatus(entityRef: string) {
    if (this.failure) throw await this.failure;
    return super.getStatus(entityRef);
  }
}

function CardPage() {
  const width = param('width') ?? '450';
  return (
    <EntityProvider
      entity={makeEntity({
        'okteto-dev/app': 'corporate',
        'backstage.io/source-location':
          'url:https://github.com/NeoGrAIph/web-core/tree/main/apps/corporate-website/',
      })}
    >
      <Box
        data-testid="card-frame"
        width={width === 'full' ? '100%' : Number(width)}
        p={2}
      >
        <EntityOktetoDevCard />
      </Box>
    </EntityProvider>
  );
}

const fleet = makeFleet();

/** Stands in for the catalog's entity page, so that the page's entity links resolve. */
const EntityPageStub = createPlugin({ id: 'catalog-stub' }).provide(
  createRoutableExtension({
    name: 'EntityPageStub',
    component: async () => () => <p>The catalog's entity page</p>,
    mountPoint: entityRouteRef,
  }),
);

const app = createDevApp().setAvailableLanguages(['en', 'ru']);
// ?lang=ru shows the card and the page in Russian
const lang = param('lang');
if (lang) app.setDefaultLanguage(lang);

app
  .registerPlugin(oktetoDevPlugin)
  .registerApi({
    api: oktetoDevApiRef,
    deps: {},
    factory: () =>
      window.location.pathname.startsWith('/dev-environments')
        ? new FakeOktetoDevApi({
            statuses: fleet.statuses,
            denied: fleet.denied,
          })
        : new DevOktetoDevApi({
            status: fixtures[scenario()],
            events:
              scenario() === 'workloadCrashing' ? crashEvents() : undefined,
          }),
  })
  .registerApi({
    api: catalogApiRef,
    deps: {},
    factory: () => catalogApiMock({ entities: fleet.entities }),
  })
  .addPage({
    title: 'Dev environment',
    path: '/okteto-dev',
    element: <CardPage />,
  })
  .addPage({
    title: 'Dev environments',
    path: '/dev-environments',
    element: <OktetoDevPage />,
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <EntityPageStub />,
  })
  .render();
