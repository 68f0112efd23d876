import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { startDemoMailbox, type DemoMailbox } from '../../demo/mailbox.js';
import type { CreateBookingResponse } from '../../src/protocol/index.js';
import { MailOutbox } from '../../src/server/mail/index.js';
import { logSmsProvider, secretSeal, sendDueReminders, type SmsMessage, type SmsProvider } from '../../src/server/reminders/index.js';
import { book, bookingConfig, freeSlotList, PAGE_URL } from './booking-support.js';
import { bearer, testApp, testLivekit, useTestStore, waitFor } from './helpers.js';

const FROM = 'Gemeente Testdorp <noreply@testdorp.nl>';

/** The phone network is the one part no machine here can reach: this provider keeps what it is given. */
function phoneNetwork(failFirst = 0): SmsProvider & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  let failures = failFirst;
  return {
    name: 'test-network',
    sent,
    async send(message) {
      if (failures-- > 0) throw new Error('network busy');
      sent.push(message);
    },
  };
}

describe('reminders', () => {
  const db = useTestStore();
  let mailbox: DemoMailbox;
  before(async () => {
    mailbox = await startDemoMailbox();
  });
  after(() => mailbox.close());
  const mail = (smtpUrl = mailbox.url) => ({ smtpUrl, from: FROM, retryDelayMs: 50, pollIntervalMs: 50 });
  const quiet = Fastify().log;

  /** A reminder pass as an instance runs it, over its own outbox. */
  function instance(t: { after(fn: () => Promise<void>): void }, sms: SmsProvider = phoneNetwork(), smtpUrl = mailbox.url) {
    const outbox = new MailOutbox(db, mail(smtpUrl), quiet);
    t.after(() => outbox.stop());
    const deps = { db, config: bookingConfig, outbox, sms, seal: secretSeal(testLivekit.apiSecret), log: quiet };
    return (now = Date.now()) => sendDueReminders(deps, now);
  }

  /** Puts a booking's slot `startsIn` from now, as if it was booked `bookedAgo` ago. */
  async function place(id: string, startsIn: string, bookedAgo = '3 days') {
    await db.query(
      `UPDATE booking SET slot_start = now() + $2::interval, slot_end = now() + $2::interval + interval '30 minutes',
         created_at = now() - $3::interval WHERE id = $1`,
      [id, startsIn, bookedAgo],
    );
  }
  const reminders = (to: string) => mailbox.messages.filter((m) => /Herinnering|Reminder|Rappel/.test(m.subject ?? '') && JSON.stringify(m.to).includes(to));

  it('mails the day before, once, with the manage link to test the camera and to cancel, by itself on its interval', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig, mail: mail(), reminderIntervalMs: 30 });
    const [slot] = await freeSlotList(balie);
    const { booking, manageSecret } = await book(balie, slot!.start, { details: { name: 'Anna Bakker', email: 'anna.dag@example.nl' } });
    await place(booking.id, '23 hours');
    await balie.ready();
    const reminder = await waitFor(async () => reminders('anna.dag@example.nl')[0], 'the reminder mail');
    assert.equal(reminder.subject, 'Herinnering: uw video-afspraak met Gemeente Testdorp');
    assert.match(reminder.text!, /Beste Anna Bakker,/);
    assert.match(reminder.text!, /camera en microfoon/);
    assert.match(reminder.text!, /annuleer/i);
    assert.ok(reminder.text!.includes(`${PAGE_URL}#balie-afspraak=${manageSecret}`), 'the manage link');
    assert.match(reminder.text!, /De datum van uw feest/, 'what to bring');
    // Many more passes later, still one.
    await waitFor(async () => ((await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'booking.reminder' AND sent_at IS NOT NULL`)).rows.length ? true : undefined), 'sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(reminders('anna.dag@example.nl').length, 1);
  });

  it('reminds once when two instances run their passes at the same moment', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(balie);
    const { booking } = await book(balie, slot!.start, { details: { name: 'Bram', email: 'bram.twee@example.nl' } });
    await place(booking.id, '20 hours');
    const [one, two] = [instance(t), instance(t)];
    const counts = await Promise.all([one(), two(), one(), two()]);
    assert.equal(counts.reduce((sum, c) => sum + c.mails, 0), 1);
    await waitFor(async () => reminders('bram.twee@example.nl')[0], 'the reminder');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'booking.reminder'`);
    assert.equal(rows[0]!.n, 1);
  });

  it('sends no reminder for a cancelled appointment, nor for one booked within the day', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [a, b] = await freeSlotList(balie);
    const cancelled = await book(balie, a!.start, { details: { name: 'Kees', email: 'kees@example.nl' } });
    await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(cancelled.manageSecret) });
    await place(cancelled.booking.id, '22 hours');
    const late = await book(balie, b!.start, { details: { name: 'Lotte', email: 'lotte@example.nl' } });
    await place(late.booking.id, '22 hours', '1 hour');
    assert.deepEqual(await instance(t)(), { mails: 0, texts: 0, failedTexts: 0 });
  });

  it('drops a reminder waiting for a mail server that is down when the citizen cancels meanwhile', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(balie);
    const { booking, manageSecret } = await book(balie, slot!.start, { details: { name: 'Mia', email: 'mia@example.nl' } });
    await place(booking.id, '21 hours');
    assert.equal((await instance(t, phoneNetwork(), 'smtp://127.0.0.1:1')()).mails, 1);
    await waitFor(async () => ((await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'booking.reminder' AND last_error IS NOT NULL`)).rows.length ? true : undefined), 'a failed attempt');
    const cancel = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assert.equal(cancel.statusCode, 200, cancel.body);
    const { rows } = await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'booking.reminder'`);
    assert.deepEqual(rows, [], 'nothing left to retry');
  });

  it('reminds a moved appointment of its new time', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(balie);
    const { booking } = await book(balie, slot!.start, { details: { name: 'Noor', email: 'noor@example.nl' } });
    const pass = instance(t);
    await place(booking.id, '23 hours');
    assert.equal((await pass()).mails, 1);
    await place(booking.id, '18 hours');
    assert.equal((await pass()).mails, 1, 'the new time has its own reminder');
    assert.equal((await pass()).mails, 0);
  });

  it('texts an hour before with the time and the manage link, once', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(balie);
    const { booking, manageSecret }: CreateBookingResponse = await book(balie, slot!.start, {
      lang: 'en',
      details: { name: 'Sam', email: 'sam@example.nl', phone: '06 1234 5678' },
    });
    await place(booking.id, '50 minutes');
    const network = phoneNetwork();
    const pass = instance(t, network);
    assert.equal((await pass()).texts, 1);
    assert.equal((await pass()).texts, 0);
    const [text] = network.sent;
    assert.equal(text!.to, '06 1234 5678');
    const { rows } = await db.query<{ start: Date }>(`SELECT slot_start AS start FROM booking WHERE id = $1`, [booking.id]);
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(rows[0]!.start);
    assert.match(text!.text, new RegExp(`Gemeente Testdorp: your video appointment \\(Zaal huren\\) starts at ${hhmm}`));
    assert.ok(text!.text.includes(`#balie-afspraak=${manageSecret}`));
  });

  it('tries a text message the provider refused again on the next pass', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(balie);
    const { booking } = await book(balie, slot!.start, { details: { name: 'Tim', email: 'tim@example.nl', phone: '0687654321' } });
    await place(booking.id, '40 minutes');
    const network = phoneNetwork(1);
    const pass = instance(t, network);
    assert.deepEqual(await pass(), { mails: 1, texts: 0, failedTexts: 1 });
    assert.deepEqual(await pass(), { mails: 0, texts: 1, failedTexts: 0 });
    assert.equal(network.sent.length, 1);
  });

  it('has a built-in provider that logs a text message without the number in clear or the link', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const log = Fastify({ logger: { level: 'info', stream } }).log;
    await logSmsProvider(log).send({ to: '+31 6 1234 5678', text: 'Gemeente Testdorp: … https://www.testdorp.nl/#balie-afspraak=geheim', bookingId: 'b-1' });
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]!) as { sms: { to: string }; msg: string };
    assert.equal(line.sms.to, '*********78');
    assert.ok(!lines[0]!.includes('12345678') && !lines[0]!.includes('geheim'));
    assert.match(line.msg, /balie-sms/);
  });
});
