/*
 * The fresh-app browser tests: a Backstage app made by @backstage/create-app, with our packed
 * packages installed by the steps of the root README (scripts/tasks/fresh-app.mjs prepares it),
 * started against the kube-sandbox web-core scenario and the GitHub stand-in — its backend serving
 * its built frontend, the new frontend system — and driven in Debian's Chromium.
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/fresh-app.ts \
 *     --app=<the app's folder> [--variant=kubernetes] [--report=<file>]
 * Screenshots go to e2e/screenshots/fresh-app-*.png (git-ignored).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import YAML from 'yaml';
import { ROOT, startDemoServices, waitForBackend } from '../scripts/demo/demo';
import { FRESH_APP_VARIANTS, FreshAppServices } from './freshAppVariants';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
const arg = (name: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const say = (line: string) => process.stdout.write(`[fresh-app] ${line}\n`);

type Test = { name: string; run: (page: Page) => Promise<void> };
const tests: Test[] = [];
const test = (name: string, run: Test['run']) => tests.push({ name, run });

/** Polls until `check` passes, at most `timeoutMs`; the last failure is the error. */
async function eventually(
  check: () => Promise<void>,
  timeoutMs = 30_000,
  everyMs = 500,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, everyMs));
    }
  }
}

function expectText(text: string, ...wanted: Array<string | RegExp>) {
  for (const w of wanted) {
    const ok = typeof w === 'string' ? text.includes(w) : w.test(text);
    if (!ok)
      throw new Error(
        `expected the page to show ${w}; it shows:\n${text.slice(0, 1500)}`,
      );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The test's own layer over the app's configuration, the same for every variant: where the app
 * listens, the GitHub stand-in in place of github.com, the web-core example entities added to the
 * catalog the README configured, and a search collation soon after start. Lists are replaced
 * when configuration files are layered, so the app's own catalog lists are repeated here.
 */
function testConfig(options: {
  appDir: string;
  url: string;
  port: number;
  services: FreshAppServices;
}) {
  const appConfig = YAML.parse(
    fs.readFileSync(path.join(options.appDir, 'app-config.yaml'), 'utf8'),
  );
  return {
    app: { baseUrl: options.url },
    backend: {
      baseUrl: options.url,
      listen: { port: options.port },
      cors: { origin: options.url },
    },
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: options.services.github.apiBaseUrl,
          token: 'local-demo-token',
        },
      ],
    },
    catalog: {
      rules: [
        ...(appConfig.catalog?.rules ?? []),
        { allow: ['Group', 'User'] },
      ],
      locations: [
        ...(appConfig.catalog?.locations ?? []),
        { type: 'file', target: path.join(ROOT, 'examples', 'entities.yaml') },
      ],
    },
    search: {
      collators: {
        oktetoDev: {
          schedule: {
            frequency: { seconds: 20 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
          },
        },
      },
    },
  };
}

let baseUrl = '';

/** The card's visible text, once it and its open sections have loaded (no skeleton). */
async function cardText(page: Page): Promise<string> {
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Dev environment' })
    .first();
  await card.getByText('Readiness checklist').waitFor({ timeout: 60_000 });
  await eventually(
    async () => {
      const loading = await card.getByTestId('okteto-dev-loading-part').count();
      if (loading > 0)
        throw new Error(`${loading} part(s) of the card still loading`);
    },
    30_000,
    100,
  );
  return card.innerText();
}

async function openEntity(page: Page, name: string) {
  await page.goto(`${baseUrl}/catalog/default/component/${name}`);
  return cardText(page);
}

test('the entity card shows each verdict on the new frontend system', async page => {
  expectText(
    await openEntity(page, 'corporate'),
    'Argo CD: Synced · Healthy',
    'Dev mode off',
    'No drift',
  );
  expectText(
    await openEntity(page, 'shop'),
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

test('the "Dev environments" page, from its item in the sidebar', async page => {
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

test('search finds the apps in dev mode by their dev status', async page => {
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

test('"Enable Okteto" opens the template\'s form filled in from the card; okteto-dev\'s field checks the app folder', async page => {
  await openEntity(page, 'landings');
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

test('the card speaks Russian once a user picks it (the app offers en and ru)', async page => {
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
    await signIn(ru);
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

/** Enters as guest when the app shows a sign-in page; create-app's app may sign in by itself. */
async function signIn(page: Page) {
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: /enter/i });
  await Promise.race([
    enter.click({ timeout: 60_000 }).catch(() => undefined),
    page
      .getByRole('link', { name: 'Dev environments' })
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined),
  ]);
  await page
    .getByRole('link', { name: 'Dev environments' })
    .first()
    .waitFor({ timeout: 60_000 });
}

function startBackend(options: {
  appDir: string;
  configs: string[];
  env: Record<string, string>;
  logFile: string;
}): ChildProcess {
  const out = fs.openSync(options.logFile, 'w');
  return spawn(
    'yarn',
    ['start', ...options.configs.flatMap(config => ['--config', config])],
    {
      cwd: path.join(options.appDir, 'packages', 'backend'),
      stdio: ['ignore', out, out],
      detached: true,
      env: { ...process.env, ...options.env },
    },
  );
}

async function stopBackend(backend: ChildProcess) {
  if (backend.exitCode !== null || !backend.pid) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-backend.pid!, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  await new Promise(resolve => {
    const timer = setTimeout(() => {
      kill('SIGKILL');
      resolve(undefined);
    }, 5000);
    backend.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

async function main() {
  const appDir = arg('app');
  const variantName = arg('variant') ?? 'kubernetes';
  const reportFile = arg('report');
  const variant = FRESH_APP_VARIANTS[variantName];
  if (!appDir || !variant) {
    throw new Error(
      `usage: fresh-app.ts --app=<dir> [--variant=${Object.keys(
        FRESH_APP_VARIANTS,
      ).join('|')}] [--report=<file>]`,
    );
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  let browser: Browser | undefined;
  let backend: ChildProcess | undefined;
  let services: FreshAppServices | undefined;
  const logFile = path.join(appDir, 'backend.log');
  try {
    say(`variant ${variantName}: ${variant.description}`);
    services = await startDemoServices({
      log: say,
      kubeconfigPath: path.join(appDir, 'kubeconfig'),
    });
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const layer = path.join(appDir, 'app-config.fresh-app-test.yaml');
    fs.writeFileSync(
      layer,
      YAML.stringify(testConfig({ appDir, url: baseUrl, port, services })),
    );
    const started = Date.now();
    backend = startBackend({
      appDir,
      configs: [path.join(appDir, 'app-config.yaml'), layer],
      env: { ...variant.env(services), GITHUB_TOKEN: 'local-demo-token' },
      logFile,
    });
    say(`the app's backend is starting at ${baseUrl} (log: ${logFile})`);
    await waitForBackend(baseUrl, backend, 300_000);
    say(
      `the backend is ready (${Math.round((Date.now() - started) / 1000)} s)`,
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    const page = await context.newPage();
    await signIn(page);
    for (const t of tests) {
      const begun = Date.now();
      try {
        await t.run(page);
        passed++;
        say(`✓ ${t.name} (${Date.now() - begun} ms)`);
      } catch (error) {
        failed++;
        say(`✕ ${t.name}\n${(error as Error).message}`);
        await page
          .screenshot({
            path: path.join(SHOTS, `fresh-app-FAILED-${tests.indexOf(t)}.png`),
            fullPage: true,
          })
          .catch(() => undefined);
      }
    }
  } catch (error) {
    failed += tests.length - passed;
    say(`setup failed: ${(error as Error).stack ?? error}`);
    if (fs.existsSync(logFile)) {
      say(
        `the backend's log ends:\n${fs
          .readFileSync(logFile, 'utf8')
          .slice(-4000)}`,
      );
    }
  } finally {
    await browser?.close();
    if (backend) await stopBackend(backend);
    await services?.github.close();
    await services?.sandbox.close();
  }
  say(`${passed} passed, ${failed} failed`);
  if (reportFile)
    fs.writeFileSync(reportFile, JSON.stringify({ passed, failed }));
  process.exit(failed === 0 ? 0 : 1);
}

main();
