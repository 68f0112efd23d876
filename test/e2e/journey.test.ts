import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { voorbeeldstadConfig, type Stack } from '../../demo/stack.js';
import { digidProfile } from '../../demo/digid-simulator/index.js';
import type { BookingResponse, CitizenSessionResponse } from '../../src/protocol/index.js';
import { launchChromium } from './support/browser.js';
import { pollUntil } from './support/call-probe.js';
import {
  citizenBooksUntilLogin,
  citizenFillsIn,
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

const SESSION_COOKIE = '__Host-balie_citizen';
const ATTRIBUTES = 'Secure; HttpOnly; SameSite=None; Partitioned; Path=/';

/** Every `Set-Cookie` the balie server sent the page, as `<url>: <cookie>`. */
function recordCookiesSet(page: Page, balieUrl: string): string[] {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(balieUrl)) return;
    const cookie = await response.headerValue('set-cookie');
    if (cookie) seen.push(`${response.url()}: ${cookie}`);
  });
  return seen;
}

/** The headers of the last booking the page sent, as the browser sent them (cookies included). */
function bookingRequests(page: Page, balieUrl: string): () => Promise<Record<string, string> | undefined> {
  let last: Promise<Record<string, string>> | undefined;
  page.on('request', (request) => {
    if (request.url() === `${balieUrl}/api/bookings` && request.method() === 'POST') last = request.allHeaders();
  });
  return async () => last;
}

/** Requests the page sent to `path` of the balie server. */
function recordVisits(page: Page, balieUrl: string, path: string): string[] {
  const visits: string[] = [];
  page.on('request', (request) => {
    if (request.url() === `${balieUrl}${path}` && request.method() === 'POST') visits.push(request.url());
  });
  return visits;
}

/**
 * The browser's balie session cookies. (The DigiD simulator on the same host sets its own: cookies
 * are per host, not per port.)
 */
async function sessionCookies(context: BrowserContext, stack: Stack) {
  return (await context.cookies(stack.balieUrl)).filter((cookie) => cookie.name === SESSION_COOKIE);
}

/** Whether the server still takes this identity session. */
async function sessionIdentified(stack: Stack, token: string): Promise<boolean> {
  const response = await fetch(`${stack.balieUrl}/api/identity/session`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as CitizenSessionResponse).identified;
}

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

  it('works with third-party cookies blocked: the session is a partitioned HttpOnly cookie, ended once booked', async () => {
    const blocked = await launchChromium({ extraArgs: ['--test-third-party-cookie-phaseout'] });
    try {
      const context = await blocked.browser.newContext();
      const page = await context.newPage();
      const cookiesSet = recordCookiesSet(page, fixture.stack.balieUrl);
      const booking = bookingRequests(page, fixture.stack.balieUrl);
      const citizen = newCitizen('no-3pc');
      await citizenBooksUntilLogin(page, fixture.stack, citizen);
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
      await mailTo(fixture.stack, citizen.email, CONFIRMED);

      // The balie server set its session cookie and nothing else, and removed it after the booking.
      // (The DigiD simulator sets its own first-party session while the citizen is on its page;
      // cookies are per host, not per port, so only the balie server's answers are looked at.)
      await pollUntil(async () => cookiesSet.length, (n) => n >= 2, 'the logout after the booking');
      const [set, cleared, ...more] = cookiesSet;
      assert.match(set!, new RegExp(`/api/identity/exchange: ${SESSION_COOKIE}=[\\w-]{43}; ${ATTRIBUTES}; Max-Age=3600$`));
      assert.equal(cleared, `${fixture.stack.balieUrl}/api/identity/session: ${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`);
      assert.deepEqual(more, []);
      const sent = await booking();
      assert.ok(sent, 'the booking was sent');
      assert.match(sent.cookie ?? '', new RegExp(`${SESSION_COOKIE}=`), 'the booking went with the cookie');
      assert.equal(sent.authorization, undefined, 'and without the session in a header: the browser kept the cookie');
      const token = /=([\w-]{43});/.exec(set!)![1]!;
      assert.equal(await sessionIdentified(fixture.stack, token), false, 'the session is dead on the server');
      assert.deepEqual(await sessionCookies(context, fixture.stack), [], 'and gone from the browser');
      await context.close();
    } finally {
      await blocked.close();
    }
  });

  it('keeps the DigiD login through a reload of the page, in the cookie alone', async () => {
    const context = await fixture.chromium.browser.newContext();
    const page = await context.newPage();
    const digidVisits = recordVisits(page, fixture.stack.balieUrl, '/api/identity/start');
    const booking = bookingRequests(page, fixture.stack.balieUrl);
    // The booking attempts get lost on the way, as on a bad connection: the citizen is logged
    // in, has not booked (the widget says so and keeps trying), and reloads the page.
    let reloaded = false;
    await page.route(`${fixture.stack.balieUrl}/api/bookings`, (route) => {
      if (reloaded || route.request().method() !== 'POST') return route.continue();
      return route.abort('internetdisconnected');
    });
    const citizen = newCitizen('reload');
    await citizenBooksUntilLogin(page, fixture.stack, citizen);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw afspraak is nog niet gemaakt' }).waitFor();

    const [cookie, ...others] = await sessionCookies(context, fixture.stack);
    assert.deepEqual(others, []);
    assert.ok(cookie, 'the session cookie is there');
    assert.deepEqual(
      { httpOnly: cookie!.httpOnly, secure: cookie!.secure, sameSite: cookie!.sameSite, partitioned: !!cookie!.partitionKey },
      { httpOnly: true, secure: true, sameSite: 'None', partitioned: true },
      'HttpOnly, Secure, SameSite=None, partitioned by the municipal site',
    );
    assert.ok(cookie!.partitionKey!.startsWith('http://localhost'), `partitioned by the site: ${cookie!.partitionKey}`);

    reloaded = true;
    await page.reload();
    await citizenFillsIn(page, citizen);
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
    assert.equal(digidVisits.length, 1, 'no second trip to DigiD after the reload');
    const sent = await booking();
    assert.equal(sent?.authorization, undefined, 'booked with the cookie only');
    const { rows } = await fixture.stack.db.query<{ identified: boolean }>(
      `SELECT identity_login_id IS NOT NULL AS identified FROM booking WHERE email = $1`,
      [citizen.email],
    );
    assert.deepEqual(rows, [{ identified: true }], 'the booking carries the verified identity');
    await pollUntil(() => sessionCookies(context, fixture.stack), (c) => c.length === 0, 'the logout after the booking');
    await context.close();
  });

  it('keeps the session in memory only when the browser keeps no cookie', async () => {
    const context = await fixture.chromium.browser.newContext();
    const page = await context.newPage();
    const booking = bookingRequests(page, fixture.stack.balieUrl);
    // A browser that keeps no partitioned cookie: the exchange's Set-Cookie never lands. (Sent
    // from here, not with route.fetch(), whose cookie jar is the browser's.)
    let token = '';
    await page.route(`${fixture.stack.balieUrl}/api/identity/exchange`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const response = await fetch(request.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: fixture.stack.siteUrl },
        body: request.postData(),
      });
      const body = await response.text();
      token = (JSON.parse(body) as { session: string }).session;
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'set-cookie'));
      await route.fulfill({ status: response.status, headers, body });
    });
    const citizen = newCitizen('no-cookie');
    await citizenBooksUntilLogin(page, fixture.stack, citizen);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
    assert.equal((await booking())?.authorization, `Bearer ${token}`, 'the booking carried the in-memory session');
    assert.deepEqual(await sessionCookies(context, fixture.stack), []);
    await pollUntil(() => sessionIdentified(fixture.stack, token), (live) => !live, 'the logout after the booking');
    await context.close();
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
    it(`explains ${what} and offers a way forward, without booking and without losing what was filled in`, async () => {
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
      // The way forward leads back to the login, with the time and details still there: after
      // DigiD the appointment is made without filling anything in again. (After a level too low
      // the simulator remembers the login at that level, as DigiD would: another way is needed.)
      await page.getByRole('button', { name: forward }).click();
      await page.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor();
      if (what !== 'cancelling at DigiD') return void (await context.close());
      await page.getByRole('button', { name: 'Inloggen met DigiD' }).click();
      await page.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor();
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
      assert.match(await mailTo(fixture.stack, citizen.email, CONFIRMED), new RegExp(citizen.name));
      await context.close();
    });
  }
});
