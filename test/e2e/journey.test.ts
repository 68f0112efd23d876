import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { voorbeeldstadConfig, type Stack } from '../../demo/stack.js';
import { digidProfile } from '../../demo/digid-simulator/index.js';
import type { BookingResponse } from '../../src/protocol/index.js';
import { launchChromium } from './support/browser.js';
import {
  citizenBooksUntilLogin,
  focusedName,
  hostEvents,
  mailTo,
  manageLink,
  newCitizen,
  recordBalieResponses,
  recordHostEvents,
  tabTo,
} from './support/booking-journey.js';
import { useStack } from './support/use-stack.js';

const CONFIRMED = /^Uw video-afspraak met Gemeente Voorbeeldstad$/;
const BSNS = digidProfile.persons.map((p) => p.nationalNumber);

/** The booking's state as the server has it, asked with the secret from the mail's link. */
async function bookingState(stack: Stack, secret: string): Promise<string> {
  const response = await fetch(`${stack.balieUrl}/api/bookings/current`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  return ((await response.json()) as BookingResponse).booking.state;
}

describe('the citizen books a video appointment with DigiD (issue #4)', () => {
  const fixture = useStack({ configFile: voorbeeldstadConfig });

  async function bookAndConfirm(browser: Browser, tag: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordHostEvents(page);
    const responses = recordBalieResponses(page, fixture.stack.balieUrl);
    const cookiesSet: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(fixture.stack.balieUrl)) return;
      const cookie = await response.headerValue('set-cookie');
      if (cookie) cookiesSet.push(`${response.url()}: ${cookie}`);
    });
    const citizen = newCitizen(tag);
    const time = await citizenBooksUntilLogin(page, fixture.stack, citizen);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
    return { context, page, responses, citizen, time, cookiesSet };
  }

  it('from the product page to the confirmation mail, then cancels through the mail link', async () => {
    const { context, page, responses, citizen, time } = await bookAndConfirm(fixture.chromium.browser, 'mouse');

    assert.equal(new URL(page.url()).hash, '', 'the one-time code left the address bar');
    await page.getByText(new RegExp(`om ${time}`)).first().waitFor(); // the time picked is confirmed
    const events = await hostEvents(page);
    assert.deepEqual(
      events.map((e) => e.type).filter((t) => t !== 'balie-error'),
      ['balie-identified', 'balie-booked'],
    );
    assert.equal(events.find((e) => e.type === 'balie-identified')!.detail.levelOfAssurance, 'substantieel');
    for (const bsn of BSNS) {
      assert.ok(!responses.some((body) => body.includes(bsn)), 'a BSN reached the citizen’s browser');
    }

    const mail = await mailTo(fixture.stack, citizen.email, CONFIRMED);
    assert.match(mail, new RegExp(time), 'the mail names the time');
    const link = manageLink(mail);
    assert.ok(link.startsWith(`${fixture.stack.siteUrl}/paspoort.html#`), `the link leads back to the product page: ${link}`);
    const secret = new URL(link).hash.split('=')[1]!;
    assert.equal((await bookingState(fixture.stack, secret)), 'booked');

    // A link in a mail opens in a new tab.
    const fromMail = await context.newPage();
    await fromMail.goto(link);
    await fromMail.getByRole('heading', { name: 'Uw afspraak', exact: true }).waitFor();
    assert.equal(new URL(fromMail.url()).hash, '', 'the manage secret left the address bar');
    await fromMail.getByRole('button', { name: 'Afspraak annuleren' }).click();
    await fromMail.getByRole('button', { name: 'Ja, annuleren' }).click();
    await fromMail.getByRole('heading', { name: 'Uw afspraak is geannuleerd' }).waitFor();
    await mailTo(fixture.stack, citizen.email, /^Uw video-afspraak met .* is geannuleerd$/);
    assert.equal(await bookingState(fixture.stack, secret), 'cancelled');
    await context.close();
  });

  it('the same journey by keyboard alone', async () => {
    const context = await fixture.chromium.browser.newContext();
    const page = await context.newPage();
    const citizen = newCitizen('keyboard');
    await page.goto(`${fixture.stack.siteUrl}/paspoort.html`);
    await tabTo(page, /^Videobellen$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hoe wilt u met ons praten?' }).waitFor();
    await tabTo(page, /^Afspraak maken/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Kies een dag en tijd' }).waitFor();
    // Late in the afternoon today may have one time left: the arrow keys need two.
    await page.getByRole('button', { name: 'Volgende dag', exact: true }).waitFor();
    while ((await page.getByRole('button', { name: /^\d\d:\d\d$/ }).count()) < 2) {
      await tabTo(page, /^Volgende dag$/);
      await page.keyboard.press('Enter');
    }
    await tabTo(page, /^\d\d:\d\d$/);
    const first = await focusedName(page);
    await page.keyboard.press('ArrowRight');
    const second = await focusedName(page);
    assert.match(second, /^\d\d:\d\d$/);
    assert.ok(second > first, `the arrow key moved to a later time (${first} → ${second})`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Uw gegevens', exact: true }).waitFor();
    await tabTo(page, /^Uw naam/);
    await page.keyboard.type(citizen.name);
    await tabTo(page, /^Uw e-mailadres/);
    await page.keyboard.type(citizen.email);
    await tabTo(page, /^Ik ga akkoord/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Verder naar inloggen$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor();
    await tabTo(page, /^Inloggen met DigiD$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor();
    await tabTo(page, /^Inloggen$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
    assert.match(await focusedName(page), /Uw afspraak staat vast/, 'focus is on the new stage’s heading');
    const mail = await mailTo(fixture.stack, citizen.email, CONFIRMED);
    assert.match(mail, new RegExp(second));

    // The link pasted into a tab that already shows the product page changes only the fragment:
    // no reload, and the widget still opens the appointment.
    const pasted = await context.newPage();
    await pasted.goto(`${fixture.stack.siteUrl}/paspoort.html`);
    await pasted.getByRole('button', { name: 'Videobellen', exact: true }).waitFor();
    await pasted.goto(manageLink(mail));
    await pasted.getByRole('heading', { name: 'Uw afspraak', exact: true }).waitFor();
    assert.equal(new URL(pasted.url()).hash, '', 'the manage secret left the address bar');
    await context.close();
  });

  it('works with third-party cookies blocked, and sets none', async () => {
    const blocked = await launchChromium({ extraArgs: ['--test-third-party-cookie-phaseout'] });
    try {
      const { context, citizen, cookiesSet } = await bookAndConfirm(blocked.browser, 'no-3pc');
      await mailTo(fixture.stack, citizen.email, CONFIRMED);
      // (The DigiD simulator sets its own first-party session while the citizen is on its page;
      // cookies are per host, not per port, so only the balie server's answers are looked at.)
      assert.deepEqual(cookiesSet, [], 'the balie server set a cookie on the citizen');
      await context.close();
    } finally {
      await blocked.close();
    }
  });

  for (const { what, act, message, forward } of [
    {
      what: 'cancelling at DigiD',
      act: (page: Page) => page.getByRole('button', { name: 'Annuleren', exact: true }).click(),
      message: 'U heeft het inloggen gestopt',
      forward: 'Opnieuw proberen',
    },
    {
      what: 'a level of assurance lower than the product needs',
      act: async (page: Page) => {
        await page.getByLabel('Betrouwbaarheidsniveau').selectOption({ label: 'DigiD Basis' });
        await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      },
      message: 'Voor dit onderwerp is een betere manier van inloggen nodig',
      forward: 'Een andere manier kiezen',
    },
  ]) {
    it(`explains ${what} and offers a way forward, without booking`, async () => {
      const context = await fixture.chromium.browser.newContext();
      const page = await context.newPage();
      await recordHostEvents(page);
      const citizen = newCitizen(what.split(' ')[0]!);
      await citizenBooksUntilLogin(page, fixture.stack, citizen);
      await act(page);
      await page.getByRole('heading', { name: 'Inloggen is niet gelukt' }).waitFor();
      await page.getByText(message).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the error fragment left the address bar');
      assert.ok(await page.getByRole('button', { name: forward }).isVisible(), `no "${forward}" button`);
      assert.ok(!(await hostEvents(page)).some((e) => e.type === 'balie-booked'), 'nothing was booked');
      assert.ok(
        !fixture.stack.mailbox.messages.some((m) => JSON.stringify(m.to ?? '').includes(citizen.email)),
        'no confirmation mail went out',
      );
      await context.close();
    });
  }
});
