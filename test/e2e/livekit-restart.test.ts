import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { startCall, type CallPair } from './support/journey.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';

/** What both sides read while the media server is away. */
const lostText = 'De verbinding is even weg. We proberen het opnieuw…';

/** Each side sees the other's camera again: frames decoded keep growing, without a reload. */
async function mediaFlowsAgain(pages: Page[]): Promise<void> {
  for (const page of pages) {
    const before = await probeRemoteMedia(page);
    await pollUntil(
      () => probeRemoteMedia(page),
      (p) => p.videoWidth > 0 && p.framesDecoded > before.framesDecoded + 10,
      'remote camera frames after the restart',
      40_000,
    );
  }
}

describe('livekit-server restarted during a call', () => {
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

  for (const how of ['crash', 'shutdown'] as const) {
    const what =
      how === 'crash'
        ? 'killed (connections just drop)'
        : 'shut down (it closes the room and tells everyone to leave)';
    it(`is noticed on both sides and the call comes back by itself when it was ${what}`, async () => {
      call = await startCall(chromium.browser, stack);
      const { citizen, employee } = call;
      await stack.livekit.restart({
        how,
        whileDown: async () => {
          await citizen.getByText(lostText).waitFor({ timeout: 20_000 });
          await employee.getByText(lostText).waitFor({ timeout: 20_000 });
        },
      });
      await mediaFlowsAgain([citizen, employee]);
      for (const page of [citizen, employee]) {
        await page.getByText(lostText).waitFor({ state: 'detached', timeout: 20_000 });
      }
      // Still the same call on the employee's side: the citizen's ticket was not ended.
      await employee.getByRole('heading', { name: 'In gesprek' }).waitFor();
      assert.equal(await citizen.getByRole('button', { name: 'Ophangen' }).count(), 1);
    });
  }
});
