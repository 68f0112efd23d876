import ICAL from 'ical.js';
import { zonedInstant } from '../../booking/zoned-time.js';

/** One busy period of a calendar, in epoch milliseconds, `[start, end)`. */
export interface BusyTime {
  start: number;
  end: number;
  /** The booking a balie event belongs to (its `X-DIGITALE-BALIE-BOOKING`); absent for others. */
  bookingId?: string;
}

/** The property that marks an event as the balie's own, holding the booking id. */
export const BOOKING_PROPERTY = 'x-digitale-balie-booking';

// A series is expanded from its first occurrence: a daily one of fifty years fits; beyond is cut off.
const MAX_OCCURRENCES = 20_000;

/**
 * The busy times in `[fromMs, toMs)` of the calendar objects a CalDAV `calendar-query` returned:
 * every event, its recurrences expanded (with their exceptions), except what does not block time:
 * `TRANSP:TRANSPARENT` ("show as free") and `STATUS:CANCELLED`. Times are read in their own
 * `TZID` when the platform knows that zone (Intl's tz database, not the VTIMEZONE's rules), else
 * by the VTIMEZONE the object carries; floating times and all-day events are in `timeZone`, the
 * municipality's. A part that cannot be read is an Error naming it: guessing "free" would book
 * over an appointment.
 */
export function busyTimes(objects: readonly string[], fromMs: number, toMs: number, timeZone: string): BusyTime[] {
  const busy: BusyTime[] = [];
  for (const data of objects) {
    const calendar = new ICAL.Component(ICAL.parse(data));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent');
    const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
    for (const master of masters) {
      const event = new ICAL.Event(master);
      for (const other of events) {
        if (other !== master && other.hasProperty('recurrence-id') && other.getFirstPropertyValue('uid') === event.uid) {
          event.relateException(other);
        }
      }
      busy.push(...occurrences(event, fromMs, toMs, timeZone));
    }
    // An override whose series lives elsewhere (another object) still blocks its own time.
    const uids = new Set(masters.map((m) => m.getFirstPropertyValue('uid')));
    for (const orphan of events.filter((e) => e.hasProperty('recurrence-id') && !uids.has(e.getFirstPropertyValue('uid')))) {
      busy.push(...occurrences(new ICAL.Event(orphan), fromMs, toMs, timeZone));
    }
  }
  return busy.sort((a, b) => a.start - b.start);
}

function occurrences(event: ICAL.Event, fromMs: number, toMs: number, timeZone: string): BusyTime[] {
  const found: BusyTime[] = [];
  const add = (component: ICAL.Component, start: ICAL.Time, end: ICAL.Time) => {
    if (!blocks(component)) return;
    const from = instantOf(start, timeZone);
    // No DTEND or DURATION: a timed event takes no time, a day event its whole day (RFC 5545 §3.6.1).
    const until = instantOf(end, timeZone);
    const busyUntil = until > from ? until : start.isDate ? from + 86_400_000 : from;
    if (from < toMs && busyUntil > fromMs) {
      const bookingId = component.getFirstPropertyValue(BOOKING_PROPERTY);
      found.push({ start: from, end: busyUntil, ...(typeof bookingId === 'string' ? { bookingId } : {}) });
    }
  };
  if (!event.isRecurring()) {
    add(event.component, event.startDate, event.endDate);
    return found;
  }
  const iterator = event.iterator();
  for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES; i++, next = iterator.next()) {
    if (instantOf(next, timeZone) >= toMs) break;
    const details = event.getOccurrenceDetails(next);
    add(details.item.component, details.startDate, details.endDate);
  }
  return found;
}

/** Whether an event takes the employee's time: not "show as free", not cancelled. */
function blocks(component: ICAL.Component): boolean {
  const transp = String(component.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp !== 'TRANSPARENT' && status !== 'CANCELLED';
}

const knownZones = new Map<string, boolean>();

function isKnownZone(tzid: string): boolean {
  let known = knownZones.get(tzid);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tzid });
      known = true;
    } catch {
      known = false; // not an IANA name (Outlook writes "W. Europe Standard Time"): use the VTIMEZONE
    }
    knownZones.set(tzid, known);
  }
  return known;
}

/** The instant an iCalendar time stands for; see {@link busyTimes} for which zone is used. */
function instantOf(time: ICAL.Time, timeZone: string): number {
  const registered = time.zone && time.zone.tzid !== 'floating' ? time.zone.tzid : undefined;
  // ical.js keeps a TZID it has no VTIMEZONE for in `timezone` (not in its typings) and floats the time.
  const tzid = registered ?? (time as ICAL.Time & { timezone?: string }).timezone;
  if (!time.isDate && tzid && !isKnownZone(tzid) && registered) return time.toUnixTime() * 1000;
  const zone = !time.isDate && tzid && isKnownZone(tzid) ? tzid : timeZone;
  const date = `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  const minutes = time.isDate ? 0 : time.hour * 60 + time.minute;
  const instant = zonedInstant(date, minutes, zone);
  // A wall time skipped by the spring change takes the offset from before the gap (RFC 5545 §3.3.5).
  const exact = instant ?? zonedInstant(date, minutes - 60, zone)! + 3_600_000;
  return exact + (time.isDate ? 0 : time.second * 1000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
