import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { mailTo, manageLink, newCitizen } from './support/booking-journey.js';
import { employeeSignsIn } from './support/journey.js';
import { wcag22Tags } from './support/phone.js';
import { useStack } from './support/use-stack.js';

/**
 * Paspoort with its fee (€ 84,30) and iDEAL, appointments around the clock with the waiting room
 * open an hour early and no login: the first free time is joinable at once, whatever the hour.
 */
const configFile = fileURLToPath(new URL('../fixtures/config-payments.json', import.meta.url));
const WAIT = { timeout: 60_000 };
/** "Within seconds": the webhook, the fetch from the provider and both streams. */
const LIVE = { timeout: 10_000 };

/** The employee's "Betaalverzoek" panel in the call. */
function paymentPanel(employee: Page): Locator {
  return employee.getByRole('form', { name: 'Betaalverzoek' });
}

function employeeRow(employee: Page): Locator {
  return employee.getByRole('list', { name: 'Betaalverzoeken in dit gesprek' }).getByRole('listitem').first();
}

/** The employee ticks the fee and sends the request. */
async function employeeAsks(employee: Page): Promise<void> {
  const panel = paymentPanel(employee);
  await panel.getByRole('checkbox', { name: 'Paspoort volwassene € 84,30' }).check();
  await panel.getByRole('button', { name: 'Betaalverzoek sturen' }).click();
  await employee.getByRole('status').filter({ hasText: 'Betaalverzoek verstuurd: Paspoort volwassene € 84,30' }).waitFor(LIVE);
  await employeeRow(employee).filter({ hasText: 'Open' }).waitFor(LIVE);
}

/** The citizen clicks "Betalen met iDEAL": the checkout opens in a new tab, not here. */
async function citizenOpensCheckout(citizen: Page): Promise<Page> {
  const [checkout] = await Promise.all([
    citizen.context().waitForEvent('page'),
    citizen.getByRole('link', { name: 'Betalen met iDEAL' }).click(),
  ]);
  await checkout.getByRole('heading', { name: 'Testbetaling (iDEAL)' }).waitFor(WAIT);
  return checkout;
}

/** Marks the page's document: still there after the status arrived means no reload happened. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}

async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}

describe('payment in the call (issue 16)', () => {
  const fixture = useStack({ configFile });

  it('the employee asks € 84,30, the citizen pays with iDEAL in a new tab, both see "Betaald" live; the receipt arrives', async (t) => {
    const { stack, chromium } = fixture;
    const contexts: BrowserContext[] = [];
    const newPage = async () => {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    };
    try {
      // The citizen books the first free time (no login for this product) and comes in through the mail's link.
      const booking = await newPage();
      const person = newCitizen('payment');
      await booking.goto(`${stack.siteUrl}/paspoort.html`);
      await booking.getByRole('button', { name: 'Videobellen' }).click();
      await booking.getByRole('button', { name: /^Afspraak maken/ }).click();
      await booking.getByRole('button', { name: /^\d\d:\d\d$/ }).first().click();
      await booking.getByLabel('Uw naam').fill(person.name);
      await booking.getByLabel('Uw e-mailadres').fill(person.email);
      await booking.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
      await booking.getByRole('button', { name: 'Afspraak bevestigen' }).click();
      await booking.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor(WAIT);
      const link = manageLink(await mailTo(stack, person.email, /^Uw video-afspraak met /));
      const citizen = await booking.context().newPage();
      await citizen.goto(link);
      await citizen.getByRole('heading', { name: 'Uw afspraak', exact: true }).waitFor(WAIT);
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).click();
      await citizen.getByRole('heading', { name: 'Controleer uw camera en microfoon' }).waitFor(WAIT);
      await citizen.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
      await citizen.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor(WAIT);

      const employee = await newPage();
      await employeeSignsIn(employee, stack);
      await employee.getByRole('button', { name: /Toelaten/ }).first().click();
      await employee.getByRole('heading', { name: 'In gesprek' }).waitFor(WAIT);
      await citizen.getByRole('button', { name: 'Ophangen' }).waitFor(WAIT);
      // No card, and no card chunk, before the employee asks.
      assert.equal(await citizen.getByRole('link', { name: 'Betalen met iDEAL' }).count(), 0);

      // Paid: both see it within seconds, without a reload.
      await employeeAsks(employee);
      await citizen.getByText('De medewerker vraagt u om te betalen.').waitFor(LIVE);
      const pay = citizen.getByRole('link', { name: 'Betalen met iDEAL' });
      assert.equal(await pay.getAttribute('target'), '_blank');
      assert.match((await pay.getAttribute('rel')) ?? '', /\bnoopener\b/);
      for (const page of [citizen, employee]) {
        const results = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
        assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`), [], 'axe, payment asked');
      }
      await Promise.all([citizen, employee].map(markDocument));
      const checkout = await citizenOpensCheckout(citizen);
      assert.equal(citizen.frames().length, citizen.frames().filter((f) => !f.url().includes(new URL(stack.payments.checkoutOrigin).host)).length, 'no checkout in a frame');
      await checkout.getByText('€ 84,30').waitFor(WAIT);
      const paidAt = Date.now();
      await checkout.getByRole('button', { name: 'paid' }).click();
      await checkout.getByRole('heading', { name: 'U kunt dit tabblad sluiten' }).waitFor(WAIT);
      await citizen.getByText('Betaald', { exact: true }).waitFor(LIVE);
      await employeeRow(employee).filter({ hasText: 'Betaald' }).waitFor(LIVE);
      const seenAfter = Date.now() - paidAt;
      assert.ok(seenAfter < 10_000, `both saw "Betaald" ${seenAfter} ms after paying`);
      t.diagnostic(`both saw "Betaald" ${seenAfter} ms after the click on "paid" in the checkout`);
      assert.ok((await notReloaded(citizen)) && (await notReloaded(employee)), 'neither page reloaded');
      // Said once in the live regions.
      await citizen.getByRole('status').filter({ hasText: 'Betaald: Paspoort volwassene' }).waitFor(LIVE);
      await employee.getByRole('status').filter({ hasText: 'Paspoort volwassene € 84,30: Betaald' }).waitFor(LIVE);
      await checkout.close();
      const receipt = (await mailTo(stack, person.email, /^Bewijs van betaling aan Gemeente Voorbeeldstad$/)).replace(/\s/g, ' ');
      assert.match(receipt, /Waarvoor: Paspoort volwassene/);
      assert.match(receipt, /Bedrag: € 84,30/);
      assert.match(receipt, /Betaald met: iDEAL/);

      // Canceled: "Niet gelukt", and the citizen tries again from the card.
      await employeeAsks(employee);
      const canceled = await citizenOpensCheckout(citizen);
      await canceled.getByRole('button', { name: 'canceled' }).click();
      await citizen.getByText('Niet gelukt', { exact: true }).waitFor(LIVE);
      await employeeRow(employee).filter({ hasText: 'Geannuleerd' }).waitFor(LIVE);
      await canceled.close();
      await citizen.getByRole('button', { name: 'Opnieuw proberen' }).click();
      await employeeRow(employee).filter({ hasText: 'Open' }).waitFor(LIVE);

      // The citizen closes the checkout tab without choosing; the provider's news still arrives.
      const closed = await citizenOpensCheckout(citizen);
      const providerId = new URL(closed.url()).pathname.split('/').pop()!;
      await closed.close();
      await citizen.getByText('Betaal in het andere tabblad. Hier ziet u daarna of het gelukt is.').waitFor(LIVE);
      await stack.payments.choose(providerId, 'paid');
      await citizen.getByText('Betaald', { exact: true }).waitFor(LIVE);
      await employeeRow(employee).filter({ hasText: 'Betaald' }).waitFor(LIVE);
      assert.ok((await notReloaded(citizen)) && (await notReloaded(employee)), 'neither page reloaded');
      const results = await new AxeBuilder({ page: citizen }).withTags(wcag22Tags).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`), [], 'axe, paid');
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
