#!/usr/bin/env node
/*
 * Screenshots of the "Dev environments" page from the dev app (`npm start` in this folder must be
 * serving it), in the system's Chromium: node dev/screenshot-page.mjs [baseUrl] [lang]. PNGs go
 * to /tmp/okteto-page-<lang>-<width>.png, at 1000 and 1440 px wide, the whole page.
 */
import { launchChromium, newGuestPage, openAsGuest } from './chromium.mjs';

const [baseUrl = 'http://localhost:7007', lang = 'en'] = process.argv.slice(2);
const widths = [1000, 1440];

const browser = await launchChromium();
try {
  for (const width of widths) {
    const page = await newGuestPage(browser, {
      viewport: { width, height: 900 },
    });
    page.on('pageerror', error => process.stderr.write(`${error.message}\n`));
    await openAsGuest(
      page,
      `${baseUrl}/dev-environments?lang=${lang}`,
      page.getByRole('table'),
    );
    const file = `/tmp/okteto-page-${lang}-${width}.png`;
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
