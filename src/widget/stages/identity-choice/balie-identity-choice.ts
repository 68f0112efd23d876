import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { IdentityConfig } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { BookingStage } from '../booking/booking-stage.js';

/**
 * The login step: one button per identity provider of the config ("Inloggen met DigiD"). The host
 * asks the server where to go and sends the whole page there; what was filled in comes back.
 *
 * @summary Choose how to prove who you are (DigiD or another provider).
 * @attr lang - Language of the texts.
 * @fires balie-identity-chosen - Detail: `{ provider: string }`.
 * @fires balie-back - The citizen goes one step back. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart choice-button - One button per provider.
 * @csspart message - Status texts.
 */
export class BalieIdentityChoice extends BookingStage {
  @property({ attribute: false }) providers: IdentityConfig['providers'] = [];
  /** The product's name, to say why a login is needed. */
  @property({ attribute: false }) productName = '';
  /** Set while the page is being sent to the provider: the buttons wait. */
  @property({ attribute: false }) leaving = false;

  override render() {
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('identityHeading')}</h2>
      <p>${this.providers.length ? this.t('identityIntro', { product: this.productName }) : this.t('identityNone')}</p>
      <ul class="choices">
        ${this.providers.map(
          (p) => html`<li>
            <button part="button choice-button" ?disabled=${this.leaving} @click=${() => emit(this, 'balie-identity-chosen', { provider: p.id })}>
              ${p.label}
            </button>
          </li>`,
        )}
      </ul>
      <p part="message" role="status">${this.leaving ? this.t('identityLeaving') : nothing}</p>
      <button part="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>`;
  }
}

if (!customElements.get('balie-identity-choice')) customElements.define('balie-identity-choice', BalieIdentityChoice);

declare global {
  interface HTMLElementTagNameMap {
    'balie-identity-choice': BalieIdentityChoice;
  }
}
