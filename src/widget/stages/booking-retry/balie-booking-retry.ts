import { html } from 'lit';
import { emit } from '../../events/emit.js';
import { BookingStage } from '../booking/booking-stage.js';
import { RetryClockController } from './retry-clock-controller.js';

/** How often the booking is tried again while the municipality cannot be reached. */
export const BOOKING_RETRY_MS = 5000;

/**
 * The appointment could not be made because the balie server (or its database) could not be
 * reached. Nothing was booked yet and nothing is lost: the details stay filled in, the same
 * attempt (same idempotency key, so never twice) is tried again every few seconds by itself, or
 * at once with the button.
 *
 * @summary The appointment is not made yet; the widget keeps trying.
 * @attr lang - Language of the texts.
 * @fires balie-retry - Try the same booking again (by itself every few seconds, or the button). Detail: `{}`.
 * @fires balie-back - Back to the details, as filled in. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart message - The explanation.
 * @csspart button - Every button.
 */
export class BalieBookingRetry extends BookingStage {
  constructor() {
    super();
    new RetryClockController(this, BOOKING_RETRY_MS, () => emit(this, 'balie-retry', {}));
  }

  // The host moves focus only when the stage changes, and this is still the booking stage: the
  // citizen who pressed "Afspraak bevestigen" hears the heading, then the explanation.
  protected override firstUpdated(): void {
    this.focusHeading();
  }

  override render() {
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('bookingRetryHeading')}</h2>
      <p part="message" class="error" role="alert">${this.t('bookingRetryText')}</p>
      <div class="actions">
        <button part="button" @click=${() => emit(this, 'balie-retry', {})}>${this.t('bookingRetryNow')}</button>
        <button part="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>
      </div>`;
  }
}

if (!customElements.get('balie-booking-retry')) customElements.define('balie-booking-retry', BalieBookingRetry);

declare global {
  interface HTMLElementTagNameMap {
    'balie-booking-retry': BalieBookingRetry;
  }
}
