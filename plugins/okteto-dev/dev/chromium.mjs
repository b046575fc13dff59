/*
 * What the dev screenshot scripts share: the system's Chromium (never a downloaded one) and the
 * dev app's guest sign-in.
 */
import { chromium } from 'playwright-core';

/**
 * The system's Chromium (or `CHROMIUM_PATH`, as for the browser tests), headless, with the flags
 * that keep it quiet on a build machine.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * A new page of the dev app. No auth backend here: the guest sign-in's offer of a local guest
 * token (a dialog) is accepted.
 */
export async function newGuestPage(browser, options) {
  const page = await browser.newPage(options);
  page.on('dialog', dialog => dialog.accept());
  return page;
}

/** Goes to `url` and waits for `ready` (a locator), signing in as guest when the app asks first. */
export async function openAsGuest(page, url, ready) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  await ready.or(enter).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) await enter.click();
  await ready.first().waitFor({ timeout: 60_000 });
}
