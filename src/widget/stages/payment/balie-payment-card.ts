import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FINAL_PAYMENT_STATUSES, type PaymentStatus, type PaymentView } from '../../../protocol/index.js';
import { baseStyles } from '../../digitale-balie.styles.js';
import { emit } from '../../events/emit.js';
import '../../events/balie-payment-retry.js';
import { fill, type TextOverrides } from '../../i18n/localize.js';
import type { Lang } from '../../i18n/messages.js';
import { BalieStage } from '../balie-stage.js';
import { paymentCatalogs, type PaymentMessageKey } from './payment-messages.js';

export { paymentCatalogs };

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE' };

/** `8430` → `€ 84,30` (nl), `€84.30` (en), `84,30 €` (fr). */
export function formatAmount(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** How the card groups the provider's statuses. */
export function cardState(status: PaymentStatus): 'open' | 'paid' | 'failed' {
  return status === 'paid' ? 'paid' : FINAL_PAYMENT_STATUSES.includes(status) ? 'failed' : 'open';
}

/**
 * What the live region says when a payment was asked (`before` unknown) or its status changed;
 * `undefined` when nothing is worth saying (e.g. open → pending).
 */
export function paymentNews(payment: PaymentView, before: PaymentStatus | undefined, lang: Lang, texts: TextOverrides = {}): string | undefined {
  const now = cardState(payment.status);
  if (before !== undefined && cardState(before) === now) return undefined;
  const key: PaymentMessageKey = now === 'paid' ? 'paymentNewsPaid' : now === 'failed' ? 'paymentNewsFailed' : 'paymentNewsAsked';
  return fill(texts[key] ?? paymentCatalogs[lang][key], { what: payment.description, amount: formatAmount(payment.amount, lang) });
}

/**
 * The citizen's payment card in the call (issue 16): what it is for, the amount, and "Betalen met
 * iDEAL" (or Bancontact), which opens the provider's checkout as a top-level page in a new tab —
 * never in a frame — while the call goes on. Then "Betaald", or "Niet gelukt" with "Opnieuw
 * proberen". Shows what it is given; `<balie-payments>` reads the status from the server.
 *
 * @summary A payment the employee asked for, with the way to pay it.
 * @attr lang - Language of the texts.
 * @fires balie-payment-retry - The citizen tries a failed payment again. Detail: `{ paymentId: string }`. Internal.
 * @csspart heading - The card's heading.
 * @csspart button - The pay link and the retry button.
 * @csspart message - The status texts.
 */
export class BaliePaymentCard extends BalieStage<PaymentMessageKey> {
  static override styles = [baseStyles, css`
    :host { margin-top: 1em; border: 2px solid var(--_primary); border-radius: var(--_radius); padding: 0.75em 1em; }
    h3 { font-size: 1.25em; margin: 0 0 0.5em; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1em; margin: 0 0 1em; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    a[part~='button'] {
      display: inline-block; font-weight: 600; min-height: 48px; padding: 0.625em 1.25em; border-radius: var(--_radius);
      border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); text-decoration: none;
    }
    a:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
    .paid { font-weight: 700; }
  `];

  /** The payment to show: the newest of the call. */
  @property({ attribute: false }) payment?: PaymentView;
  /** A "try again" is on its way. */
  @property({ type: Boolean }) busy = false;
  /** Why the last "try again" failed: an error code (`provider_unavailable`, …) or `network`. */
  @property({ attribute: false }) problem?: string;

  /** The citizen opened the checkout: the card says to pay there. Per payment. */
  @state() private openedFor?: string;

  protected readonly catalogs = paymentCatalogs;

  private opened = () => {
    this.openedFor = this.payment?.id;
  };

  override render() {
    const payment = this.payment;
    if (!payment) return nothing;
    const lang = this.language;
    const state = cardState(payment.status);
    return html`<h3 part="heading">${this.t('paymentHeading')}</h3>
      ${state === 'open' ? html`<p part="message">${this.t('paymentAsked')}</p>` : nothing}
      <dl>
        <dt>${this.t('paymentFor')}</dt>
        <dd>${payment.description}</dd>
        <dt>${this.t('paymentAmount')}</dt>
        <dd>${formatAmount(payment.amount, lang)}</dd>
      </dl>
      ${state === 'open' ? this.renderOpen(payment) : state === 'paid' ? this.renderPaid() : this.renderFailed(payment)}`;
  }

  private renderOpen(payment: PaymentView) {
    if (!payment.checkoutUrl) return html`<p part="message">${this.t('paymentWaiting')}</p>`;
    const pay = payment.method === 'bancontact' ? this.t('paymentPayBancontact') : this.t('paymentPayIdeal');
    // A new top-level tab, never a frame: the bank's pages refuse frames, and the call must go on
    // here. `noopener`: the provider's page gets no handle on this one.
    return html`<a part="button" href=${payment.checkoutUrl} target="_blank" rel="noopener noreferrer" aria-describedby="new-tab" @click=${this.opened}>${pay}</a>
      <p part="message" id="new-tab">${this.openedFor === payment.id ? this.t('paymentWaiting') : this.t('paymentNewTab')}</p>`;
  }

  private renderPaid() {
    return html`<p part="message" class="paid">${this.t('paymentPaid')}</p>
      <p part="message">${this.t('paymentPaidText')}</p>`;
  }

  private renderFailed(payment: PaymentView) {
    const problem = this.problem;
    return html`<p part="message" class="error">${this.t('paymentFailed')}</p>
      <p part="message">${this.t('paymentFailedText')}</p>
      <button part="button" ?disabled=${this.busy} @click=${() => emit(this, 'balie-payment-retry', { paymentId: payment.id })}>
        ${this.busy ? this.t('paymentRetryBusy') : this.t('paymentRetry')}
      </button>
      ${problem
        ? html`<p part="message" class="error" role="alert">
            ${problem === 'provider_unavailable' || problem === 'unavailable' ? this.t('paymentProviderDown') : this.t('paymentRetryFailed')}
          </p>`
        : nothing}`;
  }
}

if (!customElements.get('balie-payment-card')) customElements.define('balie-payment-card', BaliePaymentCard);

declare global {
  interface HTMLElementTagNameMap {
    'balie-payment-card': BaliePaymentCard;
  }
}
