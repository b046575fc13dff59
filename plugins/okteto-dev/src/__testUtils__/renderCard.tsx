import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp as renderInNewTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oktetoDevApiRef, OktetoDevApi } from '../api';
import { EntityOktetoDevCard } from '../components/EntityOktetoDevCard';
import { FakeOktetoDevApi, makeEntity } from '../testing/fixtures';

/**
 * Renders the card for `entity` (default: one with `okteto-dev/app`) against `api`; with
 * `signalApi`, in an app that has the signals plugin.
 */
export function renderCard(options: {
  api: OktetoDevApi;
  entity?: Entity;
  config?: NonNullable<Parameters<typeof mockApis.config>[0]>['data'];
  signalApi?: SignalApi;
}) {
  const apis = [
    [oktetoDevApiRef, options.api],
    [configApiRef, mockApis.config({ data: options.config ?? {} })],
    ...(options.signalApi ? [[signalApiRef, options.signalApi]] : []),
  ] as const;
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <EntityProvider entity={options.entity ?? makeEntity()}>
        <EntityOktetoDevCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/**
 * Waits until every part of the card that loads when shown (a section's body, the `okteto down`
 * box) has loaded: until then a skeleton holds its place.
 */
export async function partsLoaded() {
  await waitFor(
    () =>
      expect(screen.queryAllByTestId('okteto-dev-loading-part')).toHaveLength(
        0,
      ),
    { timeout: 5000 },
  );
}

/** Renders the card for one answer of the backend, in English, with its open sections loaded. */
export async function renderStatus(status: DevStatus, entity?: Entity) {
  await renderCard({ api: new FakeOktetoDevApi({ status }), entity });
  await screen.findByRole('group', { name: 'Summary' });
  await partsLoaded();
}

// The new frontend system test app uses the real translation API; its app-language API takes the
// default language from config, like an app that sets `defaultLanguage: ru`.
export const russianAppConfig = {
  app: {
    baseUrl: 'http://localhost:3000',
    extensions: [
      {
        'api:app/app-language': {
          config: { defaultLanguage: 'ru', availableLanguages: ['en', 'ru'] },
        },
      },
    ],
  },
  backend: { baseUrl: 'http://localhost:7007' },
};

/** Renders the card for one answer of the backend in an app whose language is Russian. */
export async function renderStatusInRussian(
  status: DevStatus,
  options: { api?: OktetoDevApi; entity?: Entity } = {},
) {
  renderInNewTestApp(
    <EntityProvider entity={options.entity ?? makeEntity()}>
      <EntityOktetoDevCard />
    </EntityProvider>,
    {
      config: russianAppConfig,
      apis: [
        [oktetoDevApiRef, options.api ?? new FakeOktetoDevApi({ status })],
      ],
    },
  );
  await screen.findByRole('group', { name: 'Сводка' });
  await partsLoaded();
}

/** The parts of the summary line at the top of the card, as read. */
export function summaryParts(name = 'Summary'): string[] {
  return Array.from(screen.getByRole('group', { name }).children).map(
    part => part.textContent ?? '',
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The heading button of a section; its name starts with the section's title. */
export function sectionButton(title: string): HTMLElement {
  return screen.getByRole('button', { name: new RegExp(`^${escape(title)}`) });
}

/** The sections of the card, in English. */
export const SECTIONS = [
  'Drift',
  'Okteto',
  'Argo CD',
  'Workload',
  'Readiness checklist',
  'Commands',
];

/** Asserts which sections are open; all others of `titles` are collapsed. */
export function expectOpenSections(open: string[], titles = SECTIONS) {
  const state = Object.fromEntries(
    titles.map(title => [
      title,
      sectionButton(title).getAttribute('aria-expanded') === 'true',
    ]),
  );
  expect(state).toEqual(
    Object.fromEntries(titles.map(title => [title, open.includes(title)])),
  );
}

/** Opens a collapsed section, waits for its body to load and returns queries within it. */
export async function expandSection(title: string) {
  const button = sectionButton(title);
  if (button.getAttribute('aria-expanded') !== 'true') {
    await userEvent.click(button);
  }
  await partsLoaded();
  return within(button.closest('section')!);
}

/** Queries within a section. */
export function inSection(title: string) {
  return within(sectionButton(title).closest('section')!);
}

/**
 * A text matcher for what the card splits into words (a command wraps between its words, each a
 * span of its own): the innermost element whose whole text is `wanted`.
 */
export function wholeText(wanted: string) {
  return (_content: string, element: Element | null) =>
    element?.textContent === wanted &&
    !Array.from(element.children).some(child => child.textContent === wanted);
}

/** What the card says, under the summary line, about reads that failed or an old answer. */
export function readProblems(): HTMLElement {
  return screen.getByTestId('okteto-dev-read-problems');
}
