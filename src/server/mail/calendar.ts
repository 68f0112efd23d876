import ical from 'ical-generator';
import { localize, type BalieConfig } from '../../protocol/index.js';
import type { BookingRecord } from '../booking/booking-store.js';
import { localParts } from '../booking/zoned-time.js';

/**
 * Central European Time as both our zones (Amsterdam, Brussels) have kept it since 1996: the EU
 * rule, last Sunday of March and of October (RFC 5545 §3.6.5). Calendar apps need the VTIMEZONE
 * to place `DTSTART;TZID=…` correctly; without one they would guess.
 */
export function centralEuropeanTime(tzid: string): string {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

/** `2026-11-24T09:00:00`: the wall time of an instant in a zone, as ical-generator takes it. */
export function wallTime(date: Date, timeZone: string): string {
  const p = localParts(date.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:00`;
}

/**
 * The appointment as an iCalendar file, in the municipality's zone (`DTSTART;TZID=Europe/
 * Amsterdam:…` with its VTIMEZONE). Holds the product, the municipality and the time — no name,
 * no BSN and no manage secret: a calendar file gets forwarded and synced to places a mail does not.
 */
export function bookingCalendar(booking: BookingRecord, config: BalieConfig): string {
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  const name = config.products.find((p) => p.id === booking.product)?.name;
  const product = name ? localize(name, booking.lang) : booking.product;
  const calendar = ical({ name: config.municipality.name, prodId: '//Digitale Balie//NL' });
  calendar.timezone({ name: timeZone, generator: centralEuropeanTime });
  calendar.createEvent({
    id: `${booking.id}@digitale-balie`,
    start: wallTime(booking.start, timeZone),
    end: wallTime(booking.end, timeZone),
    timezone: timeZone,
    summary: `${product} (${config.municipality.name}, video)`,
    description: `${config.municipality.name}: ${product}`,
    location: 'Video',
  });
  return calendar.toString();
}
