import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error -- plain ESM script without type declarations
import { chromiumFlags, fakeMediaUiFlag } from '../../../scripts/chromium-flags.mjs';

/** Flags that work on this machine (see shared/TESTING.md): headless, root, no network. */
const baseArgs = [
  '--headless=new',
  ...chromiumFlags,
  // The picker chooses a tab (both test pages have live video, so the picture keeps changing);
  // headless Chromium's fake "Entire screen" hardly changes, and a still screen sends no frames.
  '--auto-select-tab-capture-source-by-title=—',
  '--auto-accept-this-tab-capture',
  // Headless Chromium otherwise refuses to play remote audio without a click on that exact page.
  '--autoplay-policy=no-user-gesture-required',
];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with fake camera and microphone. `grantMedia: false` leaves permission
 * prompts to Playwright, which denies what a context was not granted — how a test denies a camera.
 */
export async function launchChromium(
  options: { grantMedia?: boolean; extraArgs?: string[] } = {},
): Promise<TestBrowser> {
  // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir).
  const args = [...baseArgs, ...(options.extraArgs ?? [])];
  if (options.grantMedia !== false) args.push(fakeMediaUiFlag);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args,
    ignoreDefaultArgs: ['--headless'],
  });
  return {
    browser,
    close: () => browser.close().catch(() => undefined),
  };
}
