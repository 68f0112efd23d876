import type { CouplingHealth, OpeningHours, Product, Slot, SlotDay } from '../../protocol/index.js';
import type { BookingRecord, NewBooking } from '../booking/booking-store.js';

/** The product a backend is asked about, with the opening hours its slots follow. */
export interface ProductSchedule {
  product: Product;
  hours: OpeningHours;
}

/** Which free slots to list: local days from `from` (default today) for `days`, at most `limit`. */
export interface SlotRange {
  from?: string;
  days?: number;
  limit?: number;
  /** Only slots that start after this instant (epoch ms). */
  after?: number;
}

/**
 * Where a product's appointments are kept and how its free times are known. The balie's booking
 * row is kept whatever the backend (it holds the manage secret, the ticket, the mail and the
 * agenda); a backend decides which slots are free and holds the appointment in its own system.
 * See docs/appointment-backends.md for the contract a new backend (JCC, Qmatic, …) must meet;
 * test/server/appointment-contract.ts runs the same tests against each.
 *
 * Faults: a backend that cannot reach its system throws an `ApiError` 503
 * `calendar_unavailable` (see {@link calendarUnavailable}) and leaves nothing behind: no booking
 * row without its appointment outside, no appointment outside without its row.
 */
export interface AppointmentBackend {
  /** The config's `appointmentBackends` id, or `builtin`. */
  readonly id: string;
  /**
   * The free slots per local day, on the opening hours' grid, in the future, in `range`. A slot
   * is offered while at least one desk (calendar) is free for all of it.
   */
  freeSlots(schedule: ProductSchedule, now: number, range?: SlotRange): Promise<SlotDay[]>;
  /**
   * Books `booking` (its slot already checked to be on the grid): inserts the row and holds the
   * time outside. Resolves to the stored booking (as `findBookingById` would read it); to `taken`
   * when the slot is taken and the backend knows the idempotency key made no booking; or to
   * `undefined` when the slot is taken or a request with the same key won meanwhile (the caller
   * looks for that booking).
   */
  book(schedule: ProductSchedule, booking: NewBooking): Promise<BookingRecord | 'taken' | undefined>;
  /** Cancels a booking that is only booked; `false` when it was not (any more). */
  cancel(booking: BookingRecord): Promise<boolean>;
  /** Moves a booking that is only booked to `slot`; `taken` when no desk is free then. */
  move(schedule: ProductSchedule, booking: BookingRecord, slot: Slot): Promise<'moved' | 'taken' | 'not-booked'>;
  /** How its system answers now; absent for the built-in store, which has nothing outside. */
  health?(): Promise<CouplingHealth>;
  /** Clears what a crash mid-booking may have left (a row whose appointment never arrived). */
  settle?(): Promise<void>;
}
