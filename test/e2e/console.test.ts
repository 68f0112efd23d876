import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Stack } from '../../demo/stack.js';
import { citizenBooksUntilLogin, mailTo, manageLink, newCitizen } from './support/booking-journey.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { useStack } from './support/use-stack.js';

/**
 * Paspoort with DigiD Substantieel, appointments around the clock (15 minutes, the waiting room
 * open an hour early) and no walk-in hours: the first free slot is always joinable at once and
 * "Nu videobellen" is always open, whatever hour or day the test runs.
 */
const configFile = fileURLToPath(new URL('../fixtures/config-console.json', import.meta.url));
const timeZone = 'Europe/Amsterdam';
const WAIT = { timeout: 60_000 };

function localToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

function localTime(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

/** On the console page: the municipality's login, then a person on the provider's page. */
async function signInAs(page: Page, stack: Stack, person: string): Promise<void> {
  await page.goto(stack.consoleUrl);
  await page.getByRole('link', { name: 'Inloggen met uw gemeente-account' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Videobalie' }).waitFor(WAIT);
}

/** After the DigiD simulator: the camera check, then the waiting room. */
async function intoWaitingRoom(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Controleer uw camera en microfoon' }).waitFor(WAIT);
  await page.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
  await page.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor(WAIT);
}

describe('the console end to end: two employees, two citizens (issue #6)', () => {
  const fixture = useStack({ configFile });

  async function newPage(): Promise<Page> {
    const context = await fixture.chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    return context.newPage();
  }

  it('queue, race, identity panel with audit, note in the agenda, figures and CSV', async () => {
    const { stack } = fixture;
    // Citizen 1, Suzanne, books the first free time with DigiD and comes in through the mail's link.
    const booking = await newPage();
    const booker = newCitizen('console');
    const time = await citizenBooksUntilLogin(booking, stack, booker);
    const bookedOn = localToday();
    // Just before midnight the first free time is tomorrow's first.
    const tomorrow = time < localTime();
    await booking.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await booking.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor(WAIT);
    const link = manageLink(await mailTo(stack, booker.email, /^Uw video-afspraak met /));
    // A link in a mail opens in a new tab.
    const suzanne = await booking.context().newPage();
    await suzanne.goto(link);
    await suzanne.getByRole('heading', { name: 'Uw afspraak', exact: true }).waitFor(WAIT);
    await suzanne.getByRole('button', { name: 'Naar de wachtkamer' }).click();
    // The mail's link is no login: the waiting room of a DigiD booking asks for DigiD again, as
    // the same person (issue 14, #2).
    await suzanne.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor(WAIT);
    await suzanne.getByRole('button', { name: 'Inloggen met DigiD' }).click();
    // The booking's login in this browser is still live at DigiD, which then sends her straight
    // back (single sign-on); otherwise she logs in once more.
    const simulator = suzanne.getByRole('heading', { name: 'DigiD (simulator)' });
    const cameraCheck = suzanne.getByRole('heading', { name: 'Controleer uw camera en microfoon' });
    await simulator.or(cameraCheck).waitFor(WAIT);
    if (await simulator.isVisible()) await suzanne.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await intoWaitingRoom(suzanne);

    // Citizen 2 walks in now, also with DigiD (the product asks for it).
    const walkIn = await newPage();
    await walkIn.goto(`${stack.siteUrl}/paspoort.html`);
    await walkIn.getByRole('button', { name: 'Videobellen' }).click();
    await walkIn.getByRole('button', { name: 'Nu videobellen' }).click();
    await walkIn.getByRole('button', { name: 'Inloggen met DigiD' }).click();
    await walkIn.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor(WAIT);
    await walkIn.getByLabel(/Jan Jansen/).check();
    await walkIn.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await intoWaitingRoom(walkIn);

    // Two employees see both in the live queue: one booked, one walked in, both identified.
    const fatima = await newPage();
    const kees = await newPage();
    await signInAs(fatima, stack, 'Fatima (medewerker)');
    await signInAs(kees, stack, 'Kees (medewerker)');
    for (const page of [fatima, kees]) {
      const queue = page.getByRole('list', { name: 'Wachtende inwoners' });
      await page.getByRole('heading', { name: 'Wachtrij (2)' }).waitFor(WAIT);
      await queue.getByRole('listitem').filter({ hasText: 'afspraak · identiteit gecontroleerd' }).waitFor(WAIT);
      await queue.getByRole('listitem').filter({ hasText: 'inloop · identiteit gecontroleerd' }).waitFor(WAIT);
    }

    // The race: both click "Toelaten" on the booked citizen at the same moment.
    const booked = (page: Page) =>
      page.getByRole('listitem').filter({ hasText: 'afspraak' }).getByRole('button', { name: /^Toelaten/ });
    await Promise.all([booked(fatima).waitFor(WAIT), booked(kees).waitFor(WAIT)]);
    const admits = [fatima, kees].map((page) =>
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/admit'), WAIT),
    );
    // Both buttons found first, then clicked within a moment of each other: a click routed
    // through hit-testing would wait while the other's admit reaches this page and removes the row.
    const buttons = await Promise.all([booked(fatima).elementHandle(), booked(kees).elementHandle()]);
    await Promise.all(buttons.map((button) => button!.dispatchEvent('click')));
    const statuses = (await Promise.all(admits)).map((r) => r.status()).sort();
    assert.deepEqual(statuses, [200, 409], 'exactly one admit succeeds, the other is refused');
    const outcome = await Promise.race([
      fatima.getByRole('heading', { name: 'In gesprek' }).waitFor(WAIT).then(() => 'fatima'),
      kees.getByRole('heading', { name: 'In gesprek' }).waitFor(WAIT).then(() => 'kees'),
    ]);
    const [winner, loser] = outcome === 'fatima' ? [fatima, kees] : [kees, fatima];
    const winnerName = outcome === 'fatima' ? 'Fatima' : 'Kees';
    await loser.getByRole('status').filter({ hasText: 'Een collega heeft deze inwoner al toegelaten.' }).waitFor(WAIT);
    assert.equal(await loser.getByRole('heading', { name: 'In gesprek' }).count(), 0, 'the other stays at the queue');

    // The loser admits the other citizen: each employee has one call, and the calls really start.
    await loser.getByRole('heading', { name: 'Wachtrij (1)' }).waitFor(WAIT);
    await loser.getByRole('button', { name: /^Toelaten/ }).click();
    await loser.getByRole('heading', { name: 'In gesprek' }).waitFor(WAIT);
    for (const page of [winner, loser, suzanne, walkIn]) {
      await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0, 'remote camera');
    }

    // The identity panel: level of assurance, the BSN masked; in full only with a reason from the
    // list and an explanation, both audited.
    const panel = winner.getByRole('region', { name: 'Identiteit' });
    await panel.getByText('DigiD, niveau').waitFor(WAIT);
    await panel.getByText('*****3653').waitFor(WAIT);
    assert.equal(await panel.getByText('999993653').count(), 0, 'the BSN is masked at first');
    await panel.getByRole('button', { name: 'Volledig BSN tonen' }).click();
    await panel.getByLabel('Reden').selectOption({ label: 'Controle identiteit voor de aanvraag' });
    await panel.getByLabel('Toelichting').fill('Paspoortaanvraag in BRP');
    await panel.getByRole('button', { name: 'BSN tonen' }).click();
    await panel.getByText('999993653').waitFor(WAIT);
    await panel.getByText('U heeft het BSN bekeken. Dat is vastgelegd.').waitFor(WAIT);
    const audit = await stack.db.query<{ actor: string; reason: string; subject: string }>(
      `SELECT a.actor, a.reason, a.subject FROM audit_log a WHERE a.action = 'identity.shown'`,
    );
    assert.equal(audit.rows.length, 1, 'one audit entry for one reveal');
    assert.equal(
      audit.rows[0]!.reason,
      'reason: "Controle identiteit voor de aanvraag"; explanation: "Paspoortaanvraag in BRP"',
    );
    assert.match(audit.rows[0]!.subject, /^ticket:/);
    const actor = await stack.db.query<{ name: string }>(
      `SELECT DISTINCT display_name AS name FROM employee_session WHERE 'employee:' || employee_id = $1`,
      [audit.rows[0]!.actor],
    );
    assert.deepEqual(actor.rows.map((r) => r.name), [winnerName], 'the entry names who looked');

    // A note and outcome on the booked call, then both calls end.
    const notes = winner.getByRole('region', { name: 'Notitie en uitkomst' });
    const note = 'Pasfoto nagestuurd, aanvraag compleet';
    await notes.getByLabel('Uitkomst').selectOption({ label: 'Afgehandeld' });
    await notes.getByLabel('Notitie').fill(note);
    await notes.getByRole('button', { name: 'Opslaan' }).click();
    await notes.getByText(/^Opgeslagen om/).waitFor(WAIT);
    for (const page of [winner, loser]) {
      await page.getByRole('button', { name: 'Ophangen' }).click();
      await page.getByRole('heading', { name: 'Videobalie' }).waitFor(WAIT);
    }

    // The agenda shows the appointment, done, with its note.
    await winner.getByRole('button', { name: 'Agenda' }).click();
    await winner.getByRole('heading', { name: 'Agenda' }).waitFor(WAIT);
    if (tomorrow || localToday() !== bookedOn) {
      await winner.getByRole('button', { name: 'Volgende dag' }).click();
    }
    const row = winner.getByRole('row').filter({ hasText: time });
    await row.waitFor(WAIT);
    const cells = await row.getByRole('cell').allTextContents();
    assert.deepEqual(cells.map((c) => c.trim()), [time, 'Paspoort aanvragen', booker.name, 'Klaar', 'Ja', note]);

    // Bert, beheerder: the figures count the two calls of today, one with an outcome.
    const bert = await newPage();
    await signInAs(bert, stack, 'Bert (beheerder)');
    await bert.getByRole('button', { name: 'Cijfers' }).click();
    await bert.getByRole('img', { name: 'Gesprekken per dag' }).waitFor(WAIT);
    await bert.getByRole('img', { name: 'Gesprekken per product' }).waitFor(WAIT);
    const figuresRow = bert.getByRole('row').filter({ hasText: 'Paspoort aanvragen' });
    await figuresRow.waitFor(WAIT);
    const figureCells = (await figuresRow.getByRole('cell').allTextContents()).map((c) => c.trim());
    assert.equal(figureCells[2], '2', `two calls today: ${figureCells.join(' | ')}`);
    assert.equal(figureCells[7], '1 van 1', `the one outcome was first time right: ${figureCells.join(' | ')}`);

    const download = bert.waitForEvent('download', WAIT);
    await bert.getByRole('link', { name: 'Cijfers downloaden (CSV)' }).click();
    const csv = (await readFile((await (await download).path())!, 'utf8')).split('\r\n');
    assert.equal(
      csv[0],
      'dag,product,gesprekken,wachttijd_mediaan_s,wachttijd_p90_s,gespreksduur_mediaan_s,niet_gekomen,beoordelingen,tevredenheid_gemiddeld,met_uitkomst,in_een_keer_goed,betaald_in_gesprek,reizen_bespaard',
    );
    const lines = csv.slice(1).filter(Boolean).map((line) => line.split(','));
    assert.equal(lines.length, 1, `one day and product: ${csv.join(' / ')}`);
    const [day, product, calls, , , callMedian, noShows, , , outcomes, firstTimeRight] = lines[0]!;
    assert.deepEqual(
      { day, product, calls, noShows, outcomes, firstTimeRight },
      { day: localToday(), product: 'Paspoort aanvragen', calls: '2', noShows: '0', outcomes: '1', firstTimeRight: '1' },
    );
    assert.ok(Number(callMedian) > 0, `the calls ended and have a duration: ${callMedian}`);
  });
});
