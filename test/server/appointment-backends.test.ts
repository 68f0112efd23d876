import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { BalieConfig } from '../../src/protocol/index.js';
import { appointmentContract, type ContractSubject } from './appointment-contract.js';
import { book, bookingConfig } from './booking-support.js';
import { useTestStore } from './helpers.js';
import { startRadicale, type Radicale } from '../../demo/radicale.js';
import { handEvent } from './calendar-events.js';

describe('the appointment backend contract', () => {
  const db = useTestStore();

  const builtin: ContractSubject = {
    name: 'built-in store',
    async prepare() {
      return {
        overrides: { config: { ...bookingConfig, openingHours: { ...bookingConfig.openingHours!, desks: 2 } } },
        async occupy(app, slot) {
          await book(app, slot.start, { details: { name: 'Eerste', email: 'een@example.nl' } });
          await book(app, slot.start, { details: { name: 'Tweede', email: 'twee@example.nl' } });
        },
        consistent: async () => undefined,
      };
    },
  };
  appointmentContract(db, builtin);

  let radicale: Radicale;
  before(async () => {
    radicale = await startRadicale();
  });
  after(() => radicale?.dispose());
  let calendars = 0;

  const caldav: ContractSubject = {
    name: 'CalDAV (Radicale)',
    async prepare() {
      // Fresh calendars per test: the store is emptied between tests, a calendar server is not.
      const n = ++calendars;
      const anna = await radicale.makeCalendar('anna', `balie-${n}`);
      const piet = await radicale.makeCalendar('piet', `balie-${n}`);
      const config: BalieConfig = {
        ...bookingConfig,
        products: bookingConfig.products.map((p) => (p.id === 'zaal-huren' ? { ...p, appointmentBackend: 'agenda' } : p)),
        appointmentBackends: {
          agenda: { type: 'caldav', url: radicale.url, calendars: [anna, piet], consoleUrl: 'http://127.0.0.1:4100/medewerker/' },
        },
      };
      return {
        overrides: { config, caldavCredentials: radicale.balie },
        async occupy(_app, slot) {
          for (const calendar of [anna, piet]) {
            await radicale.putEvent(calendar, `bezet-${Date.parse(slot.start)}`, handEvent({ uid: `bezet-${Date.parse(slot.start)}`, start: slot.start, end: slot.end }));
          }
        },
        async consistent(store) {
          // No booking without its event, no event of ours without its booking.
          const { rows } = await store.query<{ eventUrl: string }>(
            `SELECT event_url AS "eventUrl" FROM booking WHERE state <> 'cancelled' ORDER BY 1`,
          );
          const events = [...(await radicale.events(anna)), ...(await radicale.events(piet))].filter((e) => e.ics.includes('X-DIGITALE-BALIE-BOOKING'));
          assert.deepEqual(events.map((e) => e.url).sort(), rows.map((r) => r.eventUrl).sort());
        },
      };
    },
  };
  appointmentContract(db, caldav);
});
