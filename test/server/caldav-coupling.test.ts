import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BookingResponse, CreateBookingResponse, SlotsResponse, SlotTakenBody } from '../../src/protocol/index.js';
import { book, bookingBody, freeSlotList, identitySession, newKey, postBooking } from './booking-support.js';
import { handEvent } from './calendar-events.js';
import { amsterdamDate, amsterdamWall, caldavConfig, CONSOLE_URL } from './caldav-support.js';
import { bearer, JSON_TYPE, testApp, useTestStore, waitFor } from './helpers.js';
import { startRadicale, type Radicale } from '../../demo/radicale.js';

describe('appointments in the employees\' CalDAV calendars (Radicale)', () => {
  const db = useTestStore();
  let radicale: Radicale;
  before(async () => {
    radicale = await startRadicale();
  });
  after(() => radicale?.dispose());

  let count = 0;
  /** A fresh app over fresh calendars of Anna (and Piet, with `two`). */
  async function coupled(t: Parameters<typeof testApp>[0], options: { two?: boolean; sweepIntervalMs?: number } = {}) {
    const n = ++count;
    const anna = await radicale.makeCalendar('anna', `afspraken-${n}`);
    const piet = options.two ? await radicale.makeCalendar('piet', `afspraken-${n}`) : undefined;
    const calendars = piet ? [anna, piet] : [anna];
    const balie = testApp(t, db, {
      config: caldavConfig(radicale.url, calendars),
      caldavCredentials: radicale.balie,
      rateLimits: {},
      ...(options.sweepIntervalMs ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
    });
    const ours = async (calendar = anna) => (await radicale.events(calendar)).filter((e) => e.ics.includes('X-DIGITALE-BALIE-BOOKING'));
    return { balie, anna, piet, ours };
  }

  it('writes the booking into the employee\'s calendar with the console link, and nothing about the citizen', async (t) => {
    const { balie, ours } = await coupled(t);
    const [slot] = await freeSlotList(balie, 'paspoort');
    const session = await identitySession(db, 'substantieel');
    const response = await postBooking(
      balie,
      bookingBody(slot!.start, { product: 'paspoort', details: { name: 'Jan Jansen', email: 'jan@example.nl', phone: '0612345678' } }),
      newKey(),
      bearer(session),
    );
    assert.equal(response.statusCode, 201, response.body);
    const [event] = await ours();
    assert.ok(event, 'one event in Anna\'s calendar');
    const ics = event.ics.replace(/\r?\n /g, ''); // unfold
    assert.match(ics, /SUMMARY:Video-afspraak: Paspoort aanvragen/);
    assert.match(ics, new RegExp(`DTSTART;TZID=Europe/Amsterdam:${amsterdamWall(slot!.start)}`));
    assert.match(ics, new RegExp(`DTEND;TZID=Europe/Amsterdam:${amsterdamWall(slot!.end)}`));
    assert.ok(ics.includes(`URL;VALUE=URI:${CONSOLE_URL}`), 'the console link, to take the call');
    for (const secret of ['999993653', 'Jan Jansen', 'jan@example.nl', '0612345678', 'substantieel', response.json<CreateBookingResponse>().manageSecret]) {
      assert.ok(!ics.includes(secret), `the calendar does not hold ${secret}`);
    }
    const config = await balie.inject({ url: '/api/config' });
    assert.ok(!config.body.includes('appointmentBackends') && !config.body.includes(radicale.url), 'browsers never see the calendar server');
    assert.match(config.body, /"appointmentBackend":"agenda"/);
  });

  it('takes events added by hand as busy: a weekly series and an all-day absence; "show as free" is not', async (t) => {
    const { balie, anna } = await coupled(t);
    const [, meeting, free] = await freeSlotList(balie);
    const weekAgo = (iso: string) => new Date(Date.parse(iso) - 7 * 86_400_000).toISOString();
    await radicale.putEvent(anna, 'teamoverleg', handEvent({ uid: 'teamoverleg', start: weekAgo(meeting!.start), end: weekAgo(meeting!.end), extra: ['RRULE:FREQ=WEEKLY'] }));
    await radicale.putEvent(anna, 'lunch', handEvent({ uid: 'lunch', start: free!.start, end: free!.end, extra: ['TRANSP:TRANSPARENT'] }));
    const day = amsterdamDate(Date.now() + 3 * 86_400_000);
    await radicale.putEvent(anna, 'vrij', handEvent({ uid: 'vrij', start: '', allDay: day.compact }));
    const offered = (await freeSlotList(balie)).map((s) => s.start);
    assert.ok(!offered.includes(meeting!.start), 'this week\'s occurrence of the series is busy');
    assert.ok(offered.includes(free!.start), 'an event shown as free leaves the slot free');
    const onDayOff = await balie.inject({ url: `/api/slots?product=zaal-huren&from=${day.iso}&days=1` });
    assert.deepEqual(onDayOff.json<SlotsResponse>().days, [], 'no slot on the day off');
  });

  it('picks up an event moved by hand on the next request', async (t) => {
    const { balie, anna } = await coupled(t);
    const [first, second] = await freeSlotList(balie);
    await radicale.putEvent(anna, 'klant', handEvent({ uid: 'klant', start: first!.start, end: first!.end }));
    assert.ok(!(await freeSlotList(balie)).some((s) => s.start === first!.start));
    await radicale.putEvent(anna, 'klant', handEvent({ uid: 'klant', start: second!.start, end: second!.end }));
    const offered = (await freeSlotList(balie)).map((s) => s.start);
    assert.ok(offered.includes(first!.start) && !offered.includes(second!.start));
  });

  it('moves the event when the citizen moves the appointment, and removes it when they cancel', async (t) => {
    const { balie, ours } = await coupled(t);
    const [slot, later] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    const moved = await balie.inject({
      method: 'POST', url: '/api/bookings/current/move', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload: { start: later!.start },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const events = await ours();
    assert.equal(events.length, 1, 'the old event is gone');
    assert.match(events[0]!.ics, new RegExp(`DTSTART;TZID=Europe/Amsterdam:${amsterdamWall(later!.start)}`));
    const cancel = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assert.equal(cancel.json<BookingResponse>().booking.state, 'cancelled');
    assert.deepEqual(await ours(), []);
  });

  it('answers a slot the employee filled by hand after the citizen saw it with slot_taken and the next free slots', async (t) => {
    const { balie, anna } = await coupled(t);
    const [slot, next] = await freeSlotList(balie);
    await radicale.putEvent(anna, 'spoed', handEvent({ uid: 'spoed', start: slot!.start, end: slot!.end }));
    const response = await postBooking(balie, bookingBody(slot!.start));
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json<SlotTakenBody>().nextFree[0]!.start, next!.start);
  });

  it('when a booking and an event by hand race for the same time, the booking is whole or wholly undone', async (t) => {
    const { balie, anna, ours } = await coupled(t);
    const slots = (await freeSlotList(balie)).slice(0, 6);
    const results = await Promise.all(
      slots.map(async (slot, i) => {
        const [response] = await Promise.all([
          postBooking(balie, bookingBody(slot.start, { details: { name: 'Inwoner', email: `i${i}@example.nl` } })),
          radicale.putEvent(anna, `hand-${i}`, handEvent({ uid: `hand-${i}`, start: slot.start, end: slot.end })),
        ]);
        return { slot, response };
      }),
    );
    for (const { slot, response } of results) {
      assert.ok([201, 409].includes(response.statusCode), response.body);
      if (response.statusCode === 409) {
        assert.ok(!response.json<SlotTakenBody>().nextFree.some((s) => s.start === slot.start), 'the next free slots leave the lost one out');
      }
    }
    const { rows } = await db.query<{ eventUrl: string }>(`SELECT event_url AS "eventUrl" FROM booking WHERE state <> 'cancelled'`);
    assert.equal(rows.length, results.filter((r) => r.response.statusCode === 201).length);
    assert.deepEqual((await ours()).map((e) => e.url).sort(), rows.map((r) => r.eventUrl).sort(), 'one event per booking, none without');
  });

  it('clears a booking that a crash left without its event, together with an event written just before', async (t) => {
    const { balie, anna, ours } = await coupled(t, { sweepIntervalMs: 50 });
    const [slot] = await freeSlotList(balie);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO booking (product, slot_start, slot_end, desk, manage_hash, idempotency_key, request_hash, name, email,
         page_url, backend, calendar, created_at)
       VALUES ('zaal-huren', $1, $2, 1, 'm', 'k', 'r', 'Jan', 'jan@example.nl', 'https://www.testdorp.nl/afspraak', 'agenda', $3,
         now() - interval '1 hour') RETURNING id`,
      [new Date(slot!.start), new Date(slot!.end), new URL(anna, radicale.url).href],
    );
    const id = rows[0]!.id;
    await radicale.putEvent(anna, `balie-${id}`, handEvent({ uid: `balie-${id}@digitale-balie`, start: slot!.start, end: slot!.end, extra: [`X-DIGITALE-BALIE-BOOKING:${id}`] }));
    await balie.ready();
    await waitFor(async () => ((await db.query(`SELECT 1 FROM booking WHERE id = $1`, [id])).rows.length === 0 ? true : undefined), 'the half booking to go');
    assert.deepEqual(await ours(), []);
    assert.equal((await freeSlotList(balie))[0]!.start, slot!.start, 'its slot is free again');
  });
});
