/*
 * What the browser tests share (e2e/browser.ts, e2e/realBrowser.ts, e2e/fresh-app.ts and its
 * variants): polling with a bound, text assertions, the okteto-dev card of an entity page, signing in.
 */
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ROOT } from '../scripts/demo/demo';

/**
 * Debian's Chromium (never a downloaded browser) with the flags these machines need, and one page
 * of 1400×1000 in one context (a second tab shares its sign-in).
 */
export async function openBrowserPage(): Promise<{
  browser: Browser;
  page: Page;
}> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
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
  return { browser, page: await context.newPage() };
}

/** Where the screenshots go (git-ignored). */
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');

/** What a test gets besides the signed-in page. */
export interface FreshAppTestContext {
  /** The app's URL, e.g. http://localhost:41234. */
  baseUrl: string;
}

/** One browser test of a variant. */
export interface FreshAppTest {
  name: string;
  run(page: Page, context: FreshAppTestContext): Promise<void>;
}

/** Polls until `check` passes, at most `timeoutMs`; the last failure is the error. */
export async function eventually(
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

/** Throws unless `text` holds each of `wanted`. */
export function expectText(text: string, ...wanted: Array<string | RegExp>) {
  for (const w of wanted) {
    const ok = typeof w === 'string' ? text.includes(w) : w.test(text);
    if (!ok)
      throw new Error(
        `expected the page to show ${w}; it shows:\n${text.slice(0, 1500)}`,
      );
  }
}

/** Throws when `text` holds any of `unwanted`. */
export function expectNoText(
  text: string,
  ...unwanted: Array<string | RegExp>
) {
  for (const u of unwanted) {
    const found = typeof u === 'string' ? text.includes(u) : u.test(text);
    if (found)
      throw new Error(
        `expected the page not to show ${u}; it shows:\n${text.slice(0, 1500)}`,
      );
  }
}

/** The okteto-dev card of the entity page open in `page`. */
export function card(page: Page) {
  return page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Dev environment' })
    .first();
}

/** The card's visible text, once it and its open sections have loaded (no skeleton). */
export async function cardText(page: Page): Promise<string> {
  const root = card(page);
  await root.getByText('Readiness checklist').waitFor({ timeout: 60_000 });
  await eventually(
    async () => {
      const loading = await root.getByTestId('okteto-dev-loading-part').count();
      if (loading > 0)
        throw new Error(`${loading} part(s) of the card still loading`);
    },
    30_000,
    100,
  );
  return root.innerText();
}

/** Opens the catalog page of component `name` and returns its card's text. */
export async function openEntity(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/catalog/default/component/${name}`);
  return cardText(page);
}

/** Enters as guest when the app shows a sign-in page; create-app's app may sign in by itself. */
export async function signIn(page: Page, baseUrl: string) {
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
