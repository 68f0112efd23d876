import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { mailTo, newCitizen } from './support/booking-journey.js';
import { wcag22Tags } from './support/phone.js';
import { useStack } from './support/use-stack.js';

/**
 * The payments config (paspoort, € 84,30, iDEAL, appointments around the clock, no login) with the
 * passport paid at booking: one fee, so the booking's amount is that fee.
 */
function paidAtBookingConfig(): string {
  const base = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/config-payments.json', import.meta.url)), 'utf8'));
  base.products = base.products.map((p: { id: string; fees: { id: string }[] }) =>
    p.id === 'paspoort' ? { ...p, payAtBooking: true, fees: p.fees.filter((f) => f.id === 'paspoort-volwassene') } : p,
  );
  const file = join(mkdtempSync(join(tmpdir(), 'balie-paybook-')), 'config.json');
  writeFileSync(file, JSON.stringify(base));
  return file;
}

const WAIT = { timeout: 60_000 };
/** "Within seconds": the webhook, the fetch from the provider and the widget's next read. */
const LIVE = { timeout: 15_000 };

describe('paid at booking, in the browser (issue 16)', () => {
  // The hold sweep runs every second, so a hold that ended is let go at once.
  const fixture = useStack({ configFile: paidAtBookingConfig(), sweepIntervalMs: 1000 });

  it('books a product paid at booking, pays with iDEAL in a new tab, and sees the appointment confirmed', async () => {
    const { stack, chromium } = fixture;
    const contexts: BrowserContext[] = [];
    try {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      const person = newCitizen('paybook');
      await page.goto(`${stack.siteUrl}/paspoort.html`);
      await page.getByRole('button', { name: 'Videobellen' }).click();
      await page.getByRole('button', { name: /^Afspraak maken/ }).click();
      await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().click();
      await page.getByLabel('Uw naam').fill(person.name);
      await page.getByLabel('Uw e-mailadres').fill(person.email);
      await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
      await page.getByRole('button', { name: 'Afspraak bevestigen' }).click();

      // Held, not booked: what and how much, and the pay link to a new top-level tab.
      await page.getByRole('heading', { name: 'Betaal uw afspraak' }).waitFor(WAIT);
      await page.getByText('Paspoort volwassene', { exact: true }).waitFor(WAIT);
      await page.getByText('€ 84,30', { exact: true }).waitFor(WAIT);
      await page.getByText(/We houden deze tijd voor u vast tot \d\d:\d\d/).waitFor(WAIT);
      const pay = page.getByRole('link', { name: 'Betalen met iDEAL' });
      await pay.waitFor(WAIT);
      assert.equal(await pay.getAttribute('target'), '_blank');
      assert.match((await pay.getAttribute('rel')) ?? '', /\bnoopener\b/);
      const axe = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
      assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`), [], 'axe, paying');
      // No confirmation mail while the slot is only held.
      assert.equal(stack.mailbox.messages.filter((m) => JSON.stringify(m.to ?? '').includes(person.email)).length, 0, 'no mail before paying');

      const [checkout] = await Promise.all([context.waitForEvent('page'), pay.click()]);
      await checkout.getByRole('heading', { name: 'Testbetaling (iDEAL)' }).waitFor(WAIT);
      const checkoutHost = new URL(checkout.url()).host;
      assert.ok(page.frames().every((f) => !f.url().includes(checkoutHost)), 'the checkout is no frame of the widget page');
      await checkout.getByText('€ 84,30').waitFor(WAIT);
      await checkout.getByRole('button', { name: 'paid' }).click();
      await checkout.getByRole('heading', { name: 'U kunt dit tabblad sluiten' }).waitFor(WAIT);
      await checkout.close();

      // Back in the widget: confirmed once paid, and the confirmation mail comes.
      await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor(LIVE);
      await page.getByText('Betaald — uw afspraak staat vast.').waitFor(LIVE);
      await mailTo(stack, person.email, /^Uw video-afspraak met /);
      const after = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
      assert.deepEqual(after.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`), [], 'axe, confirmed');
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });

  it('says "Niet gelukt — opnieuw proberen" after a failed payment, pays again, and frees the time when the hold ends unpaid', async () => {
    const { stack, chromium } = fixture;
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const person = newCitizen('payfail');
      await page.goto(`${stack.siteUrl}/paspoort.html`);
      await page.getByRole('button', { name: 'Videobellen' }).click();
      await page.getByRole('button', { name: /^Afspraak maken/ }).click();
      const firstTime = page.getByRole('button', { name: /^\d\d:\d\d$/ }).first();
      const time = (await firstTime.textContent())!.trim();
      await firstTime.click();
      await page.getByLabel('Uw naam').fill(person.name);
      await page.getByLabel('Uw e-mailadres').fill(person.email);
      await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
      await page.getByRole('button', { name: 'Afspraak bevestigen' }).click();

      // The bank says no: the widget says so, and the time is still held.
      const pay = page.getByRole('link', { name: 'Betalen met iDEAL' });
      await pay.waitFor(WAIT);
      const firstCheckout = await pay.getAttribute('href');
      const [checkout] = await Promise.all([context.waitForEvent('page'), pay.click()]);
      await checkout.getByRole('button', { name: 'failed' }).click();
      await checkout.getByRole('heading', { name: 'U kunt dit tabblad sluiten' }).waitFor(WAIT);
      await checkout.close();
      await page.getByText('Niet gelukt — opnieuw proberen').waitFor(LIVE);
      await page.getByText(/U heeft niets betaald\. De tijd blijft nog vastgehouden tot \d\d:\d\d/).waitFor(LIVE);

      // Again: a new payment of the same fee, to a new checkout.
      await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
      await pay.waitFor(LIVE);
      const secondCheckout = await pay.getAttribute('href');
      assert.notEqual(secondCheckout, firstCheckout, 'a new payment, not the failed one');
      await page.getByText('€ 84,30', { exact: true }).waitFor(LIVE);

      // Not paid in time (the clock moves past the hold): the widget says the time is free again,
      // and choosing a new time offers it again.
      await stack.db.query(`UPDATE booking SET hold_until = now() - interval '1 second' WHERE email = $1 AND state = 'awaiting-payment'`, [person.email]);
      await page.getByRole('heading', { name: 'De tijd om te betalen is voorbij' }).waitFor(LIVE);
      await page.getByText(/Daarom is deze tijd weer vrijgegeven/).waitFor(LIVE);
      const axe = await new AxeBuilder({ page }).withTags(wcag22Tags).analyze();
      assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`), [], 'axe, hold ended');
      await page.getByRole('button', { name: 'Kies een nieuwe tijd' }).click();
      await page.getByRole('button', { name: /^Afspraak maken/ }).click();
      await page.getByRole('button', { name: time }).first().waitFor(LIVE);
      assert.equal((await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().textContent())?.trim(), time, 'the freed time is offered again');
    } finally {
      await context.close();
    }
  });
});
