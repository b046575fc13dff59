#!/usr/bin/env node
/*
 * Screenshots of the "Dev environments" page from the dev app (`npm start` in this folder must be
 * serving it), in the system's Chromium: node dev/screenshot-page.mjs [baseUrl] [lang]. PNGs go
 * to /tmp/okteto-page-<lang>-<width>.png, at 1000 and 1440 px wide, the whole page.
 */
import { chromium } from 'playwright-core';

const [baseUrl = 'http://localhost:7007', lang = 'en'] = process.argv.slice(2);
const widths = [1000, 1440];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // no auth backend here: take the guest sign-in's offer of a local guest token
    page.on('dialog', dialog => dialog.accept());
    page.on('pageerror', error => process.stderr.write(`${error.message}\n`));
    await page.goto(`${baseUrl}/dev-environments?lang=${lang}`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const table = page.getByRole('table');
    await table.or(enter).first().waitFor({ timeout: 60_000 });
    if (await enter.isVisible()) await enter.click();
    await table.waitFor({ timeout: 60_000 });
    const file = `/tmp/okteto-page-${lang}-${width}.png`;
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
