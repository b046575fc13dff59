/*
 * The card alone, without a backend: `npm start` in this folder (Node 22 on PATH) serves it with a
 * fake API answering the "dev mode on" status of the component tests.
 */
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { EntityOktetoDevCard, oktetoDevApiRef, oktetoDevPlugin } from '../src';
import {
  FakeOktetoDevApi,
  fixtures,
  makeEntity,
} from '../src/testing/fixtures';

createDevApp()
  .registerPlugin(oktetoDevPlugin)
  .registerApi({
    api: oktetoDevApiRef,
    deps: {},
    factory: () => new FakeOktetoDevApi({ status: fixtures.devModeOn }),
  })
  .addPage({
    title: 'Dev environment',
    path: '/okteto-dev',
    element: (
      <EntityProvider entity={makeEntity()}>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <EntityOktetoDevCard />
          </Grid>
        </Grid>
      </EntityProvider>
    ),
  })
  .render();
