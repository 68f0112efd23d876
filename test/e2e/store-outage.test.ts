import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack.js';
import type { CreateTicketResponse } from '../../src/protocol/index.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { mailTo, newCitizen } from './support/booking-journey.js';
import { employeeSignsIn } from './support/journey.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';
import { postgresAddress, startTcpProxy, throughProxy, type TcpProxy } from './support/tcp-proxy.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** Walk-in and appointments at any hour, no login: both journeys work whenever the test runs. */
const configFile = fileURLToPath(new URL('../fixtures/config-outage.json', import.meta.url));

const citizenOutage = 'Er is even een storing bij de gemeente. U houdt uw plek. We proberen het opnieuw.';
const employeeOutage = 'Er is een storing: de database is niet bereikbaar.';

/** "Nu videobellen" through the camera check into the waiting room. */
async function citizenCallsNow(page: Page, stack: Stack): Promise<void> {
  await page.goto(`${stack.siteUrl}/paspoort.html`);
  await page.getByRole('button', { name: 'Videobellen' }).click();
  await page.getByRole('button', { name: /^Nu videobellen/ }).click();
  await page.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
  await page.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor();
}

// Skipped test by test, not as a suite, so the runner's summary counts them as skipped.
const skip = DATABASE_URL ? false : 'needs TEST_DATABASE_URL: only a database over TCP can be cut off and given back';

describe('the database goes down and comes back (issue #7, faults)', () => {
  let proxy: TcpProxy;
  let stack: Stack;
  let chromium: TestBrowser;
  /** Straight to Postgres, around the proxy: what is written, even while the server cannot look. */
  let direct: pg.Pool;
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const contexts: BrowserContext[] = [];

  before(async () => {
    if (skip) return;
    await chromiumPath();
    direct = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    // The machine's Postgres is shared: it is taken away from this stack alone, never stopped.
    proxy = await startTcpProxy(postgresAddress(DATABASE_URL!));
    stack = await startStack({
      livekitBin: await livekitBin(),
      configFile,
      databaseUrl: throughProxy(DATABASE_URL!, proxy),
      databaseSchema: schema,
    });
    chromium = await launchChromium();
  });

  after(async () => {
    proxy?.restore();
    for (const context of contexts) await context.close().catch(() => undefined);
    await chromium?.close();
    await stack?.close();
    await proxy?.close();
    await direct?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await direct?.end();
  });

  async function newPage(): Promise<Page> {
    const context = await chromium.browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  it('tells the waiting citizen and the employee, and all is as before once it is back', { skip }, async () => {
    // Someone is ahead in line (a citizen without a browser, for the test's sake).
    const taken = await fetch(`${stack.balieUrl}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'paspoort' }),
    });
    assert.equal(taken.status, 201);
    const ahead = (await taken.json()) as CreateTicketResponse;
    const citizen = await newPage();
    await citizenCallsNow(citizen, stack);
    await citizen.getByText('U bent nummer 2 in de rij.').waitFor();
    const employee = await newPage();
    await employeeSignsIn(employee, stack);
    await employee.getByRole('heading', { name: 'Wachtrij (2)' }).waitFor();

    proxy.cut();
    await citizen.getByText(citizenOutage).waitFor({ timeout: 20_000 });
    await employee.getByText(employeeOutage).waitFor({ timeout: 20_000 });
    // The employee tries anyway: told why it did not work, and nobody is half admitted.
    await employee.getByRole('button', { name: /Toelaten/ }).first().click();
    await employee.getByText('Toelaten lukte niet: er is een storing. Probeer het zo opnieuw.').waitFor();

    proxy.restore();
    await citizen.getByText('U bent nummer 2 in de rij.').waitFor({ timeout: 20_000 });
    await employee.getByText(employeeOutage).waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await citizen.getByText(citizenOutage).count(), 0);
    await employee.getByRole('heading', { name: 'Wachtrij (2)' }).waitFor();

    // Normal again: the one ahead leaves, and both hear of it at once.
    const left = await fetch(`${stack.balieUrl}/api/tickets/current/leave`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ahead.secret}` },
    });
    assert.equal(left.status, 204);
    await citizen.getByText('U bent de volgende.').waitFor();
    await employee.getByRole('heading', { name: 'Wachtrij (1)' }).waitFor();
  });

  it('keeps a booking made while it is down: a clear message, details kept, booked once when it is back', { skip }, async () => {
    const person = newCitizen('outage');
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/paspoort.html`);
    await page.getByRole('button', { name: 'Videobellen' }).click();
    await page.getByRole('button', { name: /^Afspraak maken/ }).click();
    await page.getByRole('heading', { name: 'Kies een dag en tijd' }).waitFor();
    await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().click();
    await page.getByLabel('Uw naam').fill(person.name);
    await page.getByLabel('Uw e-mailadres').fill(person.email);
    await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();

    proxy.cut();
    const bookedRows = async () =>
      (
        await direct.query<{ bookings: number; mails: number }>(
          `SELECT (SELECT count(*)::int FROM ${schema}.booking WHERE email = $1) AS bookings,
                  (SELECT count(*)::int FROM ${schema}.mail_outbox) AS mails`,
          [person.email],
        )
      ).rows[0];
    await page.getByRole('button', { name: 'Afspraak bevestigen' }).click();
    await page.getByRole('heading', { name: 'Uw afspraak is nog niet gemaakt' }).waitFor({ timeout: 20_000 });
    await page.getByText('Uw gegevens zijn bewaard.', { exact: false }).waitFor();
    assert.deepEqual(await bookedRows(), { bookings: 0, mails: 0 }, 'nothing half-written');

    // Back to the form: what the citizen filled in is still there.
    await page.getByRole('button', { name: 'Terug' }).click();
    assert.equal(await page.getByLabel('Uw naam').inputValue(), person.name);
    assert.equal(await page.getByLabel('Uw e-mailadres').inputValue(), person.email);
    await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
    await page.getByRole('button', { name: 'Afspraak bevestigen' }).click();
    await page.getByRole('heading', { name: 'Uw afspraak is nog niet gemaakt' }).waitFor({ timeout: 20_000 });

    // Back again: the widget tries by itself and the appointment is made, once.
    proxy.restore();
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor({ timeout: 20_000 });
    await mailTo(stack, person.email, /^Uw video-afspraak met Gemeente Voorbeeldstad$/);
    assert.deepEqual(await bookedRows(), { bookings: 1, mails: 1 });
    assert.equal(stack.mailbox.messages.filter((m) => JSON.stringify(m.to ?? '').includes(person.email)).length, 1);
  });
});
