import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { emit } from '../../events/emit.js';
import type { IdentityProblem } from '../../journey/stage-machine.js';
import type { BookingMessageKey } from '../booking/booking-messages.js';
import { BookingStage } from '../booking/booking-stage.js';

const problems: Record<IdentityProblem, BookingMessageKey> = {
  cancelled: 'identityCancelled',
  provider_error: 'identityProviderError',
  assurance_too_low: 'identityAssuranceTooLow',
  code_invalid: 'identityCodeInvalid',
};

/**
 * The citizen came back from the identity provider without an identity. Each reason has its own
 * text; every one offers a way forward: try again, choose another way, or call.
 *
 * @summary Why logging in did not work, and what to do now.
 * @attr lang - Language of the texts.
 * @fires balie-retry - The citizen starts again (with the choice of provider). Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart message - The explanation.
 */
export class BalieIdentityError extends BookingStage {
  @property({ attribute: false }) problem: IdentityProblem = 'provider_error';
  @property({ attribute: false }) municipality = '';

  override render() {
    const otherWay = this.problem === 'assurance_too_low' || this.problem === 'provider_error';
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('identityErrorHeading')}</h2>
      <p part="message" class="error" role="alert">${this.t(problems[this.problem])}</p>
      <p>${this.t('identityCallUs', { municipality: this.municipality })}</p>
      <div class="actions">
        <button part="button" @click=${() => emit(this, 'balie-retry', {})}>${this.t(otherWay ? 'identityOtherWay' : 'identityTryAgain')}</button>
      </div>`;
  }
}

if (!customElements.get('balie-identity-error')) customElements.define('balie-identity-error', BalieIdentityError);

declare global {
  interface HTMLElementTagNameMap {
    'balie-identity-error': BalieIdentityError;
  }
}
