import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localize, type BookingView, type LocalizedText } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import { BookingStage } from '../booking/booking-stage.js';
import { saveCalendarFile } from './save-calendar-file.js';

/**
 * The booked appointment: when, what to bring, a calendar file, and the way to move or cancel it.
 *
 * @summary Confirmation of a booked appointment.
 * @attr lang - Language of the texts.
 * @fires balie-appointment-move - The citizen wants another time. Detail: `{}`.
 * @fires balie-appointment-manage - The citizen wants to see or cancel the appointment. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart calendar-button - The "Zet in mijn agenda" button.
 * @csspart message - Status and error texts.
 */
export class BalieConfirmation extends BookingStage {
  @property({ attribute: false }) booking?: BookingView;
  @property({ attribute: false }) manageSecret = '';
  /** Base URL of the balie API (ends in `/`). */
  @property({ attribute: false }) apiBase = '';
  /** The product's "what to bring" lines, as the config gives them. */
  @property({ attribute: false }) bring: LocalizedText[] = [];

  @state() private calendarFailed = false;

  private saveCalendar = async () => {
    this.calendarFailed = false;
    try {
      await saveCalendarFile(this.apiBase, this.manageSecret, 'afspraak.ics');
    } catch (error) {
      console.warn(`[digitale-balie] calendar file: ${(error as Error).message}`);
      this.calendarFailed = true;
    }
  };

  override render() {
    const b = this.booking;
    if (!b) return nothing;
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('confirmHeading')}</h2>
      ${b.payment?.status === 'paid' ? html`<p part="message" class="paid">${this.t('confirmPaid')}</p>` : nothing}
      <p>${this.t('confirmWhen', { product: b.productName, day: formatDay(b.start, b.timeZone, this.language), time: formatTime(b.start, b.timeZone, this.language) })}</p>
      <p>${this.t('confirmMail')}</p>
      ${this.bring.length
        ? html`<p>${this.t('confirmBring')}</p>
            <ul>${this.bring.map((line) => html`<li>${localize(line, this.language)}</li>`)}</ul>`
        : nothing}
      <p>${this.t('confirmComeBack')}</p>
      <p part="message" class="error" role="status">${this.calendarFailed ? this.t('confirmIcsFailed') : nothing}</p>
      <div class="actions">
        <button part="button calendar-button" @click=${this.saveCalendar}>${this.t('confirmIcs')}</button>
        <button part="button" class="secondary" @click=${() => emit(this, 'balie-appointment-move', {})}>${this.t('appointmentMove')}</button>
        <button part="button" class="secondary" @click=${() => emit(this, 'balie-appointment-manage', {})}>${this.t('appointmentCancel')}</button>
      </div>`;
  }
}

if (!customElements.get('balie-confirmation')) customElements.define('balie-confirmation', BalieConfirmation);

declare global {
  interface HTMLElementTagNameMap {
    'balie-confirmation': BalieConfirmation;
  }
}
