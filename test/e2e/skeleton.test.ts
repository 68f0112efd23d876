import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { citizenEntersWaitingRoom, employeeSignsIn } from './support/journey.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';

const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\./;

/** Every response body the citizen's browser got from the balie server, in order. */
function recordBalieResponses(page: Page, balieUrl: string): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(balieUrl) || response.url().includes('/events')) return;
    bodies.push(await response.text().catch(() => ''));
  });
  return bodies;
}

describe('walking skeleton: script tag → waiting room → admitted → call', () => {
  let stack: Stack;
  let chromium: TestBrowser;
  let citizen: BrowserContext;
  let employee: BrowserContext;

  before(async () => {
    await chromiumPath();
    stack = await startStack({ livekitBin: await livekitBin() });
    chromium = await launchChromium();
  });

  after(async () => {
    await chromium?.close();
    await stack?.close();
  });

  it('a citizen waits, is admitted, and both see and hear each other', async (t) => {
    citizen = await chromium.browser.newContext();
    employee = await chromium.browser.newContext();
    const citizenPage = await citizen.newPage();
    const employeePage = await employee.newPage();
    const citizenResponses = recordBalieResponses(citizenPage, stack.balieUrl);

    assert.notEqual(new URL(stack.siteUrl).origin, new URL(stack.balieUrl).origin, 'site and balie share an origin');
    await citizenEntersWaitingRoom(citizenPage, stack);
    await citizenPage.getByText('U bent de volgende').waitFor();

    await employeeSignsIn(employeePage, stack);
    const admit = employeePage.getByRole('button', { name: /Toelaten/ });
    await admit.waitFor();
    assert.equal(await admit.count(), 1, 'one citizen waiting');

    // Before admission: no LiveKit token in anything the citizen received, and no room exists.
    assert.ok(!citizenResponses.some((body) => JWT.test(body)), 'a token reached the citizen before admission');
    const rooms = await fetch(`${stack.livekit.httpUrl}/twirp/livekit.RoomService/ListRooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await listRoomsToken(stack)}` },
      body: '{}',
    }).then((r) => r.json() as Promise<{ rooms?: unknown[] }>);
    assert.equal(rooms.rooms?.length ?? 0, 0, 'a LiveKit room exists before admission');

    const admittedAt = Date.now();
    await admit.click();

    const firstFrame = async (page: Page) => {
      await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0 && p.videoWidth > 0, 'first remote frame');
      return Date.now() - admittedAt;
    };
    const [citizenMs, employeeMs] = await Promise.all([firstFrame(citizenPage), firstFrame(employeePage)]);
    t.diagnostic(`Toelaten → first remote frame: citizen ${citizenMs} ms, employee ${employeeMs} ms`);
    assert.ok(citizenResponses.some((body) => JWT.test(body)), 'the citizen got a token after admission');

    // Media keeps flowing both ways: frames decoded and audio bytes grow on each side.
    for (const page of [citizenPage, employeePage]) {
      const before = await probeRemoteMedia(page);
      assert.ok(before.sources.includes('camera') && before.sources.includes('microphone'), `sources: ${before.sources}`);
      await pollUntil(
        () => probeRemoteMedia(page),
        (now) => now.framesDecoded > before.framesDecoded + 10 && now.audioBytes > before.audioBytes,
        'media growing',
      );
    }

    // The citizen hangs up; the employee sees that the call ended.
    await citizenPage.getByRole('button', { name: 'Ophangen' }).click();
    await citizenPage.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor();
    await employeePage.getByText('Het gesprek is beëindigd').waitFor({ timeout: 15_000 });

    // One question afterwards, answered by choosing a label and sending.
    await citizenPage.getByRole('group', { name: 'Hoe was het gesprek?' }).getByLabel('Goed', { exact: true }).check();
    await citizenPage.getByLabel('Wilt u nog iets zeggen?').fill('Snel geholpen, dank!');
    await citizenPage.getByRole('button', { name: 'Versturen' }).click();
    await citizenPage.getByText('Bedankt voor uw mening.').waitFor();
    await citizen.close();
    await employee.close();
  });

  it('the employee ends the call and the citizen sees it ended', async () => {
    citizen = await chromium.browser.newContext();
    employee = await chromium.browser.newContext();
    const citizenPage = await citizen.newPage();
    const employeePage = await employee.newPage();
    await citizenEntersWaitingRoom(citizenPage, stack);
    await employeeSignsIn(employeePage, stack);
    await employeePage.getByRole('button', { name: /Toelaten/ }).click();
    await pollUntil(() => probeRemoteMedia(employeePage), (p) => p.framesDecoded > 0, 'employee sees citizen');
    await employeePage.getByRole('button', { name: 'Ophangen' }).click();
    await citizenPage.getByText('De medewerker heeft het gesprek beëindigd').waitFor({ timeout: 15_000 });
    await citizen.close();
    await employee.close();
  });

  it('the queue position goes down when someone ahead leaves', async () => {
    const first = await chromium.browser.newContext();
    const second = await chromium.browser.newContext();
    const firstPage = await first.newPage();
    const secondPage = await second.newPage();
    await citizenEntersWaitingRoom(firstPage, stack);
    await citizenEntersWaitingRoom(secondPage, stack);
    await secondPage.getByText('U bent nummer 2 in de rij.').waitFor();
    await firstPage.getByRole('button', { name: 'Wachtkamer verlaten' }).click();
    await secondPage.getByText('U bent de volgende').waitFor();
    await first.close();
    await second.close();
  });
});

describe('walking skeleton: camera denied', () => {
  let stack: Stack;

  before(async () => {
    await chromiumPath();
    stack = await startStack({ livekitBin: await livekitBin() });
  });

  after(async () => {
    await stack?.close();
  });

  it('a citizen whose camera is denied still joins with sound only', async () => {
    const chromium = await launchChromium({ grantMedia: false });
    try {
      const citizen = await chromium.browser.newContext();
      await citizen.grantPermissions(['microphone'], { origin: stack.siteUrl });
      const employee = await chromium.browser.newContext();
      await employee.grantPermissions(['camera', 'microphone'], { origin: stack.balieUrl });
      const citizenPage = await citizen.newPage();
      const employeePage = await employee.newPage();

      await citizenPage.goto(`${stack.siteUrl}/paspoort.html`);
      await citizenPage.getByRole('button', { name: 'Videobellen' }).click();
      await citizenPage.getByText('We kunnen uw camera niet gebruiken').waitFor();
      await citizenPage.getByRole('button', { name: 'Verder met alleen geluid' }).click();

      await employeeSignsIn(employeePage, stack);
      await employeePage.getByText('alleen geluid').waitFor();
      await employeePage.getByRole('button', { name: /Toelaten/ }).click();
      // The employee hears the citizen: audio bytes arrive and keep growing; no camera track.
      const first = await pollUntil(() => probeRemoteMedia(employeePage), (p) => p.audioBytes > 0, 'audio from citizen');
      assert.ok(!first.sources.includes('camera'), `citizen published a camera: ${first.sources}`);
      await pollUntil(() => probeRemoteMedia(employeePage), (p) => p.audioBytes > first.audioBytes, 'audio growing');
      // And the citizen still sees the employee.
      await pollUntil(() => probeRemoteMedia(citizenPage), (p) => p.framesDecoded > 0, 'citizen sees employee');
    } finally {
      await chromium.close();
    }
  });

});

describe('walking skeleton: an expired ticket', () => {
  let stack: Stack;

  before(async () => {
    await chromiumPath();
    stack = await startStack({ livekitBin: await livekitBin(), ticketTtlSeconds: 3, sweepIntervalMs: 200 });
  });

  after(async () => {
    await stack?.close();
  });

  it('a waiting ticket that expires gets a clear message', async () => {
    const chromium = await launchChromium();
    try {
      const page = await (await chromium.browser.newContext()).newPage();
      await citizenEntersWaitingRoom(page, stack);
      await page.getByText('Uw plek in de wachtkamer is verlopen').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Opnieuw beginnen' }).waitFor();
    } finally {
      await chromium.close();
    }
  });
});

async function listRoomsToken(stack: Stack): Promise<string> {
  const { AccessToken } = await import('livekit-server-sdk');
  const token = new AccessToken(stack.livekit.apiKey, stack.livekit.apiSecret, { ttl: 60 });
  token.addGrant({ roomList: true });
  return token.toJwt();
}
