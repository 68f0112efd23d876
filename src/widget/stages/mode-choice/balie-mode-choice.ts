import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { BalieMode, QueueStatusResponse } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import { BookingStage } from '../booking/booking-stage.js';

/**
 * How the citizen reaches the counter: an appointment, or a call now. "Nu videobellen" is only
 * offered while the live queue is open; otherwise the stage says when it opens.
 *
 * @summary Choose between an appointment and a call now.
 * @attr lang - Language of the texts.
 * @fires balie-mode-chosen - Detail: `{ mode: 'afspraak' | 'direct' }`.
 * @fires balie-back - The citizen goes one step back. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart choice-button - The buttons "Afspraak maken" and "Nu videobellen".
 * @csspart message - The queue's status.
 */
export class BalieModeChoice extends BookingStage {
  /** The modes this page and product offer. */
  @property({ attribute: false }) modes: BalieMode[] = [];
  /** Whether the queue is open; `undefined` while asking the server. */
  @property({ attribute: false }) queue?: QueueStatusResponse;
  /** The municipality's time zone, for the opening time. */
  @property({ attribute: false }) timeZone = 'Europe/Amsterdam';

  private choose(mode: BalieMode) {
    emit(this, 'balie-mode-chosen', { mode });
  }

  private queueText() {
    if (!this.queue) return this.t('modeChecking');
    if (this.queue.open) return '';
    const at = this.queue.opensAt;
    if (!at) return this.t('modeNowClosedNoTime');
    return this.t('modeNowClosed', { day: formatDay(at, this.timeZone, this.language), time: formatTime(at, this.timeZone, this.language) });
  }

  override render() {
    const direct = this.modes.includes('direct');
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('modeHeading')}</h2>
      <ul class="choices">
        ${this.modes.includes('afspraak')
          ? html`<li>
              <button part="button choice-button" aria-describedby="afspraak-hint" @click=${() => this.choose('afspraak')}>${this.t('modeAppointment')}</button>
              <span class="hint" id="afspraak-hint">${this.t('modeAppointmentHint')}</span>
            </li>`
          : nothing}
        ${direct && this.queue?.open
          ? html`<li>
              <button part="button choice-button" aria-describedby="direct-hint" @click=${() => this.choose('direct')}>${this.t('modeNow')}</button>
              <span class="hint" id="direct-hint">${this.t('modeNowHint')}</span>
            </li>`
          : nothing}
      </ul>
      <p part="message" role="status">${direct ? this.queueText() : nothing}</p>
      <button part="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>`;
  }
}

if (!customElements.get('balie-mode-choice')) customElements.define('balie-mode-choice', BalieModeChoice);

declare global {
  interface HTMLElementTagNameMap {
    'balie-mode-choice': BalieModeChoice;
  }
}
