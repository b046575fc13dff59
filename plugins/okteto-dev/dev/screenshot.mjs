#!/usr/bin/env node
/*
 * Screenshots of the card from the dev app (`npm start` in this folder must be serving it), in
 * the system's Chromium:
 *   node dev/screenshot.mjs [baseUrl] [--lang=en,ru] [--widths=450,full] [--out=/tmp] [scenario...]
 * PNGs go to <out>/okteto-card-<scenario>[-<lang>]-<width>.png (the language only when not
 * English), at 450 px (a half-width entity card) and full width by default. A scenario is a fixture
 * of src/testing/scenarios.ts or an error of `errorScenarios` (refused, contested, ...);
 * `<scenario>+<Section>` opens that section first (e.g. healthyOff+Commands, in the page's
 * language), `<scenario>+all` opens every section.
 */
import { launchChromium, newGuestPage, openAsGuest } from './chromium.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) =>
  args.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ??
  fallback;
const positional = args.filter(a => !a.startsWith('--'));
const baseUrl = positional[0]?.startsWith('http')
  ? positional.shift()
  : 'http://localhost:7007';
const scenarios = positional.length
  ? positional
  : ['conflictAutoSync', 'abandoned', 'brokenFailedCreate'];
const widths = flag('widths', '450,full').split(',');
const languages = flag('lang', 'en').split(',');
const out = flag('out', '/tmp');

/** Opens the section headed `title`, or every section for `all`, and waits until each is open. */
async function openSections(frame, title) {
  const headers =
    title === 'all'
      ? frame.locator('section > h3 > button')
      : frame.getByRole('button', { name: new RegExp(`^${title}`) });
  for (const header of await headers.all()) {
    if ((await header.getAttribute('aria-expanded')) !== 'true') {
      await header.click();
    }
  }
}

const browser = await launchChromium();
try {
  for (const lang of languages) {
    // a context of its own per language: the app keeps the language it showed in localStorage
    const page = await newGuestPage(browser, {
      viewport: { width: 1280, height: 900 },
    });
    page.on('pageerror', error => process.stderr.write(`${error.message}\n`));
    for (const name of scenarios) {
      const [scenario, ...sections] = name.split('+');
      for (const width of widths) {
        const frame = page.getByTestId('card-frame');
        await openAsGuest(
          page,
          `${baseUrl}/okteto-dev?scenario=${scenario}&width=${width}&lang=${lang}`,
          frame,
        );
        // the card's answer (a status, a refused or contested target, a denial), then the parts
        // that load after it (open sections, okteto down): shoot once nothing is busy
        const busy = frame.locator('[aria-busy="true"]');
        const settled = async () => {
          await frame
            .locator('.MuiCardHeader-root')
            .first()
            .waitFor({ timeout: 60_000 });
          for (let i = 0; (await busy.count()) > 0; i++) {
            if (i > 1200) throw new Error(`${scenario}: still loading`);
            await page.waitForTimeout(50);
          }
        };
        await settled();
        for (const section of sections) await openSections(frame, section);
        await settled();
        // the copy buttons' tooltips and the focus ring would show in the picture
        await page.mouse.move(0, 0);
        await page.evaluate(() => document.activeElement?.blur());
        const file = `${out}/okteto-card-${[scenario, ...sections].join('-')}${
          lang === 'en' ? '' : `-${lang}`
        }-${width}.png`.replace(/[^\w/.-]/g, '');
        await frame.screenshot({ path: file });
        process.stdout.write(`${file}\n`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
