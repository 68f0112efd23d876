import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { callRoute } from '../../../protocol/client.js';
import type { BookingView, PaymentView } from '../../../protocol/index.js';
import { currentBookingRoute } from '../../../protocol/routes/bookings.js';
import { bookingPaymentRoute } from '../../../protocol/routes/payments.js';
import { BalieApiError, bearer } from '../../api-client.js';

/** What the controller reads and writes on its element. */
export interface BookingPaymentHost extends ReactiveControllerHost {
  apiBase: string;
  manageSecret: string;
  booking?: BookingView;
  payment?: PaymentView;
  /** Why the last start or retry failed: an error code, or `network`. */
  problem?: string;
  busy: boolean;
}

/** How often the booking is read while it waits for payment: the provider tells the server, not us. */
const POLL_MS = 3000;

/**
 * Pays a held booking (issue 16): starts (or resumes) its payment when connected, then reads the
 * booking every few seconds and at once when the citizen comes back to this tab from the checkout,
 * until it is booked or let go. Amounts never come from here: the route takes no body.
 */
export class BookingPaymentController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: BookingPaymentHost) {
    host.addController(this);
  }

  private started = false;

  // After an update, not on connect: an element upgraded after its properties were set (its chunk
  // came late) has them back only from its first update on.
  hostUpdated(): void {
    if (this.started || !this.host.apiBase || !this.host.manageSecret) return;
    this.started = true;
    if (this.host.booking?.state !== 'awaiting-payment') return;
    void this.pay();
    this.timer = setInterval(() => void this.read(), POLL_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  hostDisconnected(): void {
    this.stop();
    this.started = false;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  // Back from the checkout tab: no need to wait for the next read.
  private onVisible = () => {
    if (document.visibilityState === 'visible') void this.read();
  };

  /** Starts the payment, or gets the open one back; after a failure, a new one of the same fee. */
  async pay(): Promise<void> {
    const host = this.host;
    host.busy = true;
    host.problem = undefined;
    host.requestUpdate();
    try {
      host.payment = await callRoute(host.apiBase, bookingPaymentRoute, { headers: bearer(host.manageSecret) });
    } catch (error) {
      host.problem = error instanceof BalieApiError ? error.code : 'network';
      // The hold ended meanwhile: the booking says so.
      if (host.problem === 'hold_expired') await this.read();
    } finally {
      host.busy = false;
      host.requestUpdate();
    }
  }

  /** Reads the booking: its state, and the payment's status as the provider reported it. */
  async read(): Promise<void> {
    const host = this.host;
    try {
      const { booking } = await callRoute(host.apiBase, currentBookingRoute, { headers: bearer(host.manageSecret) });
      host.booking = booking;
      const status = booking.payment?.status;
      if (host.payment && status && status !== host.payment.status) host.payment = { ...host.payment, status };
      if (booking.state !== 'awaiting-payment') this.stop();
      host.requestUpdate();
    } catch (error) {
      // The next read tries again; what is shown stays.
      console.warn(`[digitale-balie] reading the appointment: ${(error as Error).message}`);
    }
  }
}
