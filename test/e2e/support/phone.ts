import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { findDeepSource } from './call-probe.js';

/** axe's rule sets for WCAG 2.2 A and AA, with its best practices. */
export const wcag22Tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's WCAG 2.2 AA violations on the page, as `rule: targets` lines (empty when none). */
export async function wcag22Violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * An Android phone in portrait as Playwright emulates it (mobile viewport and user agent, touch,
 * device pixel ratio 3): the phone most citizens call the municipality from.
 */
export const androidPhone: BrowserContextOptions = {
  viewport: { width: 412, height: 839 },
  screen: { width: 412, height: 915 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
};

/**
 * What a phone does that a headless browser cannot show, recorded so a test can read it: the page
 * going to the background (a headless page is always "visible"; the phone's app switcher is
 * simulated through `document.visibilityState` and its `visibilitychange` event), the vibration
 * motor and the loudspeaker's tones. The page's own code runs unchanged.
 */
const phoneSenses = `(() => {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__phone = { vibrations: [], tones: 0, setHidden(value) { hidden = value; document.dispatchEvent(new Event('visibilitychange')); } };
  const vibrate = Navigator.prototype.vibrate;
  Navigator.prototype.vibrate = function (pattern) { window.__phone.vibrations.push(pattern); return vibrate ? vibrate.call(this, pattern) : true; };
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__phone.tones += 1; return start.apply(this, args); };
})()`;

/** A new phone (own context) with {@link phoneSenses} installed on every page. */
export async function newPhone(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...androidPhone, ...options });
  await context.addInitScript(phoneSenses);
  return { context, page: await context.newPage() };
}

/** The citizen switches to another app (`true`) or back (`false`). */
export function sendToBackground(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate((value) => (window as unknown as { __phone: { setHidden(v: boolean): void } }).__phone.setHidden(value), hidden);
}

/** What the phone did to get the citizen's attention so far. */
export function attentionSignals(page: Page): Promise<{ vibrations: unknown[]; tones: number }> {
  return page.evaluate(() => {
    const { vibrations, tones } = (window as unknown as { __phone: { vibrations: unknown[]; tones: number } }).__phone;
    return { vibrations, tones };
  });
}

/** Whether the element `tag` (found through shadow roots) holds the screen on right now. */
export function holdsScreenOn(page: Page, tag: string): Promise<boolean> {
  return page.evaluate(`(() => {
    ${findDeepSource}
    const el = findDeep(document, ${JSON.stringify(tag)});
    return !!(el && el.wakeLock && el.wakeLock.held);
  })()`) as Promise<boolean>;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CallLayout {
  viewport: { width: number; height: number };
  pageWidth: number;
  /** The call's own region (the municipal page around it has its margins). */
  call: Box;
  remote?: Box;
  local?: Box;
  /** Every control button, with its box after scrolling the controls into view. */
  controls: Array<Box & { name: string }>;
}

/** Where the call's parts are on screen, measured as the citizen sees them. */
export function measureCallLayout(page: Page): Promise<CallLayout> {
  return page.evaluate(`(() => {
    ${findDeepSource}
    const call = findDeep(document, 'balie-call');
    const root = call.shadowRoot;
    const box = (el) => { if (!el) return undefined; const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
    const controls = root.querySelector('[part~="controls"]');
    controls.scrollIntoView({ block: 'end' });
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      pageWidth: document.documentElement.scrollWidth,
      call: box(root.querySelector('[part~="call"]')),
      remote: box(root.querySelector('figure.remote:not(.screen)')),
      local: box(root.querySelector('figure.local')),
      controls: [...controls.querySelectorAll('button')].map((b) => ({ name: b.textContent.trim(), ...box(b) })),
    };
  })()`) as Promise<CallLayout>;
}

/**
 * Chromium's fake capture with two cameras, as a phone has a front and a back one (the fakes are
 * named `fake_device_0` and `fake_device_1` and report no facing mode).
 */
export const twoCameras = '--use-fake-device-for-media-stream=device-count=2';

/** The label of the camera the citizen's page shows in its preview, or publishes in the call. */
export function cameraInUse(page: Page, where: 'preview' | 'call'): Promise<string | undefined> {
  return page.evaluate(`(() => {
    ${findDeepSource}
    if (${JSON.stringify(where)} === 'preview') {
      const video = findDeep(document, 'video[part~="preview"]');
      const track = video && video.srcObject && video.srcObject.getVideoTracks()[0];
      return track ? track.label : undefined;
    }
    const call = findDeep(document, 'balie-call');
    const publication = call && call.room.localParticipant.getTrackPublication('camera');
    return publication && publication.track ? publication.track.mediaStreamTrack.label : undefined;
  })()`) as Promise<string | undefined>;
}

/** A slow mobile line: about 400 kbit/s each way and a 400 ms round trip. */
export const slowMobileLine = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

/** Puts the page on {@link slowMobileLine} through the DevTools protocol. */
export async function throttle(page: Page, conditions = slowMobileLine): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
}
