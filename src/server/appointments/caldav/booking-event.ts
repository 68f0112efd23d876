import ical, { ICalEventTransparency } from 'ical-generator';
import { localize, type BalieConfig } from '../../../protocol/index.js';
import { centralEuropeanTime, wallTime } from '../../mail/calendar.js';
import { BOOKING_PROPERTY } from './busy-times.js';

/** What the employee's calendar learns of a booking. */
export interface BookingEventInput {
  bookingId: string;
  product: string;
  start: Date;
  end: Date;
}

/**
 * The file name (and UID) of a booking's event. The first event of a booking has a name that
 * follows from its id alone, so an event written just before a crash can still be found and
 * removed; a moved booking gets a new event (one UID per calendar), named after its start.
 */
export function eventName(bookingId: string, startMs?: number): string {
  return startMs === undefined ? `balie-${bookingId}` : `balie-${bookingId}-${startMs}`;
}

/**
 * The VEVENT of a booked video appointment in the employee's calendar: product, time (in the
 * municipality's zone, with its VTIMEZONE), busy, and the console link where the employee takes
 * the call. Deliberately nothing about the citizen — no name, no e-mail, no BSN, no level of
 * assurance: calendars are synced to phones and shared with colleagues; the console shows who it
 * is, to whom may see it.
 */
export function bookingEvent(input: BookingEventInput, name: string, config: BalieConfig, consoleUrl: string): string {
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  // The employee's calendar, so the Dutch name, as in the console.
  const found = config.products.find((p) => p.id === input.product);
  const product = found ? localize(found.name, 'nl') : input.product;
  const calendar = ical({ prodId: '//Digitale Balie//NL' });
  calendar.timezone({ name: timeZone, generator: centralEuropeanTime });
  calendar.createEvent({
    id: `${name}@digitale-balie`,
    start: wallTime(input.start, timeZone),
    end: wallTime(input.end, timeZone),
    timezone: timeZone,
    summary: `Video-afspraak: ${product}`,
    description:
      `Video-afspraak via de Digitale Balie (${config.municipality.name}).\n` +
      `Neem het gesprek aan in de console: ${consoleUrl}\n` +
      `Wie de inwoner is, ziet u in de console. Deze agenda bewaart geen persoonsgegevens.\n` +
      `Kenmerk: ${input.bookingId.slice(0, 8)}`,
    location: 'Video (Digitale Balie)',
    url: consoleUrl,
    transparency: ICalEventTransparency.OPAQUE,
    x: [[BOOKING_PROPERTY.toUpperCase(), input.bookingId]],
  });
  return calendar.toString();
}
