import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Stack } from '../../demo/stack.js';
import type { SlotsResponse } from '../../src/protocol/index.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { citizenEntersWaitingRoom } from './support/journey.js';
import { wcag22Violations } from './support/phone.js';
import { useStack } from './support/use-stack.js';

/** axe (wcag2a … wcag22aa and best practices) on the whole page, and no sideways scrolling. */
async function assertAccessible(page: Page, view: string): Promise<void> {
  assert.deepEqual(await wcag22Violations(page), [], `axe WCAG 2.2 AA violations: ${view}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${view}: the page scrolls ${overflow} px sideways`);
}

/**
 * The end-to-end config (paspoort with fees, no login) with appointments around the clock for
 * "Zaal huren", so the agenda has some whatever the hour; the passport stays "call now" only, as on
 * the walk-in path.
 */
function withAppointmentsConfig(): string {
  const base = JSON.parse(readFileSync(fileURLToPath(new URL('../../demo/config/e2e-skeleton.json', import.meta.url)), 'utf8'));
  base.products = base.products.map((p: { id: string }) => (p.id === 'paspoort' ? { ...p, modes: ['direct'] } : p));
  const allDay = ['00:00-24:00'];
  base.openingHours = {
    timeZone,
    appointments: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    daysAhead: 2,
  };
  const file = join(mkdtempSync(join(tmpdir(), 'balie-console-a11y-')), 'config.json');
  writeFileSync(file, JSON.stringify(base));
  return file;
}

const timeZone = 'Europe/Amsterdam';
const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** Books the first two free times of "Zaal huren" through the API, as the widget does; their day. */
async function bookTwo(stack: Stack): Promise<string> {
  const response = await fetch(`${stack.balieUrl}/api/slots?product=zaal-huren`);
  assert.equal(response.status, 200, await response.clone().text());
  const { days } = (await response.json()) as SlotsResponse;
  const [day] = days;
  assert.ok(day && day.slots.length >= 2, `two free times: ${JSON.stringify(days).slice(0, 300)}`);
  for (const [i, slot] of day.slots.slice(0, 2).entries()) {
    const booked = await fetch(`${stack.balieUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        product: 'zaal-huren',
        start: slot.start,
        details: { name: ['Fatima El Amrani', 'Jan de Vries'][i], email: `agenda-${i}@example.nl` },
        consent: 'yes',
        pageUrl: `${stack.siteUrl}/paspoort.html`,
      }),
    });
    assert.equal(booked.status, 201, await booked.text());
  }
  return day.date;
}

describe('the console and the guest page as pages in the browser (issue #18, WCAG 2.2 AA)', () => {
  const fixture = useStack({ configFile: withAppointmentsConfig() });

  it('has no WCAG 2.2 AA violations on the console sign-in, queue, agenda and figures, and on the guest page', async () => {
    const { stack, chromium } = fixture;
    const contexts = await Promise.all([
      chromium.browser.newContext({ viewport: { width: 1280, height: 800 } }),
      chromium.browser.newContext(),
      chromium.browser.newContext({ viewport: { width: 412, height: 839 } }),
    ]);
    const [employee, citizen, interpreter] = await Promise.all(contexts.map((c) => c.newPage()));
    try {
      await employee!.goto(stack.consoleUrl);
      await employee!.getByRole('heading', { name: 'Inloggen als medewerker' }).waitFor();
      await assertAccessible(employee!, 'console sign-in');
      // Bert, beheerder: he also has the figures.
      await employee!.getByRole('link', { name: 'Inloggen met uw gemeente-account' }).click();
      await employee!.getByLabel('Bert (beheerder)').check();
      await employee!.getByRole('button', { name: 'Inloggen' }).click();
      await employee!.getByRole('heading', { name: 'Wachtrij (0)' }).waitFor();
      await assertAccessible(employee!, 'console queue, empty');

      await citizenEntersWaitingRoom(citizen!, stack);
      await employee!.getByRole('heading', { name: 'Wachtrij (1)' }).waitFor();
      await employee!.getByRole('button', { name: /^Toelaten/ }).waitFor();
      await assertAccessible(employee!, 'console queue, one waiting');
      // An employee with a narrow window, or the console zoomed to 400 %: 320 CSS px.
      await employee!.setViewportSize({ width: 320, height: 640 });
      await assertAccessible(employee!, 'console queue at 320 px');
      await employee!.setViewportSize({ width: 1280, height: 800 });

      // The agenda, first with a day without appointments, then with two booked on it.
      await employee!.getByRole('button', { name: 'Agenda' }).click();
      await employee!.getByRole('heading', { name: 'Agenda' }).waitFor();
      await employee!.getByRole('button', { name: 'Vorige dag' }).click();
      await employee!.getByText('Geen afspraken op deze dag.').waitFor();
      await assertAccessible(employee!, 'console agenda, a day without appointments');
      const bookedOn = await bookTwo(stack);
      await employee!.getByRole('button', { name: 'Volgende dag' }).click();
      // Just before midnight the first free times are tomorrow's (the button waits out the loading).
      if (bookedOn !== localToday()) {
        await employee!.getByRole('button', { name: 'Volgende dag' }).click();
      }
      const rows = employee!.getByRole('table').getByRole('row');
      await rows.filter({ hasText: 'Fatima El Amrani' }).waitFor();
      await rows.filter({ hasText: 'Jan de Vries' }).waitFor();
      await assertAccessible(employee!, 'console agenda with appointments');
      await employee!.setViewportSize({ width: 320, height: 640 });
      await assertAccessible(employee!, 'console agenda with appointments at 320 px');
      await employee!.setViewportSize({ width: 1280, height: 800 });
      await employee!.getByRole('button', { name: 'Cijfers' }).click();
      await employee!.getByRole('img', { name: 'Gesprekken per dag' }).waitFor();
      await assertAccessible(employee!, 'console figures');
      // Its ten-column table scrolls in a box of its own; the page itself does not (WCAG 1.4.10).
      await employee!.setViewportSize({ width: 320, height: 640 });
      await assertAccessible(employee!, 'console figures at 320 px');
      await employee!.setViewportSize({ width: 1280, height: 800 });

      // Into the call, and the interpreter's guest page through its three states.
      await employee!.getByRole('button', { name: 'Wachtrij' }).click();
      await employee!.getByRole('button', { name: /^Toelaten/ }).click();
      await pollUntil(() => probeRemoteMedia(employee!), (p) => p.framesDecoded > 0, 'the call on the employee side');
      await employee!.getByRole('button', { name: 'Tolk uitnodigen' }).click();
      const link = await employee!.getByLabel(/Link voor de tolk/).inputValue();
      await assertAccessible(employee!, 'console call with the interpreter link');
      await employee!.setViewportSize({ width: 320, height: 640 });
      await assertAccessible(employee!, 'console call at 320 px');
      await employee!.setViewportSize({ width: 1280, height: 800 });
      await interpreter!.goto(link);
      await interpreter!.getByRole('button', { name: 'Deelnemen' }).waitFor();
      await assertAccessible(interpreter!, 'guest page, before joining');
      await interpreter!.getByRole('button', { name: 'Deelnemen' }).click();
      await interpreter!.getByText('De medewerker laat u zo toe').waitFor();
      await assertAccessible(interpreter!, 'guest page, waiting');
      await employee!.getByRole('button', { name: 'Tolk toelaten' }).click();
      await pollUntil(() => probeRemoteMedia(interpreter!), (p) => p.framesDecoded > 0, 'the call on the interpreter side');
      await assertAccessible(interpreter!, 'guest page, in the call');
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
