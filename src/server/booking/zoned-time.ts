/**
 * Wall-clock arithmetic in a named time zone with nothing but `Intl.DateTimeFormat`: the offset
 * of a zone at an instant, and the instant of a local date and time. Daylight-saving changes are
 * the platform's tz database's business, never a table of ours.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of an instant in a zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The local date and time of `instantMs` in `timeZone`. */
export function localParts(instantMs: number, timeZone: string): LocalParts {
  // formatToParts is the slow part of a booking's slot check: the same instants (slot starts,
  // midnights) come back all the time, so their answers are kept, a bounded number of them.
  const key = `${timeZone} ${instantMs}`;
  const known = partsCache.get(key);
  if (known) return known;
  const local = computeLocalParts(instantMs, timeZone);
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  partsCache.set(key, Object.freeze(local));
  return local;
}

const PARTS_CACHE_SIZE = 20_000;
const partsCache = new Map<string, Readonly<LocalParts>>();

function computeLocalParts(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** Minutes the zone is ahead of UTC at `instantMs` (Amsterdam: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instantMs / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which the clocks in `timeZone` show `date` (`YYYY-MM-DD`) and `minutes` after
 * midnight; `undefined` for a time that does not exist there (the hour skipped in spring). Of a
 * time that happens twice (the hour repeated in autumn) the first is taken.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number | undefined {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const offsets = offsetsAround(date, timeZone);
  // No change within two days either side: every wall time of the day has this one offset. Spares
  // an Intl call per slot on all but the two change days of a year.
  if (offsets.length === 1) return wall - offsets[0]! * 60_000;
  const fits = offsets
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wall - zoneOffsetMinutes(instant, timeZone) * 60_000 === instant)
    .sort((a, b) => a - b);
  return fits[0];
}

/**
 * {@link zonedInstant} for many times of one date: the date is read once, and on a day with one
 * offset (all but the two change days of a year) each time is plain arithmetic.
 */
export function zonedDay(date: string, timeZone: string): (minutes: number) => number | undefined {
  const offsets = offsetsAround(date, timeZone);
  if (offsets.length !== 1) return (minutes) => zonedInstant(date, minutes, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d) - offsets[0]! * 60_000;
  return (minutes) => midnight + minutes * 60_000;
}

const offsetCache = new Map<string, number[]>();

/**
 * The offsets in force from a day and a half before `date` to a day and a half after: one of them
 * is right for any wall time that day (zones change at most once a day). Cached per date, since a
 * day of slots asks for the same ones hundreds of times.
 */
function offsetsAround(date: string, timeZone: string): number[] {
  const key = `${timeZone} ${date}`;
  let offsets = offsetCache.get(key);
  if (!offsets) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const noon = Date.UTC(y, m - 1, d, 12);
    offsets = [...new Set([
      zoneOffsetMinutes(noon - 48 * 3_600_000, timeZone),
      zoneOffsetMinutes(noon + 48 * 3_600_000, timeZone),
    ])];
    if (offsetCache.size > 5000) offsetCache.clear();
    offsetCache.set(key, offsets);
  }
  return offsets;
}

/** The local date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(instantMs: number, timeZone: string): string {
  const p = localParts(instantMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `date` plus `days` calendar days (dates have no zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 for Sunday … 6 for Saturday, as `Date.getUTCDay`. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
