#!/usr/bin/env node
/*
 * Screenshots of the card from the dev app (`npm start` in this folder must be serving it), in
 * the system's Chromium: node dev/screenshot.mjs [baseUrl] [scenario...]. PNGs go to
 * /tmp/okteto-card-<scenario>-<width>.png, at 450 px (a half-width entity card) and full width.
 * `<scenario>+<Section>` opens that section first (e.g. healthyOff+Commands).
 */
import { launchChromium, newGuestPage, openAsGuest } from './chromium.mjs';

const [baseUrl = 'http://localhost:7007', ...names] = process.argv.slice(2);
const scenarios = names.length
  ? names
  : ['conflictAutoSync', 'abandoned', 'brokenFailedCreate'];
const widths = ['450', 'full'];

const browser = await launchChromium();
try {
  const page = await newGuestPage(browser, {
    viewport: { width: 1280, height: 900 },
  });
  for (const name of scenarios) {
    const [scenario, ...sections] = name.split('+');
    for (const width of widths) {
      const frame = page.getByTestId('card-frame');
      await openAsGuest(
        page,
        `${baseUrl}/okteto-dev?scenario=${scenario}&width=${width}`,
        frame,
      );
      await frame.getByRole('group').first().waitFor({ timeout: 60_000 });
      for (const section of sections) {
        const header = frame.getByRole('button', {
          name: new RegExp(`^${section}`),
        });
        if ((await header.getAttribute('aria-expanded')) !== 'true') {
          await header.click();
        }
        await frame
          .getByRole('button', {
            name: new RegExp(`^${section}`),
            expanded: true,
          })
          .waitFor();
      }
      // open sections load their bodies after the card: shoot once none is a skeleton
      const loading = frame.getByTestId('okteto-dev-loading-part');
      while ((await loading.count()) > 0) await page.waitForTimeout(50);
      const file = `/tmp/okteto-card-${[scenario, ...sections].join(
        '-',
      )}-${width}.png`.replace(/[^\w/.-]/g, '');
      await frame.screenshot({ path: file });
      process.stdout.write(`${file}\n`);
    }
  }
} finally {
  await browser.close();
}
