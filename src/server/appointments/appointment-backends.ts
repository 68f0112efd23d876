import type { FastifyBaseLogger } from 'fastify';
import type { BalieConfig, CouplingHealth, Product } from '../../protocol/index.js';
import type { BookingRecord } from '../booking/booking-store.js';
import type { Db } from '../store/index.js';
import type { AppointmentBackend } from './appointment-backend.js';
import { builtinBackend } from './builtin-backend.js';
import { caldavBackend } from './caldav/caldav-backend.js';
import type { CaldavCredentials } from './caldav/caldav-client.js';

/** Options of {@link createAppointmentBackends}. */
export interface AppointmentBackendsOptions {
  db: Db;
  config: BalieConfig;
  /** The account for `caldav` backends; without it, requests go unauthenticated. */
  caldavCredentials?: CaldavCredentials;
  log: FastifyBaseLogger;
}

/** Every product's backend, chosen by the config. */
export interface AppointmentBackends {
  /** The backend that takes new bookings for this product. */
  forProduct(product: Product): AppointmentBackend;
  /** The backend that holds this booking (the one it was made with). */
  forBooking(booking: BookingRecord): AppointmentBackend;
  /** The health of every coupling outside the balie; empty when there are none. */
  couplings(): Promise<CouplingHealth[]>;
  /** Lets each backend clear what a crash mid-booking left behind. */
  settle(): Promise<void>;
}

/**
 * Builds one backend per `appointmentBackends` entry and the built-in store for every product that
 * names none. A product naming an entry that does not exist stops the server with a message that
 * says which, rather than booking into the wrong place.
 */
export function createAppointmentBackends(options: AppointmentBackendsOptions): AppointmentBackends {
  const { config } = options;
  const builtin = builtinBackend(options.db);
  const external = new Map<string, AppointmentBackend>();
  for (const [id, settings] of Object.entries(config.appointmentBackends ?? {})) {
    external.set(id, caldavBackend({ id, settings, config, db: options.db, credentials: options.caldavCredentials, log: options.log }));
  }
  for (const product of config.products) {
    const wanted = product.appointmentBackend;
    if (wanted && !external.has(wanted)) {
      const known = [...external.keys()].join(', ') || 'none';
      throw new Error(
        `balie-appointments: product "${product.id}" names appointmentBackend "${wanted}", but the config's appointmentBackends has no such entry (it has: ${known})`,
      );
    }
  }
  const used = [...external.values()].filter((backend) => config.products.some((p) => p.appointmentBackend === backend.id));
  return {
    forProduct: (product) => (product.appointmentBackend ? external.get(product.appointmentBackend)! : builtin),
    // A booking made in a coupling that has since left the config is the store's alone now.
    forBooking: (booking) => (booking.backend ? external.get(booking.backend) ?? builtin : builtin),
    couplings: () => Promise.all(used.map((backend) => backend.health!())),
    async settle() {
      for (const backend of external.values()) await backend.settle?.();
    },
  };
}
