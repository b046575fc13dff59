import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { oktetoDevApiRef, OktetoDevApi } from '../api';
import { EntityOktetoDevCard } from '../components/EntityOktetoDevCard';
import { makeEntity } from '../testing/fixtures';

/** Renders the card for `entity` (default: one with `okteto-dev/app`) against `api`. */
export function renderCard(options: {
  api: OktetoDevApi;
  entity?: Entity;
  config?: NonNullable<Parameters<typeof mockApis.config>[0]>['data'];
}) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [oktetoDevApiRef, options.api],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
      ]}
    >
      <EntityProvider entity={options.entity ?? makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}
