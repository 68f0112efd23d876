import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { bookingDetailsSchema, parse, type BookingDetails } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import type { BookingMessageKey } from '../booking/booking-messages.js';
import { BookingStage, bookingStyles } from '../booking/booking-stage.js';
import { detailsFormStyles } from './balie-details-form.styles.js';

type Field = 'name' | 'email' | 'phone' | 'consent';

const fieldErrors: Record<Field, BookingMessageKey> = {
  name: 'detailsNameMissing',
  email: 'detailsEmailInvalid',
  phone: 'detailsPhoneInvalid',
  consent: 'detailsConsentMissing',
};

/**
 * Name, e-mail (and phone, when the config asks) and the consent that says what data, why, and how
 * long it is kept. Checked with the protocol's own schema, so what passes here passes the server.
 *
 * @summary The citizen's details and consent for the appointment.
 * @attr lang - Language of the texts.
 * @fires balie-details-submitted - Detail: `{ details: BookingDetails }`.
 * @fires balie-back - The citizen goes one step back. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart field - The box around one label, input and error.
 * @csspart input - Every text input.
 * @csspart error - The error text under a field.
 * @csspart consent - The consent text and checkbox.
 */
export class BalieDetailsForm extends BookingStage {
  static override styles = [...bookingStyles, detailsFormStyles];

  @property({ attribute: false }) askPhone = false;
  /** Days the data is kept after the appointment (`privacy.keepDays`). */
  @property({ attribute: false }) keepDays = 30;
  @property({ attribute: false }) policyUrl?: string;
  /** The chosen slot's start and the zone to show it in. */
  @property({ attribute: false }) slotStart?: string;
  @property({ attribute: false }) timeZone = 'Europe/Amsterdam';
  /** What was filled in before (going back and forth keeps it). */
  @property({ attribute: false }) details?: BookingDetails;
  /** The next step is a login rather than the booking itself. */
  @property({ attribute: false }) needsLogin = false;

  @state() private errors: Partial<Record<Field, BookingMessageKey>> = {};
  @state() private summary = '';

  private submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const details: BookingDetails = { name: value('name'), email: value('email') };
    if (this.askPhone && value('phone')) details.phone = value('phone');
    const errors: Partial<Record<Field, BookingMessageKey>> = {};
    const result = parse(bookingDetailsSchema, details);
    if (!result.ok) for (const issue of result.issues) errors[issue.path as Field] = fieldErrors[issue.path as Field];
    if (data.get('consent') !== 'yes') errors.consent = fieldErrors.consent;
    this.errors = errors;
    const first = (['name', 'email', 'phone', 'consent'] as Field[]).find((f) => errors[f]);
    if (!first) return emit(this, 'balie-details-submitted', { details });
    this.summary = this.t('detailsInvalid');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${first}`)?.focus());
  };

  private field(name: Exclude<Field, 'consent'>, label: BookingMessageKey, type: string, autocomplete: string, hint?: BookingMessageKey) {
    const error = this.errors[name];
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div part="field" class="field">
      <label for=${name}>${this.t(label)}</label>
      ${hint ? html`<span class="hint" id="${name}-hint">${this.t(hint)}</span>` : nothing}
      <input part="input" id=${name} name=${name} type=${type} autocomplete=${autocomplete}
        .value=${this.details?.[name] ?? ''} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy || nothing} />
      ${error ? html`<span part="error" class="error" id="${name}-error">${this.t(error)}</span>` : nothing}
    </div>`;
  }

  override render() {
    const when = this.slotStart
      ? this.t('detailsWhen', { day: formatDay(this.slotStart, this.timeZone, this.language), time: formatTime(this.slotStart, this.timeZone, this.language) })
      : '';
    const consentError = this.errors.consent;
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('detailsHeading')}</h2>
      ${when ? html`<p>${when}</p>` : nothing}
      <form novalidate @submit=${this.submit}>
        ${this.field('name', 'detailsName', 'text', 'name')}
        ${this.field('email', 'detailsEmail', 'email', 'email', 'detailsEmailHint')}
        ${this.askPhone ? this.field('phone', 'detailsPhone', 'tel', 'tel', 'detailsPhoneHint') : nothing}
        <div part="consent">
          <h3>${this.t('consentHeading')}</h3>
          <p id="consent-text">
            ${this.t('consentText', { data: this.t(this.askPhone ? 'consentDataPhone' : 'consentData'), keepDays: this.keepDays })}
            ${this.policyUrl ? html`<a href=${this.policyUrl} target="_blank" rel="noopener">${this.t('consentPolicy')}</a>` : nothing}
          </p>
          <label class="consent">
            <input id="consent" type="checkbox" name="consent" value="yes" aria-invalid=${consentError ? 'true' : 'false'}
              aria-describedby=${consentError ? 'consent-text consent-error' : 'consent-text'} />
            ${this.t('consentAgree')}
          </label>
          ${consentError ? html`<span part="error" class="error" id="consent-error">${this.t(consentError)}</span>` : nothing}
        </div>
        <p class="visually-hidden" role="alert">${this.summary}</p>
        <div class="actions">
          <button part="button" type="submit">${this.t(this.needsLogin ? 'detailsSubmitLogin' : 'detailsSubmit')}</button>
          <button part="button" type="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>
        </div>
      </form>`;
  }
}

if (!customElements.get('balie-details-form')) customElements.define('balie-details-form', BalieDetailsForm);

declare global {
  interface HTMLElementTagNameMap {
    'balie-details-form': BalieDetailsForm;
  }
}
