/*
 * The fresh-app variant `kubernetes`: the app reads the clusters of Backstage's Kubernetes plugin
 * (the README's `kubernetes.clusterLocatorMethods` block, a service-account token) on the
 * kube-sandbox with the web-core scenario, Applications included; Chromium sees every verdict of
 * the card, the "Dev environments" page, search, the "Enable Okteto" template and Russian.
 */
import path from 'node:path';
import { startSandbox } from '@okteto-dev/kube-sandbox';
import { freshenArgoTimes } from '../scripts/demo/demo';
import {
  eventually,
  expectText,
  FreshAppTest,
  openEntity,
  SHOTS,
  signIn,
} from './freshAppPage';
import type { FreshAppVariant } from './freshAppVariants';

const tests: FreshAppTest[] = [];
const test = (name: string, run: FreshAppTest['run']) =>
  tests.push({ name, run });

test('the entity card shows each verdict on the new frontend system', async (page, {
  baseUrl,
}) => {
  expectText(
    await openEntity(page, baseUrl, 'corporate'),
    'Argo CD: Synced · Healthy',
    'Dev mode off',
    'No drift',
  );
  expectText(
    await openEntity(page, baseUrl, 'shop'),
    'Dev mode on',
    'bob',
    'Conflict: both pods serve',
    'okteto down',
  );
  await page.screenshot({
    path: path.join(SHOTS, 'fresh-app-card-shop.png'),
    fullPage: true,
  });
  // the card is only on entities with okteto-dev/app: create-app's own example has none
  await page.goto(`${baseUrl}/catalog/default/component/example-website`);
  await page.getByText('example-website').first().waitFor({ timeout: 30_000 });
  await page.getByText('About').first().waitFor({ timeout: 30_000 });
  if ((await page.getByText('Readiness checklist').count()) > 0) {
    throw new Error('the card shows on an entity without okteto-dev/app');
  }
});

test('the "Dev environments" page, from its item in the sidebar', async (page, {
  baseUrl,
}) => {
  await page.goto(baseUrl);
  await page
    .getByRole('link', { name: 'Dev environments' })
    .first()
    .click({ timeout: 30_000 });
  await page.waitForURL(/\/okteto-dev$/);
  const table = page.getByRole('table', { name: 'Dev environments' });
  await eventually(async () => {
    expectText(await table.innerText(), 'shop', 'bob', 'synestra-io');
  }, 60_000);
  await page.screenshot({
    path: path.join(SHOTS, 'fresh-app-dev-environments.png'),
    fullPage: true,
  });
});

test('search finds the apps in dev mode by their dev status', async (page, {
  baseUrl,
}) => {
  const results = () => page.locator('body').innerText();
  // the collator's first run comes 5 s after start (testConfig); look until it has run
  await eventually(
    async () => {
      await page.goto(`${baseUrl}/search?query=dev%20mode`);
      await eventually(
        async () => expectText(await results(), 'by bob', 'web-shop-dev'),
        10_000,
      );
    },
    180_000,
    3000,
  );
  // the result type and the filters are the plugin's own extensions (alpha.ts)
  await page
    .getByRole('button', { name: 'Dev environments', exact: true })
    .or(page.getByRole('menuitem', { name: 'Dev environments', exact: true }))
    .first()
    .click();
  await page.locator('[aria-label="Okteto dev mode"] [role="button"]').click();
  await page.getByRole('option', { name: 'Dev mode on', exact: true }).click();
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
  await eventually(async () => {
    const text = await results();
    expectText(text, 'web-shop-dev', 'by bob', 'web-synestra-io-dev');
    for (const off of ['web-landings-dev', 'web-corporate-dev']) {
      if (text.includes(off))
        throw new Error(`"Dev mode on" still lists ${off}`);
    }
  });
  await page.screenshot({
    path: path.join(SHOTS, 'fresh-app-search-dev-mode-on.png'),
    fullPage: true,
  });
});

test('"Enable Okteto" opens the template\'s form filled in from the card; okteto-dev\'s field checks the app folder', async (page, {
  baseUrl,
}) => {
  await openEntity(page, baseUrl, 'landings');
  await page.getByRole('button', { name: 'Enable Okteto' }).click();
  await page.waitForURL(/\/create\/templates\/default\/enable-okteto/);
  // RepoUrlPicker asks for the user's GitHub token (requestUserCredentials); this app has no
  // GitHub sign-in configured, so the test declines, as a user without one would
  const reject = page.getByRole('button', { name: /reject all/i });
  await reject.click({ timeout: 15_000 }).catch(() => undefined);
  await eventually(async () => {
    expectText(
      await page.locator('body').innerText(),
      'Enable Okteto for app',
      'App folder',
      'Dev server URL',
    );
  }, 60_000);
  const field = (label: RegExp) => page.getByLabel(label).first();
  await eventually(async () => {
    const values = {
      app: await field(/^App key/).inputValue(),
      appDir: await field(/^App folder/).inputValue(),
      serverUrl: await field(/^Dev server URL/).inputValue(),
    };
    const expected = {
      app: 'landings',
      appDir: 'apps/landings',
      serverUrl: 'https://landings.dev.synestra.io',
    };
    if (JSON.stringify(values) !== JSON.stringify(expected))
      throw new Error(`the form holds ${JSON.stringify(values)}`);
  });
  await page.screenshot({
    path: path.join(SHOTS, 'fresh-app-enable-okteto.png'),
    fullPage: true,
  });
  // App folder is the plugin's field extension OktetoAppFolderPicker: its validation asks the
  // scaffolder module's autocomplete provider whether the folder holds a package.json
  const asked = page.waitForRequest(
    r => r.url().includes('/api/scaffolder/v2/autocomplete/okteto-dev/package'),
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: 'Review' }).click();
  await asked;
});

test('the card speaks Russian once a user picks it (the app offers en and ru)', async (page, {
  baseUrl,
}) => {
  // a second tab of its own, whose language is Russian as a user's choice in Settings stores it
  const context = await page
    .context()
    .browser()!
    .newContext({
      viewport: { width: 1400, height: 1000 },
    });
  try {
    await context.addInitScript(() =>
      window.localStorage.setItem('language', 'ru'),
    );
    const ru = await context.newPage();
    await signIn(ru, baseUrl);
    await ru.goto(`${baseUrl}/catalog/default/component/corporate`);
    const card = ru
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Dev-окружение' })
      .first();
    // the Russian messages are a chunk of their own, loaded for a Russian app only
    await card.getByText('Чеклист готовности').waitFor({ timeout: 60_000 });
    expectText(await card.innerText(), 'Dev-режим выключен');
    await ru.screenshot({
      path: path.join(SHOTS, 'fresh-app-card-ru.png'),
      fullPage: true,
    });
  } finally {
    await context.close();
  }
});

/** The kube-sandbox with the web-core scenario (HTTPS, Argo CD times freshened). */
export const kubernetesVariant: FreshAppVariant = {
  description:
    'clusters from kubernetes.clusterLocatorMethods, a service account token; Applications through Kubernetes (kube-sandbox, web-core scenario)',
  async start({ dir, log }) {
    const sandbox = await startSandbox({
      scenario: 'web-core',
      tls: true,
      kubeconfigPath: path.join(dir, 'kubeconfig'),
    });
    freshenArgoTimes(sandbox);
    log(`kube-sandbox (web-core scenario) at ${sandbox.url}`);
    return {
      env: {
        K8S_CLUSTER_URL: sandbox.url,
        K8S_SA_TOKEN: sandbox.token ?? '',
        K8S_CA_DATA: Buffer.from(sandbox.ca ?? '').toString('base64'),
      },
      tests,
      close: () => sandbox.close(),
    };
  },
};
