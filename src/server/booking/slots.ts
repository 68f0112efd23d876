import type { OpeningHours, Slot, SlotDay, WeekHours } from '../../protocol/index.js';
import { addDays, localDate, localParts, weekday, zonedDay, zonedInstant } from './zoned-time.js';

/** Length of a slot when the product names none. */
export const DEFAULT_DURATION_MINUTES = 15;
/** How many days ahead a citizen may book when the config names none. */
export const DEFAULT_DAYS_AHEAD = 14;
/** How many minutes early the waiting room opens when the config names none. */
export const DEFAULT_JOIN_EARLY_MINUTES = 10;

const dayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** What {@link freeSlots} needs: the rules, the booked set and the clock. */
export interface SlotQuery {
  hours: OpeningHours;
  durationMinutes?: number;
  /** Bookings per slot start (`Date.getTime()`); a slot is free while this is below `desks`. */
  booked?: Map<number, number>;
  /**
   * Instead of `booked`: whether the slot from `startMs` to `endMs` is free, for a calendar
   * backend whose busy times need not fall on the grid.
   */
  isFree?: (startMs: number, endMs: number) => boolean;
  now: number;
  /** First local date to show, `YYYY-MM-DD`; default and earliest: today in the zone. */
  from?: string;
  /** How many local days from `from`; never past today + `daysAhead`. */
  days?: number;
  /** Stop once this many free slots are found (for "the next free ones"). */
  limit?: number;
  /** Only slots that start after this instant (epoch ms), as well as after `now`. */
  after?: number;
}

/** `09:00-12:30` → `[540, 750]`, minutes after local midnight. */
function parsePeriod(period: string): [number, number] {
  const [from, to] = period.split('-') as [string, string];
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return [minutes(from), minutes(to)];
}

/** The periods of a local date in `week`, or none on a holiday or a closed weekday. */
function periodsOn(week: WeekHours, date: string, holidays: readonly string[] = []): string[] {
  if (holidays.includes(date)) return [];
  // `HH:MM-…` sorts as text in time order; the config may list a day's periods in any order.
  return [...(week[dayKeys[weekday(date)]!] ?? [])].sort();
}

/**
 * Every slot of one local date by the opening hours alone (booked or not, past or not): from the
 * start of each period, one every `durationMinutes`, as long as it ends within the period.
 */
export function slotsOfDay(hours: OpeningHours, date: string, durationMinutes: number): Slot[] {
  return slotStartsOfDay(hours, date, durationMinutes).map((start) => slotAt(start, durationMinutes));
}

/** The starts (ms) of {@link slotsOfDay}: a day of 5-minute slots is hundreds, so numbers first. */
function slotStartsOfDay(hours: OpeningHours, date: string, durationMinutes: number): number[] {
  const starts: number[] = [];
  const instant = zonedDay(date, hours.timeZone);
  for (const period of periodsOn(hours.appointments, date, hours.holidays)) {
    const [open, close] = parsePeriod(period);
    for (let minute = open; minute + durationMinutes <= close; minute += durationMinutes) {
      const start = instant(minute);
      // A wall time skipped by the spring change has no instant: no slot then.
      if (start !== undefined) starts.push(start);
    }
  }
  return starts;
}

function slotAt(start: number, durationMinutes: number): Slot {
  return { start: new Date(start).toISOString(), end: new Date(start + durationMinutes * 60_000).toISOString() };
}

/** The local dates a citizen may book on now: today and the `daysAhead - 1` after it. */
export function bookableDates(hours: OpeningHours, now: number): { first: string; last: string } {
  const first = localDate(now, hours.timeZone);
  return { first, last: addDays(first, (hours.daysAhead ?? DEFAULT_DAYS_AHEAD) - 1) };
}

/**
 * The free slots per local day, in UTC ISO strings: on the opening hours' grid, not on a
 * holiday, starting after `now`, and booked fewer times than there are desks. Days without a free
 * slot are left out.
 */
export function freeSlots(query: SlotQuery): SlotDay[] {
  const { hours, now, booked = new Map() } = query;
  const duration = query.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const desks = hours.desks ?? 1;
  const isFree = query.isFree ?? ((start: number) => (booked.get(start) ?? 0) < desks);
  const earliest = Math.max(now, query.after ?? now);
  const { first, last } = bookableDates(hours, now);
  const from = query.from && query.from > first ? query.from : first;
  const days: SlotDay[] = [];
  const count = query.days ?? hours.daysAhead ?? DEFAULT_DAYS_AHEAD;
  let left = query.limit ?? Infinity;
  for (let i = 0, date = from; i < count && date <= last && left > 0; i++, date = addDays(date, 1)) {
    const slots = slotStartsOfDay(hours, date, duration)
      .filter((start) => start > earliest && isFree(start, start + duration * 60_000))
      .slice(0, left)
      .map((start) => slotAt(start, duration));
    left -= slots.length;
    if (slots.length > 0) days.push({ date, slots });
  }
  return days;
}

/**
 * The slot that starts at `startMs`, when it is one a citizen may book now (on the grid, within
 * the bookable days, in the future); `undefined` otherwise. Whether it is still free is the
 * database's question.
 */
export function bookableSlot(
  hours: OpeningHours,
  durationMinutes: number | undefined,
  startMs: number,
  now: number,
): Slot | undefined {
  if (!Number.isFinite(startMs) || startMs <= now) return undefined;
  const local = localParts(startMs, hours.timeZone);
  const date = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
  const { first, last } = bookableDates(hours, now);
  if (date < first || date > last) return undefined;
  const duration = durationMinutes ?? DEFAULT_DURATION_MINUTES;
  // One slot is checked against the day's periods by arithmetic, not by listing the whole day:
  // on the grid of a period, ending within it, and the wall time really being this instant (an
  // hour repeated in autumn has two instants; the grid takes the first).
  const minute = local.hour * 60 + local.minute;
  const onGrid = periodsOn(hours.appointments, date, hours.holidays).some((period) => {
    const [open, close] = parsePeriod(period);
    return minute >= open && minute + duration <= close && (minute - open) % duration === 0;
  });
  if (!onGrid || startMs % 60_000 !== 0 || zonedInstant(date, minute, hours.timeZone) !== startMs) return undefined;
  return slotAt(startMs, duration);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Whether the live queue is open now, and when it next opens (within two weeks). */
export interface WalkInStatus {
  open: boolean;
  opensAt?: string;
}

/**
 * Whether "join now" is open at `now` by `openingHours.walkIn`; always open without walk-in
 * hours (the walking skeleton's behaviour).
 */
export function walkInStatus(hours: OpeningHours | undefined, now: number): WalkInStatus {
  if (!hours?.walkIn) return { open: true };
  const today = localDate(now, hours.timeZone);
  for (let i = 0; i < 15; i++) {
    const date = addDays(today, i);
    for (const period of periodsOn(hours.walkIn, date, hours.holidays)) {
      const [open, close] = parsePeriod(period);
      const start = zonedInstant(date, open, hours.timeZone);
      const end = zonedInstant(date, close, hours.timeZone);
      if (start === undefined || end === undefined) continue;
      if (start <= now && now < end) return { open: true };
      if (start > now) return { open: false, opensAt: new Date(start).toISOString() };
    }
  }
  return { open: false };
}
