import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { BookingResponse, CreateBookingResponse, Slot, SlotTakenBody } from '../../src/protocol/index.js';
import type { BalieServerOptions } from '../../src/server/app.js';
import type { Db } from '../../src/server/store/index.js';
import { book, bookingBody, freeSlotList, newKey, postBooking } from './booking-support.js';
import { assertApiError, bearer, JSON_TYPE, testApp } from './helpers.js';

/** One appointment backend under the contract, fresh for each test. */
export interface ContractSubject {
  name: string;
  /**
   * App options in which product `zaal-huren` (30 minutes, around the clock) books through this
   * backend with two desks, in a state nobody has touched.
   */
  prepare(): Promise<ContractSetup>;
}

export interface ContractSetup {
  overrides: Partial<BalieServerOptions>;
  /** Takes every desk of `slot` from outside the widget (other citizens; events added by hand). */
  occupy(app: FastifyInstance, slot: Slot): Promise<void>;
  /** Asserts that what the store holds and what the backend holds agree, after each test. */
  consistent(db: Db): Promise<void>;
}

const DESKS = 2;

/**
 * The booking, cancelling and free/busy contract every appointment backend meets, as a citizen
 * sees it through the API. Called inside a `describe` that owns the store (`useTestStore`).
 */
export function appointmentContract(db: Db, subject: ContractSubject): void {
  async function app(t: Parameters<typeof testApp>[0]) {
    const setup = await subject.prepare();
    // No rate limit: the races below are the point, not the limiter.
    const balie = testApp(t, db, { rateLimits: {}, ...setup.overrides });
    t.after(() => setup.consistent(db));
    return { balie, setup };
  }
  const slotTaken = (response: Awaited<ReturnType<typeof postBooking>>) => {
    assertApiError(response, 409, 'slot_taken');
    return response.json<SlotTakenBody>().nextFree;
  };

  it(`${subject.name}: offers the free slots of the opening hours, 30 minutes apart, none in the past`, async (t) => {
    const { balie } = await app(t);
    const slots = await freeSlotList(balie);
    assert.ok(slots.length > 100, `a week around the clock has many slots, got ${slots.length}`);
    assert.ok(Date.parse(slots[0]!.start) > Date.now());
    for (const slot of slots.slice(0, 20)) assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 30 * 60_000);
    assert.equal(Date.parse(slots[2]!.start) - Date.parse(slots[1]!.start), 30 * 60_000);
  });

  it(`${subject.name}: books each desk of a slot once, then answers slot_taken with the next free slots`, async (t) => {
    const { balie } = await app(t);
    const [slot, next] = await freeSlotList(balie);
    for (let i = 0; i < DESKS; i++) await book(balie, slot!.start, { details: { name: 'Inwoner', email: `i${i}@example.nl` } });
    assert.ok(!(await freeSlotList(balie)).some((s) => s.start === slot!.start), 'a full slot is no longer offered');
    const nextFree = slotTaken(await postBooking(balie, bookingBody(slot!.start)));
    assert.equal(nextFree.length, 5);
    assert.equal(nextFree[0]!.start, next!.start);
  });

  it(`${subject.name}: does not offer a slot taken outside the widget, and answers a booking for it with the next free slots`, async (t) => {
    const { balie, setup } = await app(t);
    const [first, slot, next] = await freeSlotList(balie);
    await setup.occupy(balie, slot!);
    const offered = (await freeSlotList(balie)).map((s) => s.start);
    assert.ok(!offered.includes(slot!.start), 'the busy slot is gone from the picker');
    assert.ok(offered.includes(first!.start) && offered.includes(next!.start), 'its neighbours stay free');
    const nextFree = slotTaken(await postBooking(balie, bookingBody(slot!.start)));
    assert.equal(nextFree[0]!.start, next!.start);
  });

  it(`${subject.name}: frees a place on cancel: the slot is offered again and can be booked`, async (t) => {
    const { balie } = await app(t);
    const [slot] = await freeSlotList(balie);
    const mine = await book(balie, slot!.start);
    await book(balie, slot!.start, { details: { name: 'Piet', email: 'piet@example.nl' } });
    assert.ok(!(await freeSlotList(balie)).some((s) => s.start === slot!.start));
    const cancel = await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(mine.manageSecret) });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json<BookingResponse>().booking.state, 'cancelled');
    assert.equal((await freeSlotList(balie))[0]!.start, slot!.start, 'the slot is offered again');
    await book(balie, slot!.start, { details: { name: 'Kees', email: 'kees@example.nl' } });
    assertApiError(await balie.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(mine.manageSecret) }), 409, 'booking_cancelled');
  });

  it(`${subject.name}: moves an appointment to a free slot and frees the old one; a full slot is refused`, async (t) => {
    const { balie, setup } = await app(t);
    const [slot, later, full] = await freeSlotList(balie);
    const { manageSecret } = await book(balie, slot!.start);
    await setup.occupy(balie, full!);
    const move = (start: string) =>
      balie.inject({ method: 'POST', url: '/api/bookings/current/move', headers: { ...JSON_TYPE, ...bearer(manageSecret) }, payload: { start } });
    const moved = await move(later!.start);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<BookingResponse>().booking.start, later!.start);
    // The old slot has both its places again: two more citizens can book it.
    await book(balie, slot!.start, { details: { name: 'Piet', email: 'piet@example.nl' } });
    await book(balie, slot!.start, { details: { name: 'Kees', email: 'kees@example.nl' } });
    slotTaken(await move(full!.start));
    assertApiError(await move('2020-01-01T10:00:00Z'), 422, 'slot_unavailable');
    const current = await balie.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.equal(current.json<BookingResponse>().booking.start, later!.start, 'a refused move leaves the appointment where it was');
  });

  it(`${subject.name}: of 12 citizens racing for one slot, as many as there are desks get it; the others hear slot_taken`, async (t) => {
    const { balie } = await app(t);
    const [slot] = await freeSlotList(balie);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postBooking(balie, bookingBody(slot!.start, { details: { name: 'Inwoner', email: `i${i}@example.nl` } }), newKey()),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [...Array(DESKS).fill(201), ...Array(12 - DESKS).fill(409)], responses.map((r) => r.body).join('\n').slice(0, 2000));
    const ids = responses.filter((r) => r.statusCode === 201).map((r) => r.json<CreateBookingResponse>().booking.id);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM booking WHERE slot_start = $1 AND state <> 'cancelled'`, [new Date(slot!.start)]);
    assert.deepEqual(rows.map((r) => r.id).sort(), ids.sort());
  });
}
