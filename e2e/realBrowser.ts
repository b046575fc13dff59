/*
 * The browser test on the real stack (issue 22.5): the demo Backstage (packages/backend serving the
 * built packages/app) reading the real cluster with okteto-dev's service account, the real Argo CD
 * and the real okteto CLI (scripts/demo/realDemo.ts), driven in Debian's Chromium. Each change is
 * seen live on the open card: no reload, and no status request from the page between the change
 * and the card showing it other than the refetch a signal asks for (the page's network log).
 * Screenshots: e2e/screenshots/real-*.png (git-ignored). Alone:
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/realBrowser.ts
 * Needs the Go builds in .cache/real-cluster/bin (realcluster, argocd, helm, okteto) and a built
 * packages/app (npm start builds it).
 */
import { NetworkingV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Browser, Page, Request } from 'playwright-core';
import {
  card,
  cardText,
  eventually,
  expectNoText,
  expectText,
  openBrowserPage,
  SHOTS,
} from './freshAppPage';
import {
  NOT_ENABLED_APP,
  RealDemo,
  startRealDemo,
} from '../scripts/demo/realDemo';
import { webCoreNames } from '../packages/real-cluster/src/webcore';

const reportArg = process.argv.find(a => a.startsWith('--report='));
/** app-config.yaml's oktetoDev.refreshIntervalSeconds: a polling card asks again after this. */
const POLL_INTERVAL_MS = 10_000;
const LIVE_LINE = 'Live: changes are pushed as they happen';
/** The app whose card follows okteto up, a commit and okteto down. */
const DEV_APP = 'synestra-io';

type Test = { name: string; run: (page: Page) => Promise<void> };
const tests: Test[] = [];
const test = (name: string, run: Test['run']) => tests.push({ name, run });
let demo: RealDemo;
const say = (line: string) => process.stdout.write(`[e2e-real] ${line}\n`);

/**
 * The page's requests to okteto-dev's backend, and its navigations: a reload or a navigation
 * would show a change without live mode, a timer-driven request would be polling.
 */
class NetworkLog {
  readonly calls: Array<{ at: number; url: string }> = [];
  navigations = 0;
  constructor(page: Page) {
    page.on('request', (r: Request) => {
      if (r.url().includes('/api/okteto-dev/')) {
        this.calls.push({ at: Date.now(), url: r.url() });
      }
    });
    page.on('framenavigated', frame => {
      if (frame === page.mainFrame()) this.navigations++;
    });
  }
  since(at: number) {
    return this.calls.filter(c => c.at >= at);
  }
}

let network: NetworkLog;

/** Opens a collapsed part of the card by its button's name, when the card has that button. */
async function openSection(page: Page, name: string) {
  const button = card(page).getByRole('button', { name, exact: false }).first();
  if ((await button.count()) === 0) return;
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.click();
  }
}

async function openCard(page: Page, name: string) {
  await page.goto(`${demo.url}/catalog/default/component/${name}`);
  return cardText(page);
}

/**
 * Asserts that the open card does not poll: within `withinMs` there is a stretch longer than the
 * polling interval in which the page asked okteto-dev nothing. A polling card asks every interval,
 * so it never leaves such a gap; a live card asks only when a signal says its status changed (the
 * real Argo CD and kube controllers may still be finishing the last change: those refetches are
 * allowed, and the gap comes once they are done).
 */
async function assertNotPolling(page: Page, withinMs = 90_000) {
  expectText(await cardText(page), LIVE_LINE);
  const gap = POLL_INTERVAL_MS + 2_000;
  const deadline = Date.now() + withinMs;
  for (;;) {
    const from = Date.now();
    await new Promise(resolve => setTimeout(resolve, gap));
    const asked = network.since(from);
    if (asked.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the card never went ${gap} ms without asking okteto-dev (polling?): last ${asked
          .map(c => c.url)
          .join(', ')}`,
      );
    }
    say(
      `  (${asked.length} signal refetch(es) while the cluster settled; waiting for a quiet ${gap} ms)`,
    );
  }
}

/**
 * Runs `change`, then waits until the card shows `wanted` without a navigation; says how long it
 * took and how many requests the signals' refetches made.
 */
async function seeLive(
  page: Page,
  what: string,
  change: () => Promise<unknown>,
  wanted: Array<string | RegExp>,
  timeoutMs: number,
  unwanted?: string | RegExp,
) {
  await assertNotPolling(page);
  const navigations = network.navigations;
  const from = Date.now();
  await change();
  const changed = Date.now();
  await eventually(async () => {
    const text = await cardText(page);
    expectText(text, ...wanted);
    if (unwanted) expectNoText(text, unwanted);
  }, timeoutMs);
  if (network.navigations !== navigations) {
    throw new Error(`the page navigated during "${what}"`);
  }
  say(
    `  ${what}: ${changed - from} ms for the change, the card showed it ${
      Date.now() - changed
    } ms later, without reloading; ${
      network.since(from).length
    } requests to /api/okteto-dev (refetches on signals)`,
  );
}

const names = webCoreNames({ app: DEV_APP });

test(`a real okteto up turns ${DEV_APP}'s card to dev mode on, live`, async page => {
  expectText(
    await openCard(page, DEV_APP),
    'Argo CD: Synced · Healthy',
    'Dev mode off',
  );
  // the backend starts its watches when the first cards are asked for: until then the card
  // reads on each view and says why ("the watches are starting"), then turns live by itself
  await eventually(
    async () => expectText(await cardText(page), LIVE_LINE),
    60_000,
    1000,
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-1-before-up.png'),
    fullPage: true,
  });
  await seeLive(
    page,
    'okteto up',
    async () => {
      const up = await demo.stack.oktetoUp(DEV_APP);
      if (up.stopped !== 'condition') {
        throw new Error(
          `okteto up ended before its dev container ran (${up.code}): ${up.stdout}${up.stderr}`,
        );
      }
    },
    [/Dev mode on/],
    60_000,
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-2-dev-mode-on.png'),
    fullPage: true,
  });
});

test(`a real commit to main turns it into the both-pods conflict, live`, async page => {
  expectText(await cardText(page), /Dev mode on/);
  await seeLive(
    page,
    'commit to main',
    async () => {
      const values = demo.stack.repo.read(`deploy/env/dev/${DEV_APP}.yaml`)!;
      const sha = await demo.stack.push(
        {
          [`deploy/env/dev/${DEV_APP}.yaml`]: values.replace(
            '  SYNESTRA_ENV: "dev"\n',
            '  SYNESTRA_ENV: "dev"\n  SYNESTRA_FEATURE_SEARCH: "on"\n',
          ),
        },
        `${DEV_APP}: turn the search feature on in dev`,
      );
      // Argo CD's refresh, as GitHub's webhook to argocd-server asks for it
      await demo.stack.refresh(names.application);
      await demo.stack.waitFor(
        names.application,
        a => a.status?.operationState?.syncResult?.revision === sha,
        `${names.application} synced ${sha}`,
      );
    },
    ['Conflict: both pods serve', 'Automated sync restored the original'],
    60_000,
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-3-conflict.png'),
    fullPage: true,
  });
});

test('a real okteto down turns it back to off, live', async page => {
  await seeLive(
    page,
    'okteto down',
    async () => {
      const down = await demo.stack.oktetoDown(DEV_APP);
      if (down.code !== 0) {
        throw new Error(`okteto down failed: ${down.stdout}${down.stderr}`);
      }
    },
    ['Dev mode off'],
    60_000,
    'Conflict: both pods serve',
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-4-dev-mode-off.png'),
    fullPage: true,
  });
});

test(`"Enable Okteto" for ${NOT_ENABLED_APP}: the pull request, merged into the repository Argo CD reads, turns its card ready, live`, async page => {
  const target = webCoreNames({ app: NOT_ENABLED_APP });
  expectText(
    await openCard(page, NOT_ENABLED_APP),
    'No Argo CD Application',
    /Enable Okteto/i,
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-5-not-enabled.png'),
    fullPage: true,
  });
  const signedIn = page.waitForRequest(
    r => r.url().includes('/api/scaffolder/v2/autocomplete/github/'),
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: 'Enable Okteto' }).click();
  await page.waitForURL(/\/create\/templates\/default\/enable-okteto/);
  const serverUrl = page.getByLabel(/Dev server URL/);
  await serverUrl.waitFor({ timeout: 30_000 });
  if (!(await serverUrl.inputValue())) {
    // saas has no Deployment yet to read NEXT_PUBLIC_SERVER_URL from: the developer types it
    await serverUrl.fill(`https://${NOT_ENABLED_APP}.dev.synestra.io`);
  }
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
  }, 90_000);
  const pr = demo.github.pulls[before];
  const changed = demo.github.diff(pr.owner, pr.repo, pr.base, pr.head);
  say(`  pull request #${pr.number} ${pr.head}: ${changed.join(', ')}`);
  await page
    .getByRole('link', { name: 'Pull request' })
    .waitFor({ timeout: 60_000 });
  await page.screenshot({
    path: path.join(SHOTS, 'real-6-pull-request.png'),
    fullPage: true,
  });

  // back to the card, then the merge: everything after it is live
  await openCard(page, NOT_ENABLED_APP);
  let merged = '';
  // the merge as it goes in life: the root Application applies the new Application file, and the
  // real Argo CD syncs the chart with the values the template wrote (env, envFrom, and the Ingress
  // of the dev server URL's host: web-core's chart enables its Ingress with no hosts, which
  // kube-apiserver refuses — pkg/apis/networking/validation: "either `defaultBackend` or `rules`
  // must be specified" — so the template writes the host, as web-core's own dev values do)
  await seeLive(
    page,
    'merge of the pull request',
    async () => {
      merged = await demo.merge(pr);
      say(
        `  merged as ${merged.slice(0, 8)} into ${
          demo.stack.repo.url
        }; the root Application applies the new Application file`,
      );
      const app = await demo.stack.waitFor(
        target.application,
        a =>
          a.status?.sync?.status === 'Synced' &&
          a.status?.sync?.revision === merged &&
          a.status?.health?.status === 'Healthy' &&
          a.status?.operationState?.phase === 'Succeeded',
        `${target.application} created by the root Application, Synced and Healthy at ${merged}`,
        180_000,
      );
      say(
        `  Argo CD synced ${app.metadata.name} at ${merged.slice(0, 8)}: ${
          app.status?.sync?.status
        }, ${app.status?.health?.status}`,
      );
    },
    ['Argo CD: Synced · Healthy', 'Dev mode off', 'No drift'],
    60_000,
    // the button's text is upper case on the page (innerText follows text-transform)
    /Enable Okteto|no dev entry/i,
  );
  // the Ingress the chart rendered from the template's values: the dev server URL's host
  const ingresses = await demo.stack.kc
    .makeApiClient(NetworkingV1Api)
    .listNamespacedIngress({ namespace: target.namespace });
  const hosts = ingresses.items
    .flatMap(i => i.spec?.rules ?? [])
    .map(r => r.host);
  if (!hosts.includes(`${NOT_ENABLED_APP}.dev.synestra.io`)) {
    throw new Error(
      `the Ingress of ${target.namespace} has hosts ${JSON.stringify(
        hosts,
      )}, not ${NOT_ENABLED_APP}.dev.synestra.io`,
    );
  }
  say(`  the chart's Ingress in ${target.namespace}: ${hosts.join(', ')}`);
  // the dev entry the pull request added is what the checklist reads now (the passed items are
  // behind a button while some item is open; with every item passed they all show)
  await openSection(page, 'Readiness checklist');
  await openSection(page, 'Show the passed items');
  const ready = await cardText(page);
  // every item of the readiness checklist passes: ready for okteto up
  expectText(ready, 'Okteto dev entry', /\b(\d+) of \1 passed/);
  expectNoText(ready, /no dev entry/i);
  say(
    `  the card of ${NOT_ENABLED_APP}: ${ready
      .split('\n')
      .filter(l => /Argo CD:|Dev mode|drift|passed/i.test(l))
      .join(' | ')}`,
  );
  await page.screenshot({
    path: path.join(SHOTS, 'real-8-enabled-ready.png'),
    fullPage: true,
  });
});

/** What `argocd app terminate-op` asks argocd-server to do (see the call above). */

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
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let browser: Browser | undefined;
  try {
    // a port of its own: other Backstages of this machine (npm start, e2e/browser.ts) use 7007
    demo = await startRealDemo({ log: say, port: await freePort() });
    say(`stack and Backstage up in ${Date.now() - started} ms`);
    const opened = await openBrowserPage();
    browser = opened.browser;
    const { page } = opened;
    network = new NetworkLog(page);
    await signIn(page);
    for (const t of tests) {
      const at = Date.now();
      try {
        await t.run(page);
        passed++;
        say(`✓ ${t.name} (${Date.now() - at} ms)`);
      } catch (error) {
        failed++;
        say(`✕ ${t.name}\n${(error as Error).stack ?? error}`);
        await page
          .screenshot({
            path: path.join(SHOTS, `real-FAILED-${tests.indexOf(t)}.png`),
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
  say(
    `${passed} passed, ${failed} failed in ${Math.round(
      (Date.now() - started) / 1000,
    )} s`,
  );
  if (reportArg)
    fs.writeFileSync(
      reportArg.slice('--report='.length),
      JSON.stringify({ passed, failed }),
    );
  process.exit(failed === 0 ? 0 : 1);
}

main();
