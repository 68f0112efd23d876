import type { FastifyBaseLogger } from 'fastify';
import { localize, type AppointmentBackendConfig, type BalieConfig, type CouplingHealth, type Slot } from '../../../protocol/index.js';
import {
  calendarBookings,
  cancelBooking,
  confirmEvent,
  deleteUnconfirmedBooking,
  insertBooking,
  moveBooking,
} from '../../booking/booking-store.js';
import { bookableDates, freeSlots } from '../../booking/slots.js';
import { addDays, zonedInstant } from '../../booking/zoned-time.js';
import type { Db } from '../../store/index.js';
import type { AppointmentBackend } from '../appointment-backend.js';
import { calendarUnavailable } from '../calendar-unavailable.js';
import { bookingEvent, eventName } from './booking-event.js';
import { busyTimes, type BusyTime } from './busy-times.js';
import { CaldavClient, CalendarRequestError, type CaldavCredentials } from './caldav-client.js';

/** Options of {@link caldavBackend}. */
export interface CaldavBackendOptions {
  /** The `appointmentBackends` id. */
  id: string;
  settings: AppointmentBackendConfig;
  config: BalieConfig;
  db: Db;
  credentials?: CaldavCredentials;
  log: FastifyBaseLogger;
}

const plugin = 'balie-appointments';
const DEFAULT_TIMEOUT_SECONDS = 5;
// A health answer is reused this long, however many consoles ask.
const HEALTH_TTL_MS = 2_000;
// A row still waiting for its event after this long was left by a crash (a request takes seconds).
const PENDING_GRACE_MS = 10 * 60_000;

/**
 * Appointments in employees' CalDAV calendars. Each configured calendar is a desk: a slot is free
 * while one calendar has nothing during it. Free/busy is read live — on every slot list and again
 * when booking — so an event the employee adds, moves or deletes by hand counts from the next
 * request on; nothing is cached or synced in between.
 *
 * A booking is a row and an event, written in that order and undone in reverse when a step fails,
 * so the citizen never holds a booking without its event nor the employee an event without its
 * booking:
 * 1. pick a calendar that is free now (live read);
 * 2. insert the row on that desk: the unique index settles two citizens racing for it;
 * 3. write the event (`If-None-Match: *`);
 * 4. read the calendar again: did an event appear by hand meanwhile? Then the employee's own
 *    appointment wins: ours is removed, the row deleted, and the next calendar tried;
 * 5. record the event's URL on the row: the booking is whole.
 * A calendar that is down or slow stops this at any step with 503 `calendar_unavailable`.
 */
export function caldavBackend(options: CaldavBackendOptions): AppointmentBackend {
  const { id, settings, config, db, log } = options;
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  const timeoutMs = (settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const client = new CaldavClient(settings.url, options.credentials, timeoutMs);
  const calendars = settings.calendars.map((path) => client.calendarUrl(path));
  let lastHealth: { at: number; health: Promise<CouplingHealth> } | undefined;

  /** Busy times per calendar (events and this balie's live rows), leaving out `except`'s own. */
  async function busyOf(fromMs: number, toMs: number, except?: string): Promise<BusyTime[][]> {
    const [events, rows] = await Promise.all([
      Promise.all(calendars.map(async (url) => busyTimes(await client.events(url, fromMs, toMs), fromMs, toMs, timeZone))),
      calendarBookings(db, calendars, fromMs, toMs),
    ]);
    return calendars.map((url, i) => [
      ...events[i]!.filter((busy) => except === undefined || busy.bookingId !== except),
      ...rows
        .filter((row) => row.calendar === url && row.id !== except)
        .map((row) => ({ start: new Date(row.start).getTime(), end: new Date(row.end).getTime(), bookingId: row.id })),
    ]);
  }

  const overlaps = (busy: BusyTime[], start: number, end: number) => busy.some((b) => b.start < end && b.end > start);

  /** Whether anything but `bookingId`'s own event lies in the slot on this calendar now. */
  async function clashes(calendarUrl: string, start: number, end: number, bookingId: string): Promise<boolean> {
    const others = busyTimes(await client.events(calendarUrl, start, end), start, end, timeZone);
    return overlaps(others.filter((busy) => busy.bookingId !== bookingId), start, end);
  }

  /** Best effort while undoing: the step that failed is what the citizen hears about. */
  async function removeQuietly(eventUrl: string): Promise<void> {
    await client.remove(eventUrl).catch((error: unknown) =>
      log.error({ backend: id, event: eventUrl, err: error }, `${plugin}: could not remove event ${eventUrl}; remove it by hand`),
    );
  }

  function failed(error: unknown, product: string, action: 'book' | 'cancel' | 'move' | 'list'): never {
    if (!(error instanceof CalendarRequestError)) throw error;
    log.warn({ backend: id, problem: error.problem }, `${plugin}: ${id}: ${error.message}`);
    throw calendarUnavailable(id, product, action, error);
  }

  async function writeEvent(calendarUrl: string, name: string, booking: { id: string; product: string; start: Date; end: Date }, overwrite = false) {
    const ics = bookingEvent({ bookingId: booking.id, product: booking.product, start: booking.start, end: booking.end }, name, config, settings.consoleUrl);
    return client.put(calendarUrl, name, ics, overwrite);
  }

  return {
    id,

    async freeSlots({ product, hours }, now, range = {}) {
      const { first, last } = bookableDates(hours, now);
      const fromDate = range.from && range.from > first ? range.from : first;
      const lastDate = range.days ? minDate(addDays(fromDate, range.days - 1), last) : last;
      const fromMs = Math.max(now, zonedInstant(fromDate, 0, hours.timeZone) ?? now);
      const toMs = zonedInstant(addDays(lastDate, 1), 0, hours.timeZone) ?? fromMs;
      if (toMs <= fromMs) return [];
      let busy: BusyTime[][];
      try {
        busy = await busyOf(fromMs, toMs);
      } catch (error) {
        failed(error, product.id, 'list');
      }
      const isFree = (start: number, end: number) => busy.some((calendar) => !overlaps(calendar, start, end));
      return freeSlots({ hours, durationMinutes: product.durationMinutes, now, ...range, isFree });
    },

    async book({ product }, booking) {
      const start = booking.start.getTime();
      const end = booking.end.getTime();
      let busy: BusyTime[][];
      try {
        busy = await busyOf(start, end);
      } catch (error) {
        failed(error, product.id, 'book');
      }
      for (const [index, calendarUrl] of calendars.entries()) {
        if (overlaps(busy[index]!, start, end)) continue;
        const made = await insertBooking(db, booking, index + 1, { backend: id, calendar: calendarUrl });
        if (!made) continue;
        const bookingId = made.id;
        let eventUrl: string | undefined;
        try {
          eventUrl = await writeEvent(calendarUrl, eventName(bookingId), { ...booking, id: bookingId });
          if (!(await clashes(calendarUrl, start, end, bookingId))) {
            await confirmEvent(db, bookingId, eventUrl);
            return { ...made, eventUrl };
          }
          log.info({ backend: id, calendar: calendarUrl }, `${plugin}: an event was added by hand at the same time; that one keeps the slot`);
        } catch (error) {
          if (eventUrl) await removeQuietly(eventUrl);
          await deleteUnconfirmedBooking(db, bookingId);
          failed(error, product.id, 'book');
        }
        await removeQuietly(eventUrl!);
        await deleteUnconfirmedBooking(db, bookingId);
      }
      return undefined;
    },

    async cancel(booking) {
      if (booking.eventUrl) {
        try {
          await client.remove(booking.eventUrl);
        } catch (error) {
          failed(error, booking.product, 'cancel');
        }
      }
      const cancelled = await cancelBooking(db, booking.id);
      // It started in the meantime (the citizen joined): it keeps its place in the calendar.
      if (!cancelled && booking.calendar && booking.eventUrl) {
        const name = new URL(booking.eventUrl).pathname.split('/').at(-1)!.replace(/\.ics$/, '');
        await writeEvent(booking.calendar, name, booking, true).catch((error: unknown) =>
          log.error({ backend: id, err: error }, `${plugin}: could not put back the event of booking ${booking.id}`),
        );
      }
      return cancelled;
    },

    async move({ product }, booking, slot: Slot) {
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      const moved = { ...booking, start: new Date(start), end: new Date(end) };
      try {
        const busy = await busyOf(start, end, booking.id);
        for (const [index, calendarUrl] of calendars.entries()) {
          if (overlaps(busy[index]!, start, end)) continue;
          // The new event goes in first, the old one out last: a failure in between leaves the
          // booking as it was, at its old time with its old event.
          const eventUrl = await writeEvent(calendarUrl, eventName(booking.id, start), moved, true);
          if (await clashes(calendarUrl, start, end, booking.id)) {
            await removeQuietly(eventUrl);
            continue;
          }
          const outcome = await moveBooking(db, booking.id, moved, index + 1, { calendar: calendarUrl, eventUrl });
          if (outcome !== 'moved') {
            await removeQuietly(eventUrl);
            if (outcome === 'not-booked') return outcome;
            continue;
          }
          if (booking.eventUrl && booking.eventUrl !== eventUrl) await removeQuietly(booking.eventUrl);
          return 'moved';
        }
        return 'taken';
      } catch (error) {
        failed(error, product.id, 'move');
      }
    },

    health() {
      const now = Date.now();
      if (!lastHealth || now - lastHealth.at > HEALTH_TTL_MS) {
        lastHealth = { at: now, health: checkHealth(now) };
      }
      return lastHealth.health;
    },

    async settle() {
      const { rows } = await db.query<{ id: string; calendar: string }>(
        `SELECT id, calendar FROM booking
         WHERE backend = $1 AND event_url IS NULL AND created_at < now() - make_interval(secs => $2)`,
        [id, PENDING_GRACE_MS / 1000],
      );
      for (const row of rows) {
        // Its event may have been written just before the crash: its name follows from the id.
        await client.remove(new URL(`${eventName(row.id)}.ics`, row.calendar).href);
        await deleteUnconfirmedBooking(db, row.id);
        log.warn({ backend: id, booking: row.id }, `${plugin}: removed a booking whose event was never confirmed`);
      }
    },
  };

  async function checkHealth(now: number): Promise<CouplingHealth> {
    const productNames = config.products.filter((p) => p.appointmentBackend === id).map((p) => localize(p.name, 'nl'));
    const base = { id, type: 'caldav' as const, productNames, checkedAt: new Date(now).toISOString() };
    try {
      await Promise.all(calendars.map((url) => client.probe(url)));
      return { ...base, state: 'ok' };
    } catch (error) {
      const problem = error instanceof CalendarRequestError ? error.problem : 'error';
      return { ...base, state: 'down', problem, detail: (error as Error).message };
    }
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
