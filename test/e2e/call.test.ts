import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { endScreenCaptureLikeTheBrowserBar, findDeepSource, pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { citizenEntersWaitingRoom, employeeSignsIn, startCall, type CallPair } from './support/journey.js';
import { wcag22Tags } from './support/phone.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';

// Plain JavaScript for the page, as in call-probe.ts. Every 10 ms from admission on, notes any moment
// the citizen's own controls or tile claim camera or microphone are off.
const watchOwnStateScript = `(() => {
  ${findDeepSource}
  window.__ownState = { samples: 0, wrong: [] };
  setInterval(() => {
    const call = findDeep(document, 'balie-call');
    if (!call || !call.shadowRoot) return;
    const controls = call.shadowRoot.querySelector('[part~="controls"]');
    const own = call.shadowRoot.querySelector('figure.local figcaption');
    if (!controls) return;
    window.__ownState.samples += 1;
    const seen = controls.textContent + ' | ' + (own ? own.textContent : '') + ' | ' + call.room.state + ' ' + [...call.room.localParticipant.trackPublications.values()].map((p) => p.source + (p.isMuted ? ':muted' : '') + (p.track ? '' : ':notrack')).join(',');
    if (/Microfoon aanzetten|Camera aanzetten|alleen geluid/.test(seen)) window.__ownState.wrong.push(seen.replace(/\\s+/g, ' '));
  }, 10);
})()`;

/** Shares the sharer's screen until the viewer decodes a frame of it; see the screen share test. */
async function shareUntilSeen(sharer: Page, viewer: Page): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await sharer.bringToFront();
    await sharer.getByRole('button', { name: 'Scherm delen' }).click();
    await sharer.getByText('U deelt uw scherm.').waitFor();
    // The viewer looks at their own screen. livekit-client's adaptiveStream pauses a video that
    // is not visible, and a page left in the background would never ask for the share's frames.
    await viewer.bringToFront();
    try {
      await pollUntil(() => probeRemoteMedia(viewer), (p) => (p.framesBySource.screen_share ?? 0) > 0, 'screen share frames', 20_000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
    await sharer.getByRole('button', { name: 'Stoppen met scherm delen' }).click();
    await pollUntil(() => probeRemoteMedia(viewer), (p) => !p.sources.includes('screen_share'), 'screen share stopped before retry');
  }
}

describe('the call: chat, screen share, volume, reconnect', () => {
  let stack: Stack;
  let chromium: TestBrowser;
  let call: CallPair | undefined;

  before(async () => {
    await chromiumPath();
    stack = await startStack({ livekitBin: await livekitBin() });
    chromium = await launchChromium();
  });

  afterEach(async () => {
    await call?.close();
    call = undefined;
  });

  after(async () => {
    await chromium?.close();
    await stack?.close();
  });

  it("shows the citizen's camera and microphone as on from the moment of admission", async () => {
    const contexts = [await chromium.browser.newContext(), await chromium.browser.newContext()];
    call = { citizen: await contexts[0].newPage(), employee: await contexts[1].newPage(), close: async () => void (await Promise.all(contexts.map((c) => c.close()))) };
    const { citizen, employee } = call;
    await citizenEntersWaitingRoom(citizen, stack);
    await citizen.evaluate(watchOwnStateScript);
    await employeeSignsIn(employee, stack);
    await employee.getByRole('button', { name: /Toelaten/ }).first().click();
    // Until the employee decodes frames the citizen's camera is surely published; then one more second.
    const decoded = await pollUntil(() => probeRemoteMedia(employee), (p) => p.framesDecoded > 0, 'employee sees the citizen');
    await pollUntil(() => probeRemoteMedia(employee), (p) => p.framesDecoded > decoded.framesDecoded + 25, 'a second of frames');
    const seen = (await citizen.evaluate('window.__ownState')) as { samples: number; wrong: string[] };
    assert.ok(seen.samples > 20, `the citizen's controls were sampled ${seen.samples} times`);
    assert.deepEqual([...new Set(seen.wrong)], [], 'the citizen saw camera or microphone as off');
    await citizen.getByRole('button', { name: 'Camera uitzetten' }).click();
    await citizen.getByRole('button', { name: 'Camera aanzetten' }).waitFor();
  });

  it('carries chat both ways and shows hostile text as inert text', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen, employee } = call;
    const hostile = '<img src=x onerror="window.__pwned=1"> javascript:window.__pwned=2 https://evil.example/x';

    await citizen.getByLabel('Uw bericht').fill(hostile);
    await citizen.getByRole('button', { name: 'Versturen' }).click();
    const received = employee.getByRole('log').getByText(hostile, { exact: false });
    await received.waitFor();
    assert.equal(await received.textContent().then((t) => t?.includes('<img src=x onerror=')), true, 'text altered');
    const log = employee.getByRole('log');
    assert.equal(await log.locator('img').count(), 0, 'an <img> was rendered from chat text');
    assert.equal(await log.getByRole('link').count(), 0, 'a link was made from a disallowed URL');
    assert.equal(await employee.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);

    // The employee sends a prepared link; the citizen can follow it because the domain is allowed.
    await employee.getByRole('button', { name: 'Stuur: Zaal huren' }).click();
    const link = citizen.getByRole('log').getByRole('link', { name: 'https://www.voorbeeldstad.nl/zaal-huren' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), 'https://www.voorbeeldstad.nl/zaal-huren');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    await citizen.getByRole('log').getByText('Medewerker').first().waitFor();
  });

  it('counts unread messages while the chat is hidden', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen, employee } = call;
    await employee.getByRole('button', { name: 'Chat verbergen' }).click();
    await citizen.getByLabel('Uw bericht').fill('Hallo, hoort u mij?');
    await citizen.getByRole('button', { name: 'Versturen' }).click();
    await employee.getByRole('button', { name: 'Chat tonen (1 nieuw)' }).click();
    await employee.getByRole('log').getByText('Hallo, hoort u mij?').waitFor();
    await employee.getByRole('button', { name: 'Chat verbergen' }).waitFor();
  });

  it('shares a screen from citizen to employee and back', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen, employee } = call;
    for (const [sharer, viewer, stopFrom] of [
      [citizen, employee, 'control'],
      [employee, citizen, 'browser bar'],
    ] as const) {
      // The test browser's picker shares a tab (see support/browser.ts): headless Chromium's fake
      // "Entire screen" hardly changes, and a still screen sends a first burst of frames and then
      // nothing (livekit-server logs FEED_DRY). Should a viewer still see nothing, the sharer does
      // what a person would — stops and shares again, at most three times. The condition is the
      // issue's: a remote track whose source is screen_share, with frames decoded.
      await shareUntilSeen(sharer, viewer);
      await viewer.getByText(/Scherm van/).waitFor();
      if (stopFrom === 'control') await sharer.getByRole('button', { name: 'Stoppen met scherm delen' }).click();
      else assert.ok(await endScreenCaptureLikeTheBrowserBar(sharer), 'no screen capture to end');
      await pollUntil(() => probeRemoteMedia(viewer), (p) => !p.sources.includes('screen_share'), `screen share stopped from the ${stopFrom}`);
      await sharer.getByRole('button', { name: 'Scherm delen' }).waitFor();
    }
  });

  it("lets each side turn the other's voice up or down", async () => {
    call = await startCall(chromium.browser, stack);
    const { employee } = call;
    const audio = employee.locator('balie-call audio');
    await audio.waitFor({ state: 'attached' });
    assert.equal(await audio.evaluate((el: HTMLAudioElement) => el.volume), 1);
    await employee.getByRole('slider', { name: 'Volume van inwoner' }).fill('30');
    await pollUntil(() => audio.evaluate((el: HTMLAudioElement) => el.volume), (v) => Math.abs(v - 0.3) < 0.01, 'volume 0.3');
  });

  it('says when the network drops and carries on without a reload when it is back', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen, employee } = call;
    const context = citizen.context();
    await context.setOffline(true);
    await citizen.getByText('De verbinding is even weg').waitFor({ timeout: 15_000 });
    // Five seconds offline, as in the issue: long enough for the signalling connection to drop.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await context.setOffline(false);
    await citizen.getByText('De verbinding is even weg').waitFor({ state: 'detached', timeout: 30_000 });
    for (const page of [citizen, employee]) {
      const before = await probeRemoteMedia(page);
      await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > before.framesDecoded + 10, 'frames after reconnect');
    }
  });

  it('fits a 320 px wide phone without sideways scrolling', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen } = call;
    await citizen.setViewportSize({ width: 320, height: 640 });
    await citizen.getByRole('button', { name: 'Ophangen' }).waitFor();
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls ${overflow}px sideways at 320px`);
    const leave = await citizen.getByRole('button', { name: 'Ophangen' }).boundingBox();
    assert.ok(leave && leave.height >= 44 && leave.x + leave.width <= 320, `hang-up button: ${JSON.stringify(leave)}`);
  });

  it('has no WCAG 2.2 AA violations in the call, citizen and employee side', async () => {
    call = await startCall(chromium.browser, stack);
    for (const page of [call.citizen, call.employee]) {
      const results = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
      assert.deepEqual(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`),
        [],
      );
    }
  });
});
