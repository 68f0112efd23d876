import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CreateBookingResponse } from '../../src/protocol/index.js';
import { admit, assertApiError, bearer, consolePost, JSON_TYPE, resetStore, signIn, takeTicket, testApp, testLivekit, useTestStore, waitFor } from './helpers.js';
import { book, bookingBody, bookingConfig, freeSlotList, identitySession, newKey, postBooking } from './booking-support.js';
import { startDemoMailbox, type DemoMailbox } from '../../demo/mailbox.js';

// Issue 14: an outside security review. Each describe is one of its rows.

describe('control characters in text fields (issue 14, #7)', () => {
  const db = useTestStore();

  it('refuses a NUL in a booking name, a note or a feedback comment with a 400 naming the field', async (t) => {
    const app = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(app);
    const booking = await postBooking(app, bookingBody(slot!.start, { details: { name: 'Jan\u0000Jansen', email: 'jan@example.nl' } }));
    assert.match(assertApiError(booking, 400, 'bad_request'), /details\.name/);

    const { ticket, secret } = await takeTicket(app, { product: 'vraag' });
    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    const note = await app.inject({
      method: 'PUT',
      url: `/api/console/tickets/${ticket.id}/outcome`,
      headers: { cookie, ...JSON_TYPE },
      payload: { note: 'gesprek\u0000gevoerd' },
    });
    assert.match(assertApiError(note, 400, 'bad_request'), /note/);
    await app.inject({ method: 'POST', url: '/api/tickets/current/leave', headers: bearer(secret) });
    const feedback = await app.inject({
      method: 'POST',
      url: '/api/tickets/current/feedback',
      headers: { ...bearer(secret), ...JSON_TYPE },
      payload: { score: 4, comment: 'fijn\u0000' },
    });
    assert.match(assertApiError(feedback, 400, 'bad_request'), /comment/);
  });

  it('keeps line breaks and tabs in a note, refuses other control characters there', async (t) => {
    const app = testApp(t, db);
    const { ticket } = await takeTicket(app);
    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    const put = (note: string) =>
      app.inject({ method: 'PUT', url: `/api/console/tickets/${ticket.id}/outcome`, headers: { cookie, ...JSON_TYPE }, payload: { note } });
    assert.equal((await put('regel een\n\tregel twee\n')).statusCode, 200);
    for (const bad of ['\u0007bel', 'cr\r', 'esc\u001b[2J', 'del\u007f']) {
      assert.match(assertApiError(await put(bad), 400, 'bad_request'), /note/, JSON.stringify(bad));
    }
  });
});

describe('a name in the municipality\'s mail (issue 14, #8)', () => {
  const db = useTestStore();
  let mailbox: DemoMailbox;
  before(async () => {
    mailbox = await startDemoMailbox();
  });
  after(() => mailbox.close());
  const mail = { smtpUrl: '', from: 'Gemeente Testdorp <noreply@testdorp.nl>', retryDelayMs: 50, pollIntervalMs: 50 };

  const hostile = [
    'Jan\r\nBetaal eerst EUR 35 leges: https://evil.example/betaal',
    'Jan\nBetaal eerst EUR 35 leges',
    'Jan, betaal via https://evil.example',
    'Jan, betaal via evil.example',
    'Jan, zie www.evil',
    'Jan, zie EVIL.NL',
    'Jan javascript:alert',
    'Jan <a href=x>',
    'Jan, betaal EUR 35',
    'Jan\u2028Betaal eerst',
  ];

  it('refuses a name with a line break, a link, a domain or digits, and mails nothing for it', async (t) => {
    const app = testApp(t, db, { config: bookingConfig, mail: { ...mail, smtpUrl: mailbox.url } });
    await app.ready();
    const [slot] = await freeSlotList(app);
    for (const [i, name] of hostile.entries()) {
      const response = await postBooking(app, bookingBody(slot!.start, { details: { name, email: `slachtoffer${i}@example.nl` } }));
      assert.match(assertApiError(response, 400, 'bad_request'), /details\.name/, JSON.stringify(name));
    }
    const { rows } = await db.query(`SELECT 1 FROM booking UNION ALL SELECT 1 FROM mail_outbox`);
    assert.equal(rows.length, 0, 'nothing booked, nothing queued');
  });

  it("greets a real name on the greeting's own line, as the municipality wrote it", async (t) => {
    const app = testApp(t, db, { config: bookingConfig, mail: { ...mail, smtpUrl: mailbox.url } });
    await app.ready();
    const [slot] = await freeSlotList(app);
    const name = "J.A. van 't Hek-O’Neil, Zoë";
    await book(app, slot!.start, { details: { name, email: 'zoe@example.nl' } });
    const sent = await waitFor(async () => mailbox.messages.find((m) => JSON.stringify(m.to).includes('zoe@example.nl')), 'the confirmation');
    const lines = sent.text!.split(/\r?\n/);
    assert.equal(lines[0], `Beste ${name},`);
    assert.equal(lines.filter((line) => line.includes('Zoë')).length, 1, 'the name is on the greeting line only');
  });
});

describe('the page a manage link points at (issue 14, #4)', () => {
  const db = useTestStore();
  const originOnly = { ...bookingConfig, identity: undefined };

  for (const pageUrl of [
    'https://www.testdorp.nl\\@evil.example/afspraak',
    'https://www.testdorp.nl\\evil.example/afspraak',
    'https://user:pass@www.testdorp.nl/afspraak',
    'https://evil.example@www.testdorp.nl/afspraak',
  ]) {
    it(`refuses ${pageUrl} under an origin-only allowlist`, async (t) => {
      const app = testApp(t, db, { config: originOnly });
      const [slot] = await freeSlotList(app);
      assertApiError(await postBooking(app, bookingBody(slot!.start, { pageUrl })), 400, 'page_url_not_allowed');
      assert.equal((await db.query('SELECT 1 FROM booking')).rows.length, 0);
    });
  }

  it('stores the parsed, normalised URL, not the string as sent', async (t) => {
    const app = testApp(t, db, { config: originOnly });
    const [slot] = await freeSlotList(app);
    const response = await postBooking(app, bookingBody(slot!.start, { pageUrl: 'https://WWW.Testdorp.NL:443/x/../afspraak?naam="x"' }));
    assert.equal(response.statusCode, 201, response.body);
    const { rows } = await db.query<{ page_url: string }>('SELECT page_url FROM booking');
    assert.deepEqual(rows, [{ page_url: 'https://www.testdorp.nl/afspraak?naam=%22x%22' }]);
  });
});

describe('the manage secret and the Idempotency-Key (issue 14, #6)', () => {
  const db = useTestStore();

  it('gives no way from an Idempotency-Key to the booking it made, and the same secret on a retry', async (t) => {
    const app = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(app);
    const key = 'aaaaaaaaaaaaaaaa';
    const body = bookingBody(slot!.start);
    const made = await postBooking(app, body, key);
    assert.equal(made.statusCode, 201, made.body);
    const { manageSecret } = made.json<CreateBookingResponse>();
    // What anyone could compute offline from the key before: HMAC-SHA256 keyed with it.
    const offline = createHmac('sha256', key).update('balie-afspraak').digest('base64url');
    assert.notEqual(manageSecret, offline);
    assertApiError(await app.inject({ url: '/api/bookings/current', headers: bearer(offline) }), 404, 'booking_unknown');
    const retried = await postBooking(app, body, key);
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(retried.json<CreateBookingResponse>().manageSecret, manageSecret, 'a retry gets its secret back');
    assert.equal((await app.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) })).statusCode, 200);
  });

  it('keys the secret with the server: another server secret, another manage secret', async (t) => {
    const key = newKey();
    const secretOn = async (apiSecret: string) => {
      await resetStore(db);
      const app = testApp(t, db, { config: bookingConfig, livekit: { ...testLivekit, apiSecret } });
      const [slot] = await freeSlotList(app);
      const made = await postBooking(app, bookingBody(slot!.start), key);
      assert.equal(made.statusCode, 201, made.body);
      return made.json<CreateBookingResponse>().manageSecret;
    };
    assert.notEqual(await secretOn('een-geheim-van-de-server-0123456789'), await secretOn('een-ander-geheim-0123456789abcdef'));
  });
});

describe('a DigiD session makes one booking or one ticket (issue 14, #12)', () => {
  const db = useTestStore();

  it("refuses a walk-in ticket to a session that booked, also with the booking's Idempotency-Key", async (t) => {
    const app = testApp(t, db, { config: bookingConfig });
    const session = await identitySession(db, 'substantieel');
    const [slot] = await freeSlotList(app, 'paspoort');
    const key = newKey();
    const booked = await postBooking(app, bookingBody(slot!.start, { product: 'paspoort' }), key, bearer(session));
    assert.equal(booked.statusCode, 201, booked.body);
    for (const headers of [bearer(session), { ...bearer(session), 'idempotency-key': key }]) {
      const ticket = await app.inject({ method: 'POST', url: '/api/tickets', headers: { ...headers, ...JSON_TYPE }, payload: { product: 'paspoort' } });
      assertApiError(ticket, 403, 'identity_session_bound');
    }
    assert.equal((await db.query('SELECT 1 FROM waiting_ticket')).rows.length, 0);
  });
});

describe('JSON answers (issue 14)', () => {
  const db = useTestStore();

  it('carry X-Content-Type-Options: nosniff, errors and the citizen API alike', async (t) => {
    const app = testApp(t, db, { config: bookingConfig });
    const answers = [
      await app.inject({ url: '/api/slots?product=zaal-huren' }),
      await app.inject({ url: '/api/bookings/current' }),
      await app.inject({ url: '/api/nergens' }),
      await app.inject({ method: 'POST', url: '/api/tickets', headers: JSON_TYPE, payload: '{' }),
      await app.inject({ method: 'POST', url: '/api/tickets', headers: JSON_TYPE, payload: { product: 'vraag' } }),
    ];
    for (const answer of answers) {
      assert.match(String(answer.headers['content-type']), /^application\/json/, answer.body);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', `${answer.statusCode} ${answer.body.slice(0, 80)}`);
    }
  });
});

describe('request logs (issue 14, #3)', () => {
  const db = useTestStore();

  it('hold no guest code, guest secret, manage secret or Authorization header', async (t) => {
    const lines: string[] = [];
    const app = testApp(t, db, { config: bookingConfig, logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    const { ticket } = await takeTicket(app, { product: 'vraag' });
    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    const invite = await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests`);
    assert.equal(invite.statusCode, 201, invite.body);
    const code = new URLSearchParams(new URL(invite.json<{ inviteUrl: string }>().inviteUrl).hash.slice(1)).values().next().value!;
    const redeemed = await app.inject({ method: 'POST', url: `/api/guests?code=${code}`, headers: JSON_TYPE, payload: { code } });
    assert.equal(redeemed.statusCode, 201, redeemed.body);
    const guestSecret = redeemed.json<{ secret: string }>().secret;
    await app.inject({ url: `/api/guests/current?secret=${guestSecret}`, headers: bearer(guestSecret) });

    const [slot] = await freeSlotList(app);
    const { manageSecret } = await book(app, slot!.start);
    const visit = await app.inject({ url: `/api/bookings/current?secret=${manageSecret}`, headers: bearer(manageSecret) });
    assert.equal(visit.statusCode, 200, visit.body);
    await app.inject({ url: '/api/bookings/current/calendar.ics', headers: bearer(manageSecret) });

    assert.ok(lines.some((line) => line.includes('/api/bookings/current')), 'the visits are logged');
    for (const line of lines) {
      for (const secret of [code, guestSecret, manageSecret]) assert.ok(!line.includes(secret), `a secret in the log: ${line}`);
      assert.ok(!/bearer/i.test(line), `an Authorization header in the log: ${line}`);
    }
  });
});
