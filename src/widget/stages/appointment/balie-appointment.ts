import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BookingView } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import { BookingStage } from '../booking/booking-stage.js';
import { JoinClockController } from './join-clock-controller.js';

/**
 * An appointment opened from the link in the confirmation mail: when it is, move it, cancel it
 * (after a confirmation step), and from `joinOpensAt` go to the waiting room.
 *
 * @summary View, move, cancel or join a booked appointment.
 * @attr lang - Language of the texts.
 * @fires balie-appointment-join - Go to the camera check and the waiting room. Detail: `{}`.
 * @fires balie-appointment-move - The citizen wants another time. Detail: `{}`.
 * @fires balie-appointment-cancel - The citizen confirmed cancelling. Detail: `{}`.
 * @fires balie-retry - A new appointment, after this one was cancelled or is over. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart message - Status texts.
 */
export class BalieAppointment extends BookingStage {
  @property({ attribute: false }) booking?: BookingView;
  /** Set while a cancel or move is under way at the server. */
  @property({ attribute: false }) busy = false;

  @state() private confirmingCancel = false;

  private readonly clock = new JoinClockController(this, () => (this.booking?.state === 'booked' ? this.booking.joinOpensAt : undefined));

  private askCancel(confirming: boolean) {
    this.confirmingCancel = confirming;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(confirming ? '#confirm-yes' : '#cancel')?.focus());
  }

  private confirmCancel = () => {
    this.confirmingCancel = false;
    emit(this, 'balie-appointment-cancel', {});
  };

  override render() {
    const b = this.booking;
    if (!b) return nothing;
    const when = this.t('confirmWhen', { product: b.productName, day: formatDay(b.start, b.timeZone, this.language), time: formatTime(b.start, b.timeZone, this.language) });
    if (b.state === 'cancelled' || b.state === 'done' || b.state === 'no-show') {
      const cancelled = b.state === 'cancelled';
      return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t(cancelled ? 'appointmentCancelledHeading' : 'appointmentHeading')}</h2>
        <p part="message" role="status">${cancelled ? this.t('appointmentCancelledText') : this.t('appointmentOver')}</p>
        <p>${when}</p>
        <button part="button" @click=${() => emit(this, 'balie-retry', {})}>${this.t('newAppointment')}</button>`;
    }
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('appointmentHeading')}</h2>
      <p>${when}</p>
      ${this.clock.reached
        ? html`<p><button part="button" @click=${() => emit(this, 'balie-appointment-join', {})}>${this.t('appointmentJoin')}</button></p>`
        : html`<p part="message">${this.t('appointmentJoinFrom', { time: formatTime(b.joinOpensAt, b.timeZone, this.language) })}</p>`}
      ${this.confirmingCancel ? this.renderConfirm() : this.renderActions()}`;
  }

  private renderActions() {
    return html`<div class="actions">
      <button part="button" class="secondary" ?disabled=${this.busy} @click=${() => emit(this, 'balie-appointment-move', {})}>${this.t('appointmentMove')}</button>
      <button part="button" class="secondary" id="cancel" ?disabled=${this.busy} @click=${() => this.askCancel(true)}>${this.t('appointmentCancel')}</button>
    </div>`;
  }

  private renderConfirm() {
    return html`<div role="group" aria-labelledby="confirm-question">
      <p id="confirm-question" role="status">${this.t('appointmentCancelConfirm')}</p>
      <div class="actions">
        <button part="button" id="confirm-yes" @click=${this.confirmCancel}>${this.t('appointmentCancelYes')}</button>
        <button part="button" class="secondary" @click=${() => this.askCancel(false)}>${this.t('appointmentCancelNo')}</button>
      </div>
    </div>`;
  }
}

if (!customElements.get('balie-appointment')) customElements.define('balie-appointment', BalieAppointment);

declare global {
  interface HTMLElementTagNameMap {
    'balie-appointment': BalieAppointment;
  }
}
