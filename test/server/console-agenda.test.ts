import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AgendaAppointment, AgendaResponse, FiguresResponse } from '../../src/protocol/index.js';
import { markNoShows } from '../../src/server/console/agenda-store.js';
import { JSON_TYPE, admit, assertApiError, bearer, consolePost, testApp, useTestStore } from './helpers.js';
import { book, bookingBody, bookingConfig, freeSlotList, identitySession, newKey, postBooking } from './booking-support.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

const timeZone = 'Europe/Amsterdam';
const localDate = (at: Date | string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));

describe('the agenda of booked appointments', () => {
  const db = useTestStore();
  const provider = useEmployeeProvider();

  const app = (t: Parameters<typeof testApp>[0]) => testApp(t, db, { config: bookingConfig, employeeLogin: provider.login });

  /** Moves a booking's slot relative to now, as the clock would. */
  async function placeSlot(id: string, startOffset: string, endOffset: string) {
    await db.query(
      `UPDATE booking SET slot_start = now() + $2::interval, slot_end = now() + $3::interval WHERE id = $1`,
      [id, startOffset, endOffset],
    );
  }

  async function slotStart(id: string): Promise<Date> {
    const { rows } = await db.query<{ start: Date }>(`SELECT slot_start AS start FROM booking WHERE id = $1`, [id]);
    return rows[0]!.start;
  }

  /** The booking's line in the agenda of its own day. */
  async function agendaLine(balie: FastifyInstance, cookie: string, bookingId: string): Promise<AgendaAppointment> {
    const date = localDate(await slotStart(bookingId));
    const response = await balie.inject({ url: `/api/console/agenda?from=${date}&days=1`, headers: { cookie } });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<AgendaResponse>();
    assert.equal(body.days[0]?.date, date);
    const line = body.days[0]!.products.flatMap((p) => p.appointments).find((a) => a.bookingId === bookingId);
    assert.ok(line, `booking ${bookingId} is in the agenda of ${date}`);
    return line;
  }

  const join = (balie: FastifyInstance, manageSecret: string) =>
    balie.inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload: {} });

  it('refuses anonymous callers and citizens', async (t) => {
    const balie = app(t);
    const [slot] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    const session = await identitySession(db, 'substantieel');
    assertApiError(await balie.inject({ url: '/api/console/agenda' }), 401, 'unauthorized');
    assertApiError(await balie.inject({ url: '/api/console/agenda', headers: bearer(manageSecret) }), 401, 'unauthorized');
    assertApiError(await balie.inject({ url: '/api/console/agenda', headers: bearer(session) }), 401, 'unauthorized');
  });

  it('answers bad dates and day counts with a precise 400', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const get = (query: string) => balie.inject({ url: `/api/console/agenda?${query}`, headers: { cookie } });
    assert.match(assertApiError(await get('from=2026-02-31'), 400, 'bad_request'), /"from" must be a date like 2026-11-23, got "2026-02-31"/);
    assert.match(assertApiError(await get('from=23-11-2026'), 400, 'bad_request'), /"from" must be a date/);
    assert.match(assertApiError(await get('from=2026-11-23&from=2026-11-24'), 400, 'bad_request'), /"from" must be a date/);
    for (const days of ['0', '15', 'abc', '1.5', '-1']) {
      assert.match(assertApiError(await get(`days=${days}`), 400, 'bad_request'), /"days" must be a whole number from 1 to 14/);
    }
  });

  it('shows today and the next six days by default, in the counter\'s time zone', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const response = await balie.inject({ url: '/api/console/agenda', headers: { cookie } });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<AgendaResponse>();
    assert.equal(body.from, localDate(new Date()));
    assert.equal(body.days.length, 7);
    assert.deepEqual(body.days.map((d) => d.products), Array(7).fill([]));
  });

  it('follows a booking from booked to waiting, in the call, a note and done', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const [slot] = await freeSlotList(balie);
    const { booking, manageSecret } = await book(balie, slot!.start);

    const booked = await agendaLine(balie, cookie, booking.id);
    assert.deepEqual(
      { ...booked, bookingId: undefined },
      {
        bookingId: undefined,
        start: slot!.start,
        end: booked.end,
        time: new Intl.DateTimeFormat('nl-NL', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(slot!.start)),
        product: 'zaal-huren',
        productName: 'Zaal huren',
        state: 'booked',
        identified: false,
        name: 'Jan Jansen',
      },
    );

    await placeSlot(booking.id, '1 minute', '31 minutes');
    const joined = await join(balie, manageSecret);
    assert.equal(joined.statusCode, 201, joined.body);
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'waiting');

    const ticketId = joined.json<{ ticket: { id: string } }>().ticket.id;
    await admit(balie, cookie, ticketId);
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'in-call');

    const saved = await balie.inject({
      method: 'PUT',
      url: `/api/console/tickets/${ticketId}/outcome`,
      headers: { cookie, ...JSON_TYPE },
      payload: { outcome: 'vervolg-nodig', note: 'Stuurt de offerte na' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const noted = await agendaLine(balie, cookie, booking.id);
    assert.equal(noted.note, 'Stuurt de offerte na');
    assert.equal(noted.outcome, 'vervolg-nodig');

    const ended = await consolePost(balie, cookie, `/api/console/tickets/${ticketId}/end`);
    assert.equal(ended.statusCode, 204, ended.body);
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'done');
    // Once its slot is over, a booking that had its call stays done.
    await placeSlot(booking.id, '-40 minutes', '-10 minutes');
    assert.equal(await markNoShows(db), 0);
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'done');
  });

  it('shows a cancelled booking as cancelled, and who proved who they are', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Kees');
    const [first] = await freeSlotList(balie);
    const [second] = await freeSlotList(balie, 'paspoort');
    const cancelled = await book(balie, first!.start);
    const cancel = await balie.inject({
      method: 'POST',
      url: '/api/bookings/current/cancel',
      headers: { ...JSON_TYPE, ...bearer(cancelled.manageSecret) },
      payload: {},
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal((await agendaLine(balie, cookie, cancelled.booking.id)).state, 'cancelled');

    const session = await identitySession(db, 'substantieel');
    const identified = await postBooking(balie, bookingBody(second!.start, { product: 'paspoort' }), newKey(), bearer(session));
    assert.equal(identified.statusCode, 201, identified.body);
    const id = identified.json<{ booking: { id: string } }>().booking.id;
    const line = await agendaLine(balie, cookie, id);
    assert.equal(line.identified, true);
    assert.equal(line.productName, 'Paspoort aanvragen');
    const response = await balie.inject({ url: `/api/console/agenda?from=${localDate(second!.start)}&days=1`, headers: { cookie } });
    assert.doesNotMatch(response.body, /999993653/, 'never the BSN');
  });

  it('calls a booking nobody came to a no-show once its slot has ended, and counts it', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Bert');
    const [slot, other] = await freeSlotList(balie);
    const { booking } = await book(balie, slot!.start);
    await placeSlot(booking.id, '-40 minutes', '-10 minutes');
    // A citizen who joined, left again and never had a call is a no-show too.
    const left = await book(balie, other!.start);
    await placeSlot(left.booking.id, '-1 minute', '29 minutes');
    const joined = await join(balie, left.manageSecret);
    assert.equal(joined.statusCode, 201, joined.body);
    const secret = joined.json<{ secret: string }>().secret;
    const leave = await balie.inject({ method: 'POST', url: '/api/tickets/current/leave', headers: { ...JSON_TYPE, ...bearer(secret) }, payload: {} });
    assert.ok(leave.statusCode < 300, leave.body);
    await db.query(`UPDATE booking SET slot_start = slot_start - interval '45 minutes', slot_end = slot_end - interval '45 minutes' WHERE id = $1`, [left.booking.id]);

    // Read before the sweep ran: already a no-show.
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'no-show');
    assert.equal((await agendaLine(balie, cookie, left.booking.id)).state, 'no-show');

    const day = localDate(await slotStart(booking.id));
    const figures = await balie.inject({ url: `/api/console/figures?from=${day}&to=${day}`, headers: { cookie } });
    assert.equal(figures.statusCode, 200, figures.body);
    const body = figures.json<FiguresResponse>();
    const sameDay = localDate(await slotStart(left.booking.id)) === day;
    assert.equal(body.totals.noShows, sameDay ? 2 : 1);
    assert.deepEqual(
      body.rows.map((r) => [r.day, r.product, r.calls, r.noShows]),
      [[day, 'zaal-huren', 0, sameDay ? 2 : 1]],
    );

    // The sweep writes it down, once; a booking still ahead is left alone.
    const ahead = await book(balie, (await freeSlotList(balie))[0]!.start);
    assert.equal(await markNoShows(db), 2);
    assert.equal(await markNoShows(db), 0);
    const { rows } = await db.query<{ id: string; state: string }>(`SELECT id, state FROM booking ORDER BY state, id`);
    const states = new Map(rows.map((r) => [r.id, r.state]));
    assert.equal(states.get(booking.id), 'no-show');
    assert.equal(states.get(left.booking.id), 'no-show');
    assert.equal(states.get(ahead.booking.id), 'booked');
    assert.equal((await agendaLine(balie, cookie, booking.id)).state, 'no-show');
  });
});
