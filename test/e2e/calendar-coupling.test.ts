import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { voorbeeldstadConfig, type Stack } from '../../demo/stack.js';
import { citizenBooksUntilLogin, newCitizen } from './support/booking-journey.js';
import { useStack } from './support/use-stack.js';

const WAIT = { timeout: 30_000 };
const PRODUCTS = 'Paspoort aanvragen, Geboorteaangifte, Zaal huren';

async function signInAsFatima(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.consoleUrl);
  await page.getByRole('link', { name: 'Inloggen met uw gemeente-account' }).click();
  await page.getByLabel('Fatima (medewerker)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Videobalie' }).waitFor(WAIT);
}

/** The events the balie wrote into Anna's and Piet's calendars. */
async function balieEvents(stack: Stack): Promise<string[]> {
  const { radicale, paths } = stack.calendars!;
  const all = await Promise.all(paths.map((path) => radicale.events(path)));
  return all.flat().map((e) => e.ics).filter((ics) => ics.includes('X-DIGITALE-BALIE-BOOKING'));
}

describe('appointments in the employees\' own calendars (issue #9)', () => {
  const fixture = useStack({ configFile: voorbeeldstadConfig, caldav: {} });

  it('puts the appointment a citizen books into an employee\'s calendar, and the console says the coupling works', async () => {
    const { stack, chromium } = fixture;
    const page = await (await chromium.browser.newContext()).newPage();
    await citizenBooksUntilLogin(page, stack, newCitizen('agenda'));
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor(WAIT);
    const [event, ...more] = await balieEvents(stack);
    assert.equal(more.length, 0);
    assert.match(event!, /SUMMARY:Video-afspraak: Paspoort aanvragen/);
    assert.ok(!event!.includes('Suzanne'), 'no name in the calendar');

    const console = await (await chromium.browser.newContext()).newPage();
    await signInAsFatima(console, stack);
    await console.getByRole('status').filter({ hasText: `Agenda-koppeling (${PRODUCTS}): werkt.` }).waitFor(WAIT);
    await page.context().close();
    await console.context().close();
  });

  it('tells the citizen plainly when the calendar cannot be reached, and the console says why', async () => {
    const { stack, chromium } = fixture;
    const console = await (await chromium.browser.newContext()).newPage();
    await signInAsFatima(console, stack);
    await stack.calendars!.radicale.stop();
    try {
      const page = await (await chromium.browser.newContext()).newPage();
      await page.goto(`${stack.siteUrl}/paspoort.html`);
      await page.getByRole('button', { name: 'Videobellen' }).click();
      await page.getByRole('button', { name: /^Afspraak maken/ }).click();
      await page.getByText('De agenda van de gemeente is nu niet bereikbaar. Er is niets vastgelegd of veranderd. Probeer het over een paar minuten opnieuw.').waitFor(WAIT);
      // The console checks every half minute; an employee who opens it sees it at once.
      const down = console.getByRole('status').filter({ hasText: `Agenda-koppeling (${PRODUCTS}) werkt niet: de agendaserver is niet bereikbaar.` });
      const deadline = Date.now() + 30_000;
      while (!(await down.isVisible())) {
        assert.ok(Date.now() < deadline, 'the console never said the coupling is down');
        await console.reload();
        await console.getByRole('heading', { name: 'Videobalie' }).waitFor(WAIT);
        await down.waitFor({ timeout: 2_000 }).catch(() => undefined);
      }
      await page.context().close();
    } finally {
      await stack.calendars!.radicale.start();
      await console.context().close();
    }
  });
});
