import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Slot, SlotDay } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import { BookingStage, bookingStyles } from '../booking/booking-stage.js';
import { slotPickerStyles } from './balie-slot-picker.styles.js';

/** Groups slots by their local date in `timeZone`, in order. */
export function groupByDay(slots: Slot[], timeZone: string): SlotDay[] {
  const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const date = dateOf.format(new Date(slot.start));
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days].map(([date, daySlots]) => ({ date, slots: daySlots }));
}

/**
 * The slot picker: one day at a time, previous/next day buttons, large time buttons. The times
 * of a day form one tab stop; arrow keys move between them, Home and End go to the first and last
 * (a roving tabindex, as in the ARIA Authoring Practices' toolbar pattern).
 *
 * @summary Choose a day and a time for the appointment.
 * @attr lang - Language of the texts.
 * @fires balie-slot-picked - Detail: `{ start: string }` (ISO 8601 UTC).
 * @fires balie-back - The citizen goes one step back. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart day-nav - The row with the day and the previous/next day buttons.
 * @csspart day-button - The previous and next day buttons.
 * @csspart slot-button - One button per free time, named by the time ("09:30").
 * @csspart message - Status and error texts.
 */
export class BalieSlotPicker extends BookingStage {
  static override styles = [...bookingStyles, slotPickerStyles];

  /** The free days; `undefined` while loading. */
  @property({ attribute: false }) days?: SlotDay[];
  /** Set after a 409 `slot_taken`: the next free slots, shown instead of `days`. */
  @property({ attribute: false }) nextFree?: Slot[];
  /** The municipality's time zone. */
  @property({ attribute: false }) timeZone = 'Europe/Amsterdam';

  @state() private dayIndex = 0;
  @state() private focusIndex = 0;
  /** Set by day navigation: announce the new day in the live region. */
  @state() private announced = '';

  private get shownDays(): SlotDay[] | undefined {
    return this.nextFree ? groupByDay(this.nextFree, this.timeZone) : this.days;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('days') || changed.has('nextFree')) {
      this.dayIndex = 0;
      this.focusIndex = 0;
    }
  }

  private dayName(day: SlotDay) {
    // Noon UTC falls on the same date in Amsterdam and Brussels, whatever the season.
    return formatDay(`${day.date}T12:00:00Z`, this.timeZone, this.language);
  }

  private goToDay(index: number) {
    const days = this.shownDays ?? [];
    this.dayIndex = Math.max(0, Math.min(days.length - 1, index));
    this.focusIndex = 0;
    this.announced = this.t('slotTimesOn', { day: this.dayName(days[this.dayIndex]) });
  }

  private onKeydown = (event: KeyboardEvent) => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="slot-button"]')];
    const last = buttons.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: this.focusIndex + 1,
      ArrowDown: this.focusIndex + 1,
      ArrowLeft: this.focusIndex - 1,
      ArrowUp: this.focusIndex - 1,
      Home: 0,
      End: last,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.focusIndex = Math.max(0, Math.min(last, moves[event.key]));
    buttons[this.focusIndex]?.focus();
  };

  private pick(slot: Slot) {
    emit(this, 'balie-slot-picked', { start: slot.start });
  }

  override render() {
    const days = this.shownDays;
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('slotHeading')}</h2>
      ${this.nextFree ? html`<p part="message" class="error" role="alert">${this.t('slotTaken')}</p>` : nothing}
      ${days === undefined
        ? html`<p part="message" role="status">${this.t('slotLoading')}</p>`
        : days.length === 0
          ? html`<p part="message" role="status">${this.t('slotNone')}</p>`
          : this.renderDay(days)}
      <p class="visually-hidden" role="status">${this.announced}</p>
      <button part="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>`;
  }

  private renderDay(days: SlotDay[]) {
    const day = days[Math.min(this.dayIndex, days.length - 1)];
    const name = this.dayName(day);
    return html`<div part="day-nav" class="day-nav">
        <button part="button day-button" class="secondary" ?disabled=${this.dayIndex === 0} @click=${() => this.goToDay(this.dayIndex - 1)}>
          ${this.t('slotPreviousDay')}
        </button>
        <h3 id="day">${name}<span class="visually-hidden">, ${this.t('slotDayOf', { index: this.dayIndex + 1, count: days.length })}</span></h3>
        <button part="button day-button" class="secondary" ?disabled=${this.dayIndex >= days.length - 1} @click=${() => this.goToDay(this.dayIndex + 1)}>
          ${this.t('slotNextDay')}
        </button>
      </div>
      ${this.nextFree ? html`<p>${this.t('slotNextFree')}</p>` : nothing}
      <div class="slots" role="group" aria-label=${this.t('slotTimesOn', { day: name })} @keydown=${this.onKeydown}>
        ${day.slots.map(
          (slot, i) => html`<button
            part="button slot-button"
            tabindex=${i === this.focusIndex ? 0 : -1}
            @focus=${() => (this.focusIndex = i)}
            @click=${() => this.pick(slot)}
          >${formatTime(slot.start, this.timeZone, this.language)}</button>`,
        )}
      </div>`;
  }
}

if (!customElements.get('balie-slot-picker')) customElements.define('balie-slot-picker', BalieSlotPicker);

declare global {
  interface HTMLElementTagNameMap {
    'balie-slot-picker': BalieSlotPicker;
  }
}
