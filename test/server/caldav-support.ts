import type { BalieConfig } from '../../src/protocol/index.js';
import { bookingConfig } from './booking-support.js';

export const CONSOLE_URL = 'http://127.0.0.1:4100/medewerker/';

/**
 * The booking test config with `zaal-huren` and `paspoort` kept in CalDAV calendars (`agenda`),
 * one desk per calendar.
 */
export function caldavConfig(url: string, calendars: string[], timeoutSeconds?: number): BalieConfig {
  return {
    ...bookingConfig,
    products: bookingConfig.products.map((p) =>
      p.id === 'zaal-huren' || p.id === 'paspoort' ? { ...p, appointmentBackend: 'agenda' } : p,
    ),
    appointmentBackends: {
      agenda: { type: 'caldav', url, calendars, consoleUrl: CONSOLE_URL, ...(timeoutSeconds ? { timeoutSeconds } : {}) },
    },
  };
}

/** `20261124T100000`: an instant's wall time in Amsterdam, as `DTSTART;TZID=Europe/Amsterdam:` has it. */
export function amsterdamWall(iso: string | number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' })
    .format(new Date(iso))
    .replace(/[-:]/g, '')
    .replace(' ', 'T');
}

/** The local date in Amsterdam, `YYYY-MM-DD` and `YYYYMMDD`. */
export function amsterdamDate(ms: number): { iso: string; compact: string } {
  const iso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(ms));
  return { iso, compact: iso.replace(/-/g, '') };
}
