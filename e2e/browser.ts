/*
 * Browser tests: the real backend (packages/backend) serving the built app, against the
 * kube-sandbox web-core scenario and the GitHub stand-in, driven in Debian's Chromium.
 * Screenshots go to e2e/screenshots/ (git-ignored). Run by `npm test`; alone:
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/browser.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { oktetoDown, oktetoUp } from '@okteto-dev/kube-sandbox';
import { Demo, startDemo } from '../scripts/demo/demo';
import {
  cardText,
  eventually,
  expectText,
  openBrowserPage,
  SHOTS,
} from './freshAppPage';

const reportArg = process.argv.find(a => a.startsWith('--report='));

type Test = { name: string; run: (page: Page) => Promise<void> };
const tests: Test[] = [];
const test = (name: string, run: Test['run']) => tests.push({ name, run });

let demo: Demo;

async function openEntity(page: Page, name: string) {
  await page.goto(`${demo.url}/catalog/default/component/${name}`);
  return cardText(page);
}

/** Opens a collapsed section of the card by its title. */
/**
 * Resolves once RepoUrlPicker holds the user's GitHub token: it then asks the scaffolder's GitHub
 * autocomplete for the user's repositories with it. Call before opening the template.
 */
function githubSignIn(page: Page) {
  return page.waitForRequest(
    r => r.url().includes('/api/scaffolder/v2/autocomplete/github/'),
    { timeout: 30_000 },
  );
}

/**
 * Reviews and creates the template run open on the page, waits until exactly one new pull request
 * is on the GitHub stand-in, checks that it was opened as the signed-in user (the token
 * RepoUrlPicker's requestUserCredentials got from the app's GitHub sign-in, not the integration's),
 * and returns it.
 */
async function createOnePullRequest(page: Page, signedIn: Promise<unknown>) {
  // RepoUrlPicker fetches the user's token (requestUserCredentials) half a second after the form
  // opens, and lists the user's repositories with it: only then does a run carry the user's identity
  await signedIn;
  const before = demo.github.pulls.length;
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await eventually(async () => {
    if (demo.github.pulls.length !== before + 1) {
      throw new Error(
        `expected one new pull request, found ${
          demo.github.pulls.length - before
        }`,
      );
    }
  }, 60_000);
  const pr = demo.github.pulls[before];
  const authors = demo.github.commitAuthors(
    pr.owner,
    pr.repo,
    pr.base,
    pr.head,
  );
  if (pr.author !== 'guest' || authors.some(a => a !== 'guest')) {
    throw new Error(
      `the pull request was opened by ${
        pr.author
      }, its commits made by ${authors.join(
        ', ',
      )}; expected the signed-in user, guest`,
    );
  }
  return pr;
}

async function openSection(page: Page, title: string) {
  const button = page
    .getByRole('button', { name: title, exact: false })
    .first();
  if ((await button.getAttribute('aria-expanded')) !== 'true')
    await button.click();
}

/** What each web-core app's card says first: the verdict line (see README, "What the card says"). */
const cases: Array<[string, Array<string | RegExp>]> = [
  [
    'corporate',
    ['Argo CD: Synced · Healthy', 'Dev mode off', 'No drift', /Enable Okteto/i],
  ],
  [
    'synestra-io',
    [
      'Argo CD: Out of sync · Healthy',
      /Dev mode on · developer unknown/,
      'Drift expected from dev mode',
    ],
  ],
  ['shop', [/Dev mode on · bob/, 'Conflict: both pods serve', 'Self-heal']],
  [
    'landings',
    [
      'Degraded',
      'last sync failed',
      'CrashLoopBackOff',
      'ApplicationSet web-core-dev',
    ],
  ],
  ['saas', ['No Argo CD Application', 'web-saas-dev-env']],
  [
    'payload-core',
    [
      'Dev mode broken',
      'prune',
      'okteto down web-payload-dev --namespace web-payload-dev',
    ],
  ],
  ['blog', ['Dev mode broken', 'PodSecurity']],
  ['docs', ['Dev mode broken', 'web-docs-dev-okteto', 'Pending']],
  [
    'admin',
    [
      /Dev mode on · dave · probably abandoned/,
      'okteto down web-admin-dev --namespace web-admin-dev',
    ],
  ],
  [
    'portal',
    ['Drift not caused by dev mode', 'ConfigMap web-portal-dev-config'],
  ],
  ['studio', ['Conflict: both pods serve', 'interrupted']],
];

for (const [name, wanted] of cases) {
  test(`card of ${name} shows its scenario state`, async page => {
    const text = await openEntity(page, name);
    expectText(text, ...wanted);
    await page.screenshot({
      path: path.join(SHOTS, `card-${name}.png`),
      fullPage: true,
    });
  });
}

test('the commands are the repository’s own: corporate’s package from apps/corporate-website/package.json', async page => {
  await openEntity(page, 'corporate');
  await openSection(page, 'Commands');
  expectText(
    await cardText(page),
    'pnpm --filter @synestra/corporate-website dev',
  );
});

test('a package that is only a guess says so: apps/saas has no package.json', async page => {
  await openEntity(page, 'saas');
  await openSection(page, 'Commands');
  expectText(
    await cardText(page),
    'pnpm --filter saas dev',
    'apps/saas/package.json does not exist',
  );
});

test('a new commit to main turns synestra-io’s expected drift into a conflict, live', async page => {
  expectText(
    await openEntity(page, 'synestra-io'),
    'Drift expected from dev mode',
  );
  // what `npx kube-sandbox argocd new-commit web-synestra-io-dev` does
  demo.sandbox.argocd!.newCommit('web-synestra-io-dev');
  // app-config.yaml: refresh every 10 s, backend cache 5 s
  await eventually(async () => {
    expectText(
      await cardText(page),
      'Conflict: both pods serve',
      'Automated sync restored the original',
    );
  }, 45_000);
  await page.setViewportSize({ width: 1400, height: 1400 });
  await page.screenshot({
    path: path.join(SHOTS, 'card-synestra-io-conflict.png'),
    fullPage: true,
  });
  // the card alone, for the README (docs/images/card-synestra-io-conflict.png)
  await page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Dev environment' })
    .first()
    .screenshot({
      path: path.join(SHOTS, 'card-synestra-io-conflict-card.png'),
    });
  await page.setViewportSize({ width: 1400, height: 1000 });
});

test('the card follows dev mode toggled in the cluster within the refresh interval', async page => {
  expectText(await openEntity(page, 'corporate'), 'Dev mode off');
  await oktetoUp(demo.sandbox.store, {
    devName: 'web-corporate-dev',
    namespace: 'web-corporate-dev',
    workload: 'web-corporate-dev-web-app',
    user: 'e2e-dev',
  });
  await eventually(async () => {
    expectText(await cardText(page), /Dev mode on · e2e-dev/);
  }, 45_000);
  const text = await cardText(page);
  if (text.includes('Enable Okteto')) {
    throw new Error('"Enable Okteto" is offered while someone is in dev mode');
  }
  await page.screenshot({
    path: path.join(SHOTS, 'card-corporate-dev-mode-on.png'),
    fullPage: true,
  });
});

test('live: the card and the Dev environments page follow okteto down within 2 s, with no polling meanwhile', async page => {
  const context = page.context();
  const fleet = await context.newPage();
  const calls: string[] = [];
  const count = (request: { url(): string }) => {
    if (request.url().includes('/api/okteto-dev/')) calls.push(request.url());
  };
  page.on('request', count);
  fleet.on('request', count);
  try {
    expectText(await openEntity(page, 'corporate'), /Dev mode on · e2e-dev/);
    await fleet.goto(`${demo.url}/okteto-dev`);
    const table = fleet.getByRole('table', { name: 'Dev environments' });
    await eventually(async () =>
      expectText(await table.innerText(), 'e2e-dev'),
    );
    // longer than the polling interval (app-config.yaml: 10 s): a polling page would ask again
    const before = calls.length;
    await new Promise(resolve => setTimeout(resolve, 12_000));
    if (calls.length !== before) {
      throw new Error(
        `polled while signals work: ${calls.slice(before).join(', ')}`,
      );
    }
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Dev environment' })
      .first();
    // the README's two frames of a card changing live
    await card.screenshot({ path: path.join(SHOTS, 'live-1-before.png') });
    const changed = Date.now();
    await oktetoDown(demo.sandbox.store, {
      devName: 'web-corporate-dev',
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
    });
    await Promise.all([
      eventually(
        async () => expectText(await cardText(page), 'Dev mode off'),
        2_000,
        100,
      ),
      eventually(
        async () => {
          if ((await table.innerText()).includes('e2e-dev')) {
            throw new Error(
              'the Dev environments page still lists the e2e-dev session',
            );
          }
        },
        2_000,
        100,
      ),
    ]);
    process.stdout.write(
      `[e2e]   card and page changed ${
        Date.now() - changed
      } ms after okteto down, with ${
        calls.length - before
      } requests to /api/okteto-dev (refetches on the signal)\n`,
    );
    await card.screenshot({ path: path.join(SHOTS, 'live-2-after.png') });
    await fleet.screenshot({
      path: path.join(SHOTS, 'page-dev-environments.png'),
      fullPage: true,
    });
  } finally {
    page.off('request', count);
    await fleet.close();
  }
});

test('fix selfHeal of shop from its card: one pull request, one file', async page => {
  await openEntity(page, 'shop');
  const item = page.locator('li', { hasText: 'selfHeal off' }).first();
  const signedIn = githubSignIn(page);
  await item.getByText('Fix in a pull request').click();
  await page.waitForURL(/\/create\/templates\/default\/fix-okteto-dev/);
  const pr = await createOnePullRequest(page, signedIn);
  const changed = demo.github.diff('NeoGrAIph', 'web-core', 'main', pr.head);
  if (
    JSON.stringify(changed) !==
    JSON.stringify(['deploy/argocd/apps/dev/shop.yaml'])
  ) {
    throw new Error(`the pull request changes ${changed.join(', ')}`);
  }
  const files = demo.github.files('NeoGrAIph', 'web-core', pr.head);
  expectText(files['deploy/argocd/apps/dev/shop.yaml'], 'selfHeal: false');
  await page
    .getByRole('link', { name: 'Pull request' })
    .waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: path.join(SHOTS, 'template-fix-self-heal.png'),
    fullPage: true,
  });
});

test('"Enable Okteto" opens the template with the app pre-filled', async page => {
  await openEntity(page, 'landings');
  await page.getByRole('button', { name: 'Enable Okteto' }).click();
  await page.waitForURL(/\/create\/templates\/default\/enable-okteto/);
  await eventually(async () => {
    expectText(await page.locator('main').innerText(), 'Enable Okteto for app');
  });
  const app = page.locator('input[id*="app"]').first();
  await eventually(async () => {
    if ((await app.inputValue()) !== 'landings')
      throw new Error(`app field is '${await app.inputValue()}'`);
  });
  await page.screenshot({
    path: path.join(SHOTS, 'template-enable-okteto.png'),
    fullPage: true,
  });
});

test('the template opens ONE pull request on the GitHub stand-in', async page => {
  await openEntity(page, 'landings');
  const signedIn = githubSignIn(page);
  await page.getByRole('button', { name: 'Enable Okteto' }).click();
  await page.waitForURL(/\/create\/templates\/default\/enable-okteto/);
  // pre-filled from the card: the Deployment's NEXT_PUBLIC_SERVER_URL and the source location
  const serverUrl = page.getByLabel(/Dev server URL/);
  await eventually(async () => {
    const value = await serverUrl.inputValue();
    if (value !== 'https://landings.dev.synestra.io') {
      throw new Error(`Dev server URL is '${value}'`);
    }
  });
  const pr = await createOnePullRequest(page, signedIn);
  if (pr.head !== 'okteto/enable-landings' || pr.base !== 'main') {
    throw new Error(`unexpected pull request ${pr.head} -> ${pr.base}`);
  }
  const changed = demo.github.diff('NeoGrAIph', 'web-core', 'main', pr.head);
  const expected = [
    '.okteto/okteto.yml',
    '.stignore',
    'deploy/argocd/apps/dev/landings.yaml',
    'deploy/env/dev/landings.yaml',
  ];
  if (JSON.stringify(changed) !== JSON.stringify(expected)) {
    throw new Error(`the pull request changes ${changed.join(', ')}`);
  }
  const files = demo.github.files('NeoGrAIph', 'web-core', pr.head);
  expectText(
    files['.okteto/okteto.yml'],
    'web-landings-dev:',
    'app.kubernetes.io/instance: web-landings-dev',
    'workdir: /app/apps/landings',
  );
  expectText(
    files['deploy/env/dev/landings.yaml'],
    'NEXT_PUBLIC_SERVER_URL: "https://landings.dev.synestra.io"',
    'secretRef: "web-landings-dev-env"',
  );
  expectText(
    files['deploy/argocd/apps/dev/landings.yaml'],
    'selfHeal: false',
    'namespace: web-landings-dev',
    '/spec/replicas',
    'RespectIgnoreDifferences=true',
  );
  // the task page ends with the template's output link
  await page
    .getByRole('link', { name: 'Pull request' })
    .waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: path.join(SHOTS, 'template-pull-request.png'),
    fullPage: true,
  });
});

test('search "dev mode" finds the app in dev mode, and filters to OutOfSync', async page => {
  const results = () => page.locator('main').innerText();
  // The collator's first run comes 15 s after start (app-config.yaml), so look until it has run.
  await eventually(
    async () => {
      await page.goto(`${demo.url}/search?query=dev%20mode`);
      await page
        .getByRole('main')
        .getByText('Dev environments', { exact: true })
        .click();
      await eventually(
        async () => expectText(await results(), 'synestra-io dev'),
        5_000,
      );
    },
    120_000,
    3000,
  );

  const choose = async (filter: string, option: string) => {
    await page.locator(`[aria-label="${filter}"] [role="button"]`).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    // the menu fades out: wait until it has left the page so that screenshots show the results only
    await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
  };
  await choose('Okteto dev mode', 'Dev mode on');
  await eventually(async () => {
    const text = await results();
    expectText(text, 'synestra-io dev', 'Dev mode on · bob', 'shop dev');
    if (text.includes('landings dev'))
      throw new Error('"Dev mode on" still lists landings');
  });
  await page.screenshot({
    path: path.join(SHOTS, 'search-dev-mode-on.png'),
    fullPage: true,
  });

  await choose('Okteto dev mode', 'All');
  await choose('Argo CD sync', 'Out of sync');
  await eventually(async () => {
    const text = await results();
    expectText(text, 'portal dev', 'admin dev', 'probably abandoned');
    if (text.includes('landings dev'))
      throw new Error('"Out of sync" still lists landings (Synced)');
  });
  await page.screenshot({
    path: path.join(SHOTS, 'search-out-of-sync.png'),
    fullPage: true,
  });
});

async function signIn(page: Page) {
  await page.goto(demo.url);
  const enter = page.getByRole('button', { name: /enter/i });
  await Promise.race([
    enter.click({ timeout: 30_000 }).catch(() => undefined),
    page.waitForURL(/\/catalog/, { timeout: 30_000 }),
  ]);
  await page.waitForURL(/\/catalog/, { timeout: 30_000 });
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  let browser: Browser | undefined;
  const say = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
  try {
    demo = await startDemo({ log: say });
    const opened = await openBrowserPage();
    browser = opened.browser;
    const { page } = opened;
    await signIn(page);
    for (const t of tests) {
      const started = Date.now();
      try {
        await t.run(page);
        passed++;
        say(`✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        say(`✕ ${t.name}\n${(error as Error).message}`);
        await page
          .screenshot({
            path: path.join(SHOTS, `FAILED-${tests.indexOf(t)}.png`),
            fullPage: true,
          })
          .catch(() => undefined);
      }
    }
  } catch (error) {
    failed += tests.length - passed;
    say(`setup failed: ${(error as Error).stack ?? error}`);
  } finally {
    await browser?.close();
    await demo?.stop();
  }
  say(`${passed} passed, ${failed} failed`);
  if (reportArg)
    fs.writeFileSync(
      reportArg.slice('--report='.length),
      JSON.stringify({ passed, failed }),
    );
  process.exit(failed === 0 ? 0 : 1);
}

main();
