import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  BookingResponse,
  CreateBookingResponse,
  CreateTicketResponse,
  QueueEntry,
  QueueStatusResponse,
  SlotTakenBody,
} from '../../src/protocol/index.js';
import { admit, ALLOWED_ORIGIN, assertApiError, bearer, JSON_TYPE, signIn, testApp, testConfig, useTestStore } from './helpers.js';
import { book, bookingBody, bookingConfig, freeSlotList, identitySession, newKey, postBooking } from './booking-support.js';
import { sha256Hex } from '../../src/server/http/secrets.js';

describe('booking a video appointment', () => {
  const db = useTestStore();
  const app = (t: Parameters<typeof testApp>[0], config = bookingConfig) => testApp(t, db, { config });

  async function placeSlot(id: string, startOffset: string, endOffset: string) {
    await db.query(
      `UPDATE booking SET slot_start = now() + $2::interval, slot_end = now() + $3::interval WHERE id = $1`,
      [id, startOffset, endOffset],
    );
  }

  it('offers free slots per local day, 30 minutes apart for a 30-minute product', async (t) => {
    const response = await app(t).inject({ url: '/api/slots?product=zaal-huren' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<{ timeZone: string; days: { date: string; slots: { start: string; end: string }[] }[] }>();
    assert.equal(body.timeZone, 'Europe/Amsterdam');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const lastDay = new Date(Date.parse(`${today}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    assert.equal(body.days.at(-1)!.date, lastDay, 'daysAhead 7: today and six days more');
    assert.ok(body.days.length <= 7);
    const [first, second] = body.days[1]!.slots;
    assert.equal(Date.parse(second!.start) - Date.parse(first!.start), 30 * 60_000);
    assert.equal(Date.parse(first!.end) - Date.parse(first!.start), 30 * 60_000);
    assert.ok(Date.parse(body.days[0]!.slots[0]!.start) > Date.now(), 'never a slot in the past');
  });

  it('books a slot; the same Idempotency-Key again (a double click) books once', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const key = newKey();
    const first = await postBooking(balie, bookingBody(slot!.start), key);
    assert.equal(first.statusCode, 201, first.body);
    const again = await postBooking(balie, bookingBody(slot!.start), key);
    assert.equal(again.statusCode, 200, again.body);
    const a = first.json<CreateBookingResponse>();
    const b = again.json<CreateBookingResponse>();
    assert.equal(b.booking.id, a.booking.id);
    assert.equal(b.manageSecret, a.manageSecret, 'the retry can open the same appointment');
    assert.equal(a.booking.state, 'booked');
    assert.equal(a.booking.start, slot!.start);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM booking');
    assert.equal(rows[0]!.n, 1);
    assert.ok(!(await freeSlotList(balie)).some((s) => s.start === slot!.start), 'the slot is gone from the picker');
  });

  it('refuses the same Idempotency-Key with another body', async (t) => {
    const balie = app(t);
    const [one, two] = await freeSlotList(balie);
    const key = newKey();
    assert.equal((await postBooking(balie, bookingBody(one!.start), key)).statusCode, 201);
    assertApiError(await postBooking(balie, bookingBody(two!.start), key), 422, 'idempotency_conflict');
  });

  it('answers a slot taken meanwhile with 409 and the next free slots', async (t) => {
    const balie = app(t);
    const [slot, next] = await freeSlotList(balie);
    await book(balie, slot!.start);
    const response = await postBooking(balie, bookingBody(slot!.start, { details: { name: 'Piet', email: 'piet@example.nl' } }));
    assertApiError(response, 409, 'slot_taken');
    const body = response.json<SlotTakenBody>();
    assert.equal(body.nextFree.length, 5);
    assert.equal(body.nextFree[0]!.start, next!.start);
  });

  it("offers the next free slots of the following days when the taken slot is its day's last, skipping booked ones", async (t) => {
    const balie = app(t);
    const { days } = (await balie.inject({ url: '/api/slots?product=zaal-huren' })).json<{ days: { slots: { start: string }[] }[] }>();
    const [day, nextDay] = [days[1]!, days[2]!];
    const last = day.slots.at(-1)!;
    for (const slot of [last, nextDay.slots[0]!, nextDay.slots[2]!]) await book(balie, slot.start);
    const response = await postBooking(balie, bookingBody(last.start, { details: { name: 'Piet', email: 'piet@example.nl' } }));
    assertApiError(response, 409, 'slot_taken');
    const expected = nextDay.slots.filter((_, i) => i !== 0 && i !== 2).slice(0, 5).map((s) => s.start);
    assert.deepEqual(response.json<SlotTakenBody>().nextFree.map((s) => s.start), expected);
  });

  it('gives a second desk the same slot, and refuses a third booking', async (t) => {
    const balie = app(t, { ...bookingConfig, openingHours: { ...bookingConfig.openingHours!, desks: 2 } });
    const [slot] = await freeSlotList(balie);
    await book(balie, slot!.start);
    await book(balie, slot!.start, { details: { name: 'Piet', email: 'piet@example.nl' } });
    const third = await postBooking(balie, bookingBody(slot!.start, { details: { name: 'Kees', email: 'k@example.nl' } }));
    assertApiError(third, 409, 'slot_taken');
  });

  it('frees the slot on cancel: it shows again and can be booked', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    const cancel = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json<BookingResponse>().booking.state, 'cancelled');
    assert.equal((await freeSlotList(balie))[0]!.start, slot!.start);
    await book(balie, slot!.start, { details: { name: 'Piet', email: 'piet@example.nl' } });
    const twice = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assertApiError(twice, 409, 'booking_cancelled');
    const { rows } = await db.query<{ action: string }>(`SELECT action FROM audit_log`);
    assert.deepEqual(rows.map((r) => r.action), ['booking.cancelled']);
  });

  it('moves an appointment to another free slot and frees the old one', async (t) => {
    const balie = app(t);
    const [slot, later, taken] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    await book(balie, taken!.start, { details: { name: 'Piet', email: 'piet@example.nl' } });
    const move = (start: string) =>
      balie.inject({ method: 'POST', url: '/api/bookings/current/move', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload: { start } });
    const moved = await move(later!.start);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<BookingResponse>().booking.start, later!.start);
    assert.equal((await freeSlotList(balie))[0]!.start, slot!.start, 'the old slot is free again');
    assertApiError(await move(taken!.start), 409, 'slot_taken');
    assertApiError(await move('2020-01-01T10:00:00Z'), 422, 'slot_unavailable');
    const current = await balie.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.equal(current.json<BookingResponse>().booking.start, later!.start);
  });

  it('serves the appointment as a calendar file in the municipality\'s zone', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    const response = await balie.inject({ url: '/api/bookings/current/calendar.ics', headers: bearer(manageSecret) });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/calendar/);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' })
      .format(new Date(slot!.start))
      .replace(/[-:]/g, '')
      .replace(' ', 'T');
    assert.match(response.body, new RegExp(`DTSTART;TZID=Europe/Amsterdam:${local}00`));
    assert.ok(!response.body.includes(manageSecret) && !response.body.includes('Jan Jansen'));
  });

  it('opens the waiting room only from joinOpensAt until the end, then the console sees the citizen', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const { booking, manageSecret } = await book(balie, slot!.start);
    const join = () =>
      balie.inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload: {} });

    await placeSlot(booking.id, '20 minutes', '50 minutes');
    assertApiError(await join(), 409, 'booking_not_open');
    await placeSlot(booking.id, '-40 minutes', '-10 minutes');
    assertApiError(await join(), 409, 'booking_not_open');

    await placeSlot(booking.id, '5 minutes', '35 minutes');
    const joined = await join();
    assert.equal(joined.statusCode, 201, joined.body);
    const { ticket } = joined.json<CreateTicketResponse>();
    assert.equal(ticket.position, 1);
    const view = await balie.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.equal(view.json<BookingResponse>().booking.state, 'waiting');

    const cookie = await signIn(balie);
    const queue = await balie.inject({ url: '/api/console/queue', headers: { cookie } });
    const entries = queue.json<{ entries: QueueEntry[] }>().entries;
    assert.deepEqual(entries.map((e) => [e.id, e.productName, e.booked]), [[ticket.id, 'Zaal huren', true]]);
    await admit(balie, cookie, ticket.id);
    const inCall = await balie.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.equal(inCall.json<BookingResponse>().booking.state, 'in-call');
    assertApiError(
      await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) }),
      409,
      'booking_not_open',
    );
  });

  it('refuses a product that needs DigiD without a session, or with a lower level', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie, 'paspoort');
    const body = bookingBody(slot!.start, { product: 'paspoort' });
    assertApiError(await postBooking(balie, body), 401, 'identity_required');
    const midden = await identitySession(db, 'midden');
    assertApiError(await postBooking(balie, body, newKey(), bearer(midden)), 403, 'assurance_too_low');
    const dead = 'x'.repeat(43);
    assertApiError(await postBooking(balie, body, newKey(), bearer(dead)), 401, 'identity_required');

    const substantieel = await identitySession(db, 'substantieel');
    const booked = await postBooking(balie, body, newKey(), bearer(substantieel));
    assert.equal(booked.statusCode, 201, booked.body);
    const view = booked.json<CreateBookingResponse>().booking;
    assert.equal(view.identified, true);
    assert.ok(!booked.body.includes('999993653'), 'no BSN in the answer');
  });

  it('asks the holder of the manage link to log in again, as the same person, before the waiting room (issue 14, #2)', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie, 'paspoort');
    const session = await identitySession(db, 'hoog');
    const response = await postBooking(balie, bookingBody(slot!.start, { product: 'paspoort' }), newKey(), bearer(session));
    const { booking, manageSecret } = response.json<CreateBookingResponse>();
    await placeSlot(booking.id, '1 minute', '16 minutes');
    const join = (payload: object) =>
      balie.inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload });

    assertApiError(await join({}), 401, 'identity_required');
    const someoneElse = await identitySession(db, 'substantieel', '999990019');
    assertApiError(await join({ identitySession: someoneElse }), 403, 'identity_mismatch');
    assertApiError(await join({ identitySession: await identitySession(db, 'midden') }), 403, 'assurance_too_low');
    const again = await identitySession(db, 'substantieel');
    const joined = await join({ identitySession: again });
    assert.equal(joined.statusCode, 201, joined.body);
    assert.ok(!joined.body.includes('999993653'), 'no BSN in the answer');
    const { rows } = await db.query<{ now: boolean; booking: boolean }>(
      `SELECT t.identity_login_id = s.login_id AS now, t.booking_id = b.id AS booking
       FROM waiting_ticket t JOIN booking b ON b.ticket_id = t.id, identity_session s WHERE s.token_hash = $1`,
      [sha256Hex(again)],
    );
    assert.deepEqual(rows, [{ now: true, booking: true }], 'the ticket carries the login made now');
  });

  it('joins a booking that needs no login from the link alone, but unverified (issue 14, #2)', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const session = await identitySession(db, 'substantieel');
    const { booking, manageSecret } = (await postBooking(balie, bookingBody(slot!.start), newKey(), bearer(session))).json<CreateBookingResponse>();
    assert.equal(booking.identified, true);
    await placeSlot(booking.id, '1 minute', '16 minutes');
    const joined = await balie.inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: bearer(manageSecret), payload: {} });
    assert.equal(joined.statusCode, 201, joined.body);
    const { rows } = await db.query('SELECT 1 FROM waiting_ticket WHERE identity_login_id IS NOT NULL');
    assert.equal(rows.length, 0, 'a link holder is not the person who logged in');
  });

  it('lets the municipal page send Idempotency-Key and Authorization cross-origin', async (t) => {
    const preflight = await app(t).inject({
      method: 'OPTIONS',
      url: '/api/bookings',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key,authorization',
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(preflight.headers['access-control-allow-headers']), /idempotency-key/);
  });

  describe('refuses every bad input with a precise 4xx', () => {
    const cases: { name: string; body?: (start: string) => object; key?: string | null; status: number; code: string }[] = [
      { name: 'no consent', body: (s) => bookingBody(s, { consent: 'no' }), status: 400, code: 'bad_request' },
      { name: 'a bad e-mail', body: (s) => bookingBody(s, { details: { name: 'Jan', email: 'jan' } }), status: 400, code: 'bad_request' },
      { name: 'an unknown field', body: (s) => ({ ...bookingBody(s), bsn: '1' }), status: 400, code: 'bad_request' },
      { name: 'no Idempotency-Key', key: null, status: 400, code: 'bad_request' },
      { name: 'a short Idempotency-Key', key: 'short', status: 400, code: 'bad_request' },
      { name: 'an unknown product', body: (s) => bookingBody(s, { product: 'kapsalon' }), status: 404, code: 'product_unknown' },
      { name: 'a product without appointments', body: (s) => bookingBody(s, { product: 'vraag' }), status: 409, code: 'no_appointments' },
      { name: 'a slot off the grid', body: (s) => bookingBody(new Date(Date.parse(s) + 60_000).toISOString()), status: 422, code: 'slot_unavailable' },
      { name: 'a slot in the past', body: () => bookingBody('2024-01-01T09:00:00Z'), status: 422, code: 'slot_unavailable' },
      { name: 'a slot past daysAhead', body: (s) => bookingBody(new Date(Date.parse(s) + 30 * 86_400_000).toISOString()), status: 422, code: 'slot_unavailable' },
      { name: 'a page not on the allowlist', body: (s) => bookingBody(s, { pageUrl: 'https://evil.example/afspraak' }), status: 400, code: 'page_url_not_allowed' },
      { name: 'a page URL with a fragment', body: (s) => bookingBody(s, { pageUrl: 'https://www.testdorp.nl/afspraak#x' }), status: 400, code: 'bad_request' },
    ];
    for (const c of cases) {
      it(c.name, async (t) => {
        const balie = app(t);
        const [slot] = await freeSlotList(balie);
        const body = (c.body ?? bookingBody)(slot!.start);
        const response = await balie.inject({
          method: 'POST',
          url: '/api/bookings',
          headers: { ...JSON_TYPE, ...(c.key === null ? {} : { 'idempotency-key': c.key ?? newKey() }) },
          payload: body,
        });
        assertApiError(response, c.status, c.code as never);
      });
    }

    const queries = [
      { url: '/api/slots', status: 400, code: 'bad_request' },
      { url: '/api/slots?product=kapsalon', status: 404, code: 'product_unknown' },
      { url: '/api/slots?product=zaal-huren&from=2026-13-01', status: 400, code: 'bad_request' },
      { url: '/api/slots?product=zaal-huren&days=0', status: 400, code: 'bad_request' },
      { url: '/api/slots?product=zaal-huren&days=8', status: 400, code: 'bad_request' },
      { url: '/api/slots?product=vraag', status: 409, code: 'no_appointments' },
      { url: '/api/queue-status', status: 400, code: 'bad_request' },
    ];
    for (const q of queries) {
      it(`GET ${q.url}`, async (t) => {
        assertApiError(await app(t).inject({ url: q.url }), q.status, q.code as never);
      });
    }

    it('the manage routes without or with a wrong secret', async (t) => {
      const balie = app(t);
      assertApiError(await balie.inject({ url: '/api/bookings/current' }), 401, 'unauthorized');
      assertApiError(await balie.inject({ url: '/api/bookings/current', headers: bearer('y'.repeat(43)) }), 404, 'booking_unknown');
      const [slot] = await freeSlotList(balie);
      const { manageSecret } = await book(balie, slot!.start);
      const move = await balie.inject({
        method: 'POST',
        url: '/api/bookings/current/move',
        headers: { ...JSON_TYPE, ...bearer(manageSecret) },
        payload: { start: 'morgen' },
      });
      assertApiError(move, 400, 'bad_request');
    });

    it('a counter without opening hours takes no appointments', async (t) => {
      assertApiError(await app(t, testConfig).inject({ url: '/api/slots?product=paspoort' }), 409, 'no_appointments');
    });
  });
});

describe('walk-in hours', () => {
  const db = useTestStore();
  /** Walk-in open only during the next whole local hour: closed at this moment. */
  const closedNow = () => {
    const next = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' })
      .format(Date.now() + 3_600_000);
    const hour = Number(next);
    const two = (n: number) => String(n).padStart(2, '0');
    const day = [`${two(hour)}:00-${hour === 23 ? '24' : two(hour + 1)}:00`];
    const walkIn = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
    return { ...bookingConfig, openingHours: { ...bookingConfig.openingHours!, walkIn } };
  };

  it('says whether "join now" is open, and refuses a ticket while it is closed', async (t) => {
    const config = closedNow();
    const balie = testApp(t, db, { config });
    const status = await balie.inject({ url: '/api/queue-status?product=zaal-huren' });
    const body = status.json<QueueStatusResponse>();
    assert.equal(body.open, false);
    assert.ok(body.opensAt && Date.parse(body.opensAt) > Date.now() && Date.parse(body.opensAt) <= Date.now() + 3_600_000);
    const ticket = await balie.inject({ method: 'POST', url: '/api/tickets', headers: JSON_TYPE, payload: { product: 'zaal-huren' } });
    assertApiError(ticket, 409, 'queue_closed');
  });

  it('is always open without walk-in hours; a product needing DigiD needs a session for a ticket too', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    const status = await balie.inject({ url: '/api/queue-status?product=paspoort' });
    assert.deepEqual(status.json<QueueStatusResponse>(), { product: 'paspoort', open: true });
    const take = (headers: Record<string, string> = {}) =>
      balie.inject({ method: 'POST', url: '/api/tickets', headers: { ...JSON_TYPE, ...headers }, payload: { product: 'paspoort' } });
    assertApiError(await take(), 401, 'identity_required');
    const session = await identitySession(db, 'substantieel');
    const taken = await take(bearer(session));
    assert.equal(taken.statusCode, 201, taken.body);
    const { rows } = await db.query<{ linked: boolean }>(`SELECT identity_login_id IS NOT NULL AS linked FROM waiting_ticket`);
    assert.deepEqual(rows, [{ linked: true }]);
  });
});
