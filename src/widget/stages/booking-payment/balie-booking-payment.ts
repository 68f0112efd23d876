import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BookingView, PaymentView } from '../../../protocol/index.js';
import { baseStyles } from '../../digitale-balie.styles.js';
import '../../events/balie-booking-paid.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import { BalieStage } from '../balie-stage.js';
import { cardState, formatAmount } from '../payment/balie-payment-card.js';
import { BookingPaymentController } from './booking-payment-controller.js';
import { bookingPaymentCatalogs, type BookingPaymentMessageKey } from './booking-payment-messages.js';

/**
 * Paying an appointment of a product paid at booking (issue 16). The slot is held while the
 * citizen pays: what and how much, and "Betalen met iDEAL" (or Bancontact), which opens the
 * provider's checkout as a top-level page in a new tab, never in a frame. The server says when it
 * is paid (then `balie-booking-paid`, and the confirmation shows), when it failed ("Niet gelukt —
 * opnieuw proberen"), and when the hold ended unpaid (the time is free again; book anew). Loaded
 * only for such a product.
 *
 * @summary Pay a held appointment; it is booked once paid.
 * @attr lang - Language of the texts.
 * @fires balie-booking-paid - The appointment is paid and booked. Detail: `{ booking: BookingView }`. Internal.
 * @fires balie-retry - The hold ended unpaid; the citizen chooses a new time. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - The pay link and every button.
 * @csspart message - Status texts.
 */
export class BalieBookingPayment extends BalieStage<BookingPaymentMessageKey> {
  static override styles = [baseStyles, css`
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1em; margin: 0 0 1em; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    a[part~='button'] {
      display: inline-block; font-weight: 600; min-height: 48px; box-sizing: border-box; padding: 0.625em 1.25em; border-radius: var(--_radius);
      border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); text-decoration: none;
    }
    a:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
    .paid { font-weight: 700; }
  `];

  /** The held booking, as the server last described it. */
  @property({ attribute: false }) booking?: BookingView;
  /** The booking's manage secret; sent as a bearer header, never in a URL. */
  @property({ attribute: false }) manageSecret = '';
  /** Base URL of the balie API (ends in `/`). */
  @property({ attribute: false }) apiBase = '';
  /** The booking's payment, once started. */
  @property({ attribute: false }) payment?: PaymentView;
  /** Why the last start or retry failed: an error code (`provider_unavailable`, …) or `network`. */
  @property({ attribute: false }) problem?: string;
  /** A start or retry is on its way. */
  @property({ type: Boolean }) busy = false;

  /** The citizen opened the checkout of this payment: the stage says to pay there. */
  @state() private openedFor?: string;

  protected readonly catalogs = bookingPaymentCatalogs;
  private readonly payer = new BookingPaymentController(this);

  protected override updated(changed: PropertyValues<this>): void {
    const booking = this.booking;
    if (changed.has('booking') && booking?.state === 'booked' && changed.get('booking')?.state !== 'booked') {
      emit(this, 'balie-booking-paid', { booking });
    }
  }

  override render() {
    const b = this.booking;
    if (!b) return nothing;
    if (b.state === 'cancelled') return this.renderExpired();
    const fee = b.payment;
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('bookingPayHeading')}</h2>
      <p>${this.t('bookingPayWhen', { product: b.productName, day: formatDay(b.start, b.timeZone, this.language), time: formatTime(b.start, b.timeZone, this.language) })}</p>
      ${fee
        ? html`<dl>
            <dt>${this.t('bookingPayFor')}</dt>
            <dd>${fee.description}</dd>
            <dt>${this.t('bookingPayAmount')}</dt>
            <dd>${formatAmount(fee.amount, this.language)}</dd>
          </dl>`
        : nothing}
      ${b.state === 'booked' ? html`<p part="message" class="paid" role="status">${this.t('bookingPayPaid')}</p>` : this.renderPaying(b)}`;
  }

  private renderPaying(b: BookingView) {
    const held = b.payment?.holdUntil ? formatTime(b.payment.holdUntil, b.timeZone, this.language) : '';
    const payment = this.payment;
    const failed = payment && cardState(payment.status) === 'failed';
    return html`${held && !failed ? html`<p>${this.t('bookingPayHeld', { time: held })}</p>` : nothing}
      <div role="status">
        ${failed
          ? html`<p part="message" class="error">${this.t('bookingPayFailed')}</p>
              <p part="message">${this.t('bookingPayFailedText', { time: held })}</p>`
          : !payment && !this.problem
            ? html`<p part="message">${this.t('bookingPayStarting')}</p>`
            : nothing}
      </div>
      ${failed || (!payment && this.problem) ? this.renderRetry() : payment?.checkoutUrl ? this.renderPay(payment) : nothing}
      ${this.problem
        ? html`<p part="message" class="error" role="alert">
            ${this.problem === 'provider_unavailable' || this.problem === 'unavailable' ? this.t('bookingPayProviderDown') : this.t('bookingPayProblem')}
          </p>`
        : nothing}`;
  }

  private renderPay(payment: PaymentView) {
    const pay = payment.method === 'bancontact' ? this.t('bookingPayBancontact') : this.t('bookingPayIdeal');
    // A new top-level tab, never a frame: the bank's pages refuse frames, and this tab stays to
    // show the outcome. `noopener`: the provider's page gets no handle on this one.
    return html`<p><a part="button" href=${payment.checkoutUrl} target="_blank" rel="noopener noreferrer" aria-describedby="new-tab"
        @click=${() => (this.openedFor = payment.id)}>${pay}</a></p>
      <p part="message" id="new-tab">${this.openedFor === payment.id ? this.t('bookingPayWaiting') : this.t('bookingPayNewTab')}</p>`;
  }

  private renderRetry() {
    return html`<button part="button" ?disabled=${this.busy} @click=${() => void this.payer.pay()}>
      ${this.busy ? this.t('bookingPayBusy') : this.t('bookingPayRetry')}
    </button>`;
  }

  private renderExpired() {
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('bookingPayExpiredHeading')}</h2>
      <p part="message" role="status">${this.t('bookingPayExpiredText')}</p>
      <button part="button" @click=${() => emit(this, 'balie-retry', {})}>${this.t('bookingPayNewTime')}</button>`;
  }
}

if (!customElements.get('balie-booking-payment')) customElements.define('balie-booking-payment', BalieBookingPayment);

declare global {
  interface HTMLElementTagNameMap {
    'balie-booking-payment': BalieBookingPayment;
  }
}
