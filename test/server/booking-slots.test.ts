import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpeningHours } from '../../src/protocol/index.js';
import { bookableSlot, freeSlots, walkInStatus } from '../../src/server/booking/slots.js';

const weekdays = ['09:00-12:00'];
function hours(overrides: Partial<OpeningHours> = {}): OpeningHours {
  return {
    timeZone: 'Europe/Amsterdam',
    appointments: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
    ...overrides,
  };
}
const at = (iso: string) => Date.parse(iso);
const starts = (days: ReturnType<typeof freeSlots>, date: string) =>
  days.find((d) => d.date === date)?.slots.map((s) => s.start) ?? [];

describe('free slots from opening hours', () => {
  const zones = ['Europe/Amsterdam', 'Europe/Brussels'] as const;
  const table = [
    // Winter time (UTC+1) before the spring change, summer time (UTC+2) after it.
    { name: 'Friday before the spring change: 09:00 is 08:00 UTC', date: '2026-03-27', first: '2026-03-27T08:00:00.000Z' },
    { name: 'Monday after the spring change: 09:00 is 07:00 UTC', date: '2026-03-30', first: '2026-03-30T07:00:00.000Z' },
    { name: 'Friday before the autumn change: 09:00 is 07:00 UTC', date: '2026-10-23', first: '2026-10-23T07:00:00.000Z' },
    { name: 'Monday after the autumn change: 09:00 is 08:00 UTC', date: '2026-10-26', first: '2026-10-26T08:00:00.000Z' },
  ];
  for (const timeZone of zones) {
    for (const row of table) {
      it(`${timeZone}: ${row.name}`, () => {
        const now = at(`${row.date}T00:00:00Z`) - 2 * 86_400_000;
        const days = freeSlots({ hours: hours({ timeZone }), now, durationMinutes: 30 });
        const list = starts(days, row.date);
        assert.equal(list[0], row.first);
        assert.equal(list.length, 6, '09:00-12:00 in half hours is six slots');
        assert.equal(list[5], new Date(at(row.first) + 150 * 60_000).toISOString());
      });
    }
  }

  it('skips the hour that does not exist on the last Sunday of March', () => {
    const h = hours({ appointments: { sun: ['01:00-04:00'] } });
    const days = freeSlots({ hours: h, now: at('2026-03-27T12:00:00Z'), durationMinutes: 30 });
    assert.deepEqual(starts(days, '2026-03-29'), [
      '2026-03-29T00:00:00.000Z', // 01:00 CET
      '2026-03-29T00:30:00.000Z', // 01:30 CET; 02:00 and 02:30 never happen
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('offers the repeated hour of the last Sunday of October once', () => {
    const h = hours({ timeZone: 'Europe/Brussels', appointments: { sun: ['01:00-04:00'] } });
    const days = freeSlots({ hours: h, now: at('2026-10-23T12:00:00Z'), durationMinutes: 30 });
    assert.deepEqual(starts(days, '2026-10-25'), [
      '2026-10-24T23:00:00.000Z', // 01:00 CEST
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z', // 02:00 CEST, the first of the two
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('never offers a holiday or a closed weekday', () => {
    const h = hours({ holidays: ['2026-12-25'] });
    const days = freeSlots({ hours: h, now: at('2026-12-20T12:00:00Z') });
    const dates = days.map((d) => d.date);
    assert.ok(!dates.includes('2026-12-25'), 'Christmas is closed');
    assert.ok(!dates.includes('2026-12-26'), 'Saturday is closed');
    assert.ok(dates.includes('2026-12-24'));
  });

  it('never offers a slot in the past, and nothing past daysAhead', () => {
    const now = at('2026-11-24T09:20:00Z'); // 10:20 in Amsterdam, a Tuesday
    const days = freeSlots({ hours: hours({ daysAhead: 3 }), now });
    assert.deepEqual(days.map((d) => d.date), ['2026-11-24', '2026-11-25', '2026-11-26']);
    assert.equal(days[0]!.slots[0]!.start, '2026-11-24T09:30:00.000Z', 'the first is 10:30');
  });

  it('keeps a slot while fewer bookings than desks hold it', () => {
    const now = at('2026-11-23T06:00:00Z');
    const slot = at('2026-11-24T08:00:00Z');
    const oneDesk = freeSlots({ hours: hours(), now, booked: new Map([[slot, 1]]) });
    assert.ok(!starts(oneDesk, '2026-11-24').includes('2026-11-24T08:00:00.000Z'));
    const twoDesks = freeSlots({ hours: hours({ desks: 2 }), now, booked: new Map([[slot, 1]]) });
    assert.ok(starts(twoDesks, '2026-11-24').includes('2026-11-24T08:00:00.000Z'));
  });

  it('starts at `from` and shows `days` days', () => {
    const days = freeSlots({ hours: hours(), now: at('2026-11-23T06:00:00Z'), from: '2026-11-26', days: 2 });
    assert.deepEqual(days.map((d) => d.date), ['2026-11-26', '2026-11-27']);
  });
});

describe('bookable slot', () => {
  const now = at('2026-11-23T06:00:00Z');
  const table = [
    { start: '2026-11-24T08:00:00.000Z', ok: true, why: '09:00 on a Tuesday' },
    { start: '2026-11-24T08:05:00.000Z', ok: false, why: 'off the 15-minute grid' },
    { start: '2026-11-24T11:00:00.000Z', ok: false, why: '12:00 is closing time' },
    { start: '2026-11-28T08:00:00.000Z', ok: false, why: 'a Saturday' },
    { start: '2026-11-20T08:00:00.000Z', ok: false, why: 'in the past' },
    { start: '2027-01-05T08:00:00.000Z', ok: false, why: 'past daysAhead' },
  ];
  for (const row of table) {
    it(`${row.ok ? 'accepts' : 'refuses'} ${row.why}`, () => {
      assert.equal(bookableSlot(hours(), undefined, at(row.start), now) !== undefined, row.ok);
    });
  }
});

describe('walk-in hours', () => {
  const h = hours({ walkIn: { mon: ['13:00-16:00'], tue: ['13:00-16:00'] } });
  it('is open within the hours', () => {
    assert.deepEqual(walkInStatus(h, at('2026-11-23T13:00:00Z')), { open: true });
  });
  it('is closed outside them and says when it opens', () => {
    assert.deepEqual(walkInStatus(h, at('2026-11-23T16:00:00Z')), {
      open: false,
      opensAt: '2026-11-24T12:00:00.000Z',
    });
  });
  it('is always open without walk-in hours', () => {
    assert.deepEqual(walkInStatus(hours(), at('2026-11-23T02:00:00Z')), { open: true });
  });
});
