import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Product } from '../../../protocol/index.js';
import { emit } from '../../events/emit.js';
import { BookingStage } from '../booking/booking-stage.js';

/**
 * The choice of subject, for a page whose `<digitale-balie>` names no product.
 *
 * @summary Choose the product the call is about.
 * @attr lang - Language of the texts.
 * @fires balie-product-chosen - Detail: `{ product: string }` (the product's id).
 * @fires balie-back - The citizen goes one step back. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart button - Every button.
 * @csspart choice-button - One button per product.
 */
export class BalieProductChoice extends BookingStage {
  /** The products of the config. */
  @property({ attribute: false }) products: Product[] = [];

  override render() {
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${this.t('productHeading')}</h2>
      <ul class="choices">
        ${this.products.map(
          (p) => html`<li><button part="button choice-button" @click=${() => emit(this, 'balie-product-chosen', { product: p.id })}>${p.name}</button></li>`,
        )}
      </ul>
      <button part="button" class="secondary" @click=${() => emit(this, 'balie-back', {})}>${this.t('back')}</button>`;
  }
}

if (!customElements.get('balie-product-choice')) customElements.define('balie-product-choice', BalieProductChoice);

declare global {
  interface HTMLElementTagNameMap {
    'balie-product-choice': BalieProductChoice;
  }
}
