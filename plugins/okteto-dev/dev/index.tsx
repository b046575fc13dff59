/*
 * The card alone, without a backend: `npm start` in this folder (Node 22 on PATH) serves it with a
 * fake API answering the component tests' fixtures. Pick the answer and the card's width in the
 * URL: /okteto-dev?scenario=conflictAutoSync&width=450 (width in px, or `full`).
 */
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { EntityOktetoDevCard, oktetoDevApiRef, oktetoDevPlugin } from '../src';
import {
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
} from '../src/testing/fixtures';

type Scenario = keyof typeof fixtures;

function param(name: string): string | undefined {
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

function scenario(): Scenario {
  const name = param('scenario');
  return name && name in fixtures ? (name as Scenario) : 'devModeOn';
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

createDevApp()
  .registerPlugin(oktetoDevPlugin)
  .registerApi({
    api: oktetoDevApiRef,
    deps: {},
    factory: () => new FakeOktetoDevApi({ status: fixtures[scenario()] }),
  })
  .addPage({
    title: 'Dev environment',
    path: '/okteto-dev',
    element: <CardPage />,
  })
  .render();
