import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BalieConfig, CreateBookingResponse } from '../../src/protocol/index.js';
import { bearer, testApp, useTestStore, waitFor } from './helpers.js';
import { book, bookingBody, bookingConfig, freeSlotList, PAGE_URL, postBooking } from './booking-support.js';
import { startDemoMailbox as startMailbox, type DemoMailbox as TestMailbox } from '../../demo/mailbox.js';
import { freePort } from '../../demo/free-port.js';

const FROM = 'Gemeente Testdorp <noreply@testdorp.nl>';


function amsterdamWallTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' })
    .format(new Date(iso))
    .replace(/[-:]/g, '')
    .replace(' ', 'T');
}

describe('booking mail', () => {
  const db = useTestStore();
  let mailbox: TestMailbox;
  before(async () => {
    mailbox = await startMailbox();
  });
  after(() => mailbox.close());

  const app = (t: Parameters<typeof testApp>[0], smtpUrl = mailbox.url) =>
    testApp(t, db, { config: bookingConfig, mail: { smtpUrl, from: FROM, retryDelayMs: 50, pollIntervalMs: 50 } });

  async function mailTo(address: string, subject: RegExp) {
    return waitFor(
      async () => mailbox.messages.find((m) => m.to && JSON.stringify(m.to).includes(address) && subject.test(m.subject ?? '')),
      `a mail to ${address} with subject ${subject}`,
    );
  }

  it('confirms a booking in Dutch with the time, what to bring, the manage link and a calendar file', async (t) => {
    const balie = app(t);
    await balie.ready();
    const [slot] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start, { details: { name: 'Anna Bakker', email: 'anna@example.nl' } });
    const mail = await mailTo('anna@example.nl', /video-afspraak/);
    assert.equal(mail.subject, 'Uw video-afspraak met Gemeente Testdorp');
    assert.match(mail.text!, /Beste Anna Bakker,/);
    assert.match(mail.text!, /De datum van uw feest/, 'what to bring');
    const hhmm = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(new Date(slot!.start));
    assert.ok(mail.text!.includes(hhmm), `the local time ${hhmm} is in the mail`);
    assert.ok(mail.text!.includes(`${PAGE_URL}#balie-afspraak=${manageSecret}`), 'the manage link');
    const ics = mail.attachments.find((a) => a.filename === 'afspraak.ics');
    assert.ok(ics, 'a calendar file is attached');
    const calendar = ics.content.toString('utf8');
    assert.match(calendar, new RegExp(`DTSTART;TZID=Europe/Amsterdam:${amsterdamWallTime(slot!.start)}00`));
    assert.match(calendar, /BEGIN:VTIMEZONE[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/);
    assert.ok(!calendar.includes(manageSecret), 'no secret in the calendar file');
    // The mail server has the mail a moment before the outbox records it as sent.
    const rows = await waitFor(async () => {
      const { rows: sent } = await db.query<{ message: unknown }>(`SELECT message FROM mail_outbox WHERE sent_at IS NOT NULL`);
      return sent.length ? sent : undefined;
    }, 'the outbox to record the mail as sent');
    assert.deepEqual(rows, [{ message: null }], 'a sent mail keeps no body (with its link) in the store');
  });

  it('queues a confirmation the first request lost on its retry, and never sends two', async (t) => {
    const balie = app(t);
    await balie.ready();
    const [slot] = await freeSlotList(balie);
    const body = bookingBody(slot!.start, { details: { name: 'Sanne Smit', email: 'sanne@example.nl' } });
    const key = 'retry-after-lost-mail-0001';
    // The store refuses the confirmation's row after the booking's: the moment it went away.
    await db.query(`CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the store went away'; END $$`);
    await db.query(`CREATE TRIGGER refuse_mail BEFORE INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION refuse_mail()`);
    const first = await postBooking(balie, body, key);
    assert.ok(first.statusCode >= 500, `the first request fails: ${first.statusCode} ${first.body}`);
    const { rows } = await db.query(`SELECT 1 FROM booking WHERE email = 'sanne@example.nl' AND state = 'booked'`);
    assert.equal(rows.length, 1, 'the booking itself stands');
    await db.query(`DROP TRIGGER refuse_mail ON mail_outbox`);
    await db.query(`DROP FUNCTION refuse_mail()`);

    for (let retry = 0; retry < 2; retry += 1) {
      const again = await postBooking(balie, body, key);
      assert.equal(again.statusCode, 200, again.body);
    }
    await mailTo('sanne@example.nl', /video-afspraak/);
    const { rows: queued } = await db.query(`SELECT 1 FROM mail_outbox m JOIN booking b ON b.id = m.booking_id WHERE b.email = 'sanne@example.nl'`);
    assert.equal(queued.length, 1, 'one confirmation queued for two retries');
    assert.equal(mailbox.messages.filter((m) => JSON.stringify(m.to).includes('sanne@example.nl')).length, 1, 'one mail arrived');
  });

  it('writes in the booking\'s language, and mails a cancellation', async (t) => {
    const balie = app(t);
    await balie.ready();
    const [slot] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start, { lang: 'fr', details: { name: 'Luc Dubois', email: 'luc@example.be' } });
    const confirmed = await mailTo('luc@example.be', /rendez-vous vidéo avec/);
    assert.match(confirmed.text!, /Bonjour Luc Dubois/);
    const cancel = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assert.equal(cancel.statusCode, 200);
    const cancelled = await mailTo('luc@example.be', /annulé/);
    assert.equal(cancelled.subject, 'Votre rendez-vous vidéo avec Gemeente Testdorp est annulé');
    assert.ok(!cancelled.text!.includes(manageSecret));
  });

  it('names the product, what to bring and the calendar entry in French when the config gives them in French', async (t) => {
    const bilingual: BalieConfig = {
      ...bookingConfig,
      products: bookingConfig.products.map((p) =>
        p.id === 'zaal-huren'
          ? { ...p, name: { nl: 'Zaal huren', fr: 'Louer une salle' }, bring: [{ nl: 'De datum van uw feest', fr: 'La date de votre fête' }] }
          : p,
      ),
    };
    const balie = testApp(t, db, { config: bilingual, mail: { smtpUrl: mailbox.url, from: FROM, retryDelayMs: 50, pollIntervalMs: 50 } });
    await balie.ready();
    const [slot] = await freeSlotList(balie);
    const { booking } = await book(balie, slot!.start, { lang: 'fr', details: { name: 'Claire Peeters', email: 'claire@example.be' } });
    assert.equal(booking.productName, 'Louer une salle', 'the booking as the widget shows it');
    const mail = await mailTo('claire@example.be', /rendez-vous vidéo avec/);
    assert.match(mail.text!, /rendez-vous vidéo pour « Louer une salle »/);
    assert.match(mail.text!, /Ayez ceci à portée de main :\n- La date de votre fête/);
    assert.doesNotMatch(mail.text!, /Zaal huren|De datum van uw feest/, 'no Dutch config text in a French mail');
    const ics = mail.attachments.find((a) => a.filename === 'afspraak.ics')!.content.toString('utf8');
    assert.match(ics, /SUMMARY:Louer une salle \(Gemeente Testdorp\\, video\)/);
  });

  it('keeps the booking when the mail server is down, and sends the mail once it is back', async (t) => {
    const port = await freePort();
    const balie = app(t, `smtp://127.0.0.1:${port}`);
    await balie.ready();
    const [slot] = await freeSlotList(balie);
    const response = await balie.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'mail-down-0123456789' },
      payload: { product: 'zaal-huren', start: slot!.start, details: { name: 'Bram', email: 'bram@example.nl' }, consent: 'yes', pageUrl: PAGE_URL },
    });
    assert.equal(response.statusCode, 201, response.body);
    const { booking } = response.json<CreateBookingResponse>();
    await waitFor(async () => {
      const { rows } = await db.query<{ attempts: number }>(`SELECT attempts FROM mail_outbox WHERE last_error IS NOT NULL`);
      return rows[0] && rows[0].attempts >= 1 ? true : undefined;
    }, 'a failed attempt');
    const late = await startMailbox({ port });
    t.after(() => late.close());
    const mail = await waitFor(async () => late.messages[0], 'the retried mail', 10_000);
    assert.match(mail.subject!, /video-afspraak/);
    const { rows } = await db.query<{ state: string }>(`SELECT state FROM booking WHERE id = $1`, [booking.id]);
    assert.deepEqual(rows, [{ state: 'booked' }]);
  });
});
