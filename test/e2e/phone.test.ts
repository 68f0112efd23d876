import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { employeeSignsIn } from './support/journey.js';
import {
  attentionSignals,
  cameraInUse,
  holdsScreenOn,
  measureCallLayout,
  newPhone,
  sendToBackground,
  throttle,
  twoCameras,
  wcag22Violations,
  type CallLayout,
} from './support/phone.js';
import { useStack } from './support/use-stack.js';

/** The citizen on a phone, by tap: Videobellen, the camera check, into the waiting room. */
async function tapIntoWaitingRoom(page: Page, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/paspoort.html`);
  await page.getByRole('button', { name: 'Videobellen' }).waitFor();
  assert.deepEqual(await wcag22Violations(page), [], 'axe WCAG 2.2 AA at the launcher on a phone');
  await page.getByRole('button', { name: 'Videobellen' }).tap();
  await page.getByRole('heading', { name: 'Controleer uw camera en microfoon' }).waitFor();
  // The citizen turns the phone round to show the back camera, and keeps it for the call.
  await pollUntil(() => cameraInUse(page, 'preview'), (label) => label === 'fake_device_0', 'the front camera in the preview');
  assert.deepEqual(await wcag22Violations(page), [], 'axe WCAG 2.2 AA in the camera check on a phone');
  await page.getByRole('button', { name: 'Camera wisselen' }).tap();
  await pollUntil(() => cameraInUse(page, 'preview'), (label) => label === 'fake_device_1', 'the back camera in the preview');
  await page.getByRole('button', { name: 'Naar de wachtkamer' }).tap();
  await page.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor();
}

/** The other person large, oneself small in a corner of them, every control on screen and big enough. */
function assertPhoneCallLayout(layout: CallLayout, what: string): void {
  const { viewport, remote, local, controls } = layout;
  assert.ok(layout.pageWidth <= viewport.width, `${what}: the page scrolls sideways (${layout.pageWidth} > ${viewport.width})`);
  assert.ok(remote && local, `${what}: both pictures are on screen`);
  assert.ok(remote.width >= layout.call.width * 0.95, `${what}: the other person is not large: ${JSON.stringify({ remote, call: layout.call })}`);
  assert.ok(layout.call.width >= viewport.width * 0.75, `${what}: the call uses a strip of the phone: ${JSON.stringify(layout.call)}`);
  assert.ok(local.width <= remote.width * 0.4, `${what}: one's own picture is not small: ${JSON.stringify(local)}`);
  const inside = local.x >= remote.x && local.y >= remote.y && local.x + local.width <= remote.x + remote.width + 1 && local.y + local.height <= remote.y + remote.height + 1;
  assert.ok(inside, `${what}: one's own picture is not in a corner of the other's: ${JSON.stringify({ remote, local })}`);
  for (const control of controls) {
    assert.ok(control.height >= 44 && control.width >= 44, `${what}: "${control.name}" is smaller than a thumb: ${JSON.stringify(control)}`);
    assert.ok(control.x >= 0 && control.x + control.width <= viewport.width, `${what}: "${control.name}" is off screen sideways`);
    assert.ok(control.y >= 0 && control.y + control.height <= viewport.height + 1, `${what}: "${control.name}" is under the browser's bars`);
  }
}

describe('the walk-in journey on a phone (issue #18)', () => {
  const fixture = useStack({}, { extraArgs: [twoCameras] });

  it('by tap in portrait: back camera, screen kept on, admitted in the background, the call fits and survives rotation', async () => {
    const { stack, chromium } = fixture;
    const phone = await newPhone(chromium.browser);
    const employeeContext = await chromium.browser.newContext();
    const citizen = phone.page;
    const employee = await employeeContext.newPage();
    try {
      await tapIntoWaitingRoom(citizen, stack.siteUrl);
      await citizen.getByText('U bent de volgende').waitFor();
      assert.deepEqual(await wcag22Violations(citizen), [], 'axe WCAG 2.2 AA in the waiting room on a phone');
      await pollUntil(() => holdsScreenOn(citizen, 'balie-waiting-room'), Boolean, 'screen wake lock in the waiting room');

      // The citizen switches to another app. Their place is kept: the employee still sees them.
      const title = await citizen.title();
      await sendToBackground(citizen, true);
      await employeeSignsIn(employee, stack);
      const admit = employee.getByRole('button', { name: /Toelaten/ });
      await admit.waitFor();
      assert.equal(await admit.count(), 1, 'the citizen in the background lost their place');
      await admit.click();

      // The phone asks for attention: title, chime, vibration. The call waits for the citizen.
      await pollUntil(() => citizen.title(), (t) => t === `Het is uw beurt — ${title}`, 'the page title saying it is their turn');
      const signals = await pollUntil(() => attentionSignals(citizen), (s) => s.tones > 0 && s.vibrations.length > 0, 'chime and vibration');
      assert.ok(signals.tones >= 2, `the chime played ${signals.tones} tones`);
      assert.equal(await citizen.locator('balie-call').count(), 0, 'the call started in a page the citizen cannot see');

      await sendToBackground(citizen, false);
      await pollUntil(() => probeRemoteMedia(citizen), (p) => p.framesDecoded > 0 && p.videoWidth > 0, 'the call after returning');
      assert.equal(await citizen.title(), title, 'the page title was not put back');
      await pollUntil(() => holdsScreenOn(citizen, 'balie-call'), Boolean, 'screen wake lock in the call');

      // The camera chosen in the check is the one in the call; switching in the call keeps it going.
      assert.equal(await cameraInUse(citizen, 'call'), 'fake_device_1', 'the call opened another camera than the one chosen');
      await citizen.getByRole('button', { name: 'Camera wisselen' }).tap();
      await pollUntil(() => cameraInUse(citizen, 'call'), (label) => label === 'fake_device_0', 'the front camera in the call');
      const seen = await probeRemoteMedia(employee);
      await pollUntil(() => probeRemoteMedia(employee), (p) => p.framesDecoded > seen.framesDecoded + 10, 'the employee seeing the switched camera');

      // Portrait at 412 px and at 320 px, then the phone turned on its side.
      await pollUntil(() => measureCallLayout(citizen), (l) => !!l.local && !!l.remote, 'both pictures');
      assertPhoneCallLayout(await measureCallLayout(citizen), 'portrait 412 px');
      assert.deepEqual(await wcag22Violations(citizen), [], 'axe WCAG 2.2 AA in the call on a phone');
      await citizen.setViewportSize({ width: 320, height: 640 });
      assertPhoneCallLayout(await measureCallLayout(citizen), 'portrait 320 px');
      await citizen.setViewportSize({ width: 839, height: 412 });
      const landscape = await measureCallLayout(citizen);
      assert.ok(landscape.pageWidth <= landscape.viewport.width, 'landscape scrolls sideways');
      for (const control of landscape.controls) {
        assert.ok(control.y >= 0 && control.y + control.height <= landscape.viewport.height + 1, `landscape: "${control.name}" off screen: ${JSON.stringify(landscape)}`);
      }
      const before = await probeRemoteMedia(citizen);
      await pollUntil(() => probeRemoteMedia(citizen), (p) => p.framesDecoded > before.framesDecoded + 10, 'the call going on after rotating');
      await citizen.setViewportSize({ width: 412, height: 839 });
      assertPhoneCallLayout(await measureCallLayout(citizen), 'portrait again');

      // And back out, by tap: hang up, answer the one question.
      await citizen.getByRole('button', { name: 'Ophangen' }).tap();
      await citizen.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor();
      await citizen.getByRole('group', { name: 'Hoe was het gesprek?' }).getByText('Goed', { exact: true }).tap();
      await citizen.getByRole('button', { name: 'Versturen' }).tap();
      await citizen.getByText('Bedankt voor uw mening.').waitFor();
      assert.deepEqual(await wcag22Violations(citizen), [], 'axe WCAG 2.2 AA after the feedback on a phone');
    } finally {
      await phone.context.close();
      await employeeContext.close();
    }
  });

  it('on a slow mobile line the citizen joins, hears and is heard, and is told the line is slow', async () => {
    const { stack, chromium } = fixture;
    const phone = await newPhone(chromium.browser);
    const employeeContext = await chromium.browser.newContext();
    const citizen = phone.page;
    const employee = await employeeContext.newPage();
    try {
      await throttle(citizen);
      await citizen.goto(`${stack.siteUrl}/paspoort.html`);
      await citizen.getByRole('button', { name: 'Videobellen' }).tap();
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).tap();
      await citizen.getByText('U bent de volgende').waitFor({ timeout: 30_000 });
      await employeeSignsIn(employee, stack);
      await employee.getByRole('button', { name: /Toelaten/ }).click();
      // Sound both ways: audio bytes arriving and growing on each side.
      for (const page of [citizen, employee]) {
        const first = await pollUntil(() => probeRemoteMedia(page), (p) => p.audioBytes > 0, 'first audio', 60_000);
        await pollUntil(() => probeRemoteMedia(page), (p) => p.audioBytes > first.audioBytes + 4_000, 'audio flowing', 30_000);
      }
      await citizen.getByText('Uw verbinding is traag').waitFor({ timeout: 60_000 });
    } finally {
      await phone.context.close();
      await employeeContext.close();
    }
  });
});
