import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatEuro, localize, type Fee, type PaymentChangedEvent, type PaymentStatus, type PaymentView } from '../../protocol/index.js';
import { panelStyles } from '../panel.styles.js';
import { parseEuroCents } from './euro-input.js';
import { TicketPaymentsController } from './ticket-payments-controller.js';

/** The employee's words for a payment's status. */
export const statusNames: Record<PaymentStatus, string> = {
  open: 'Open',
  pending: 'Open',
  authorized: 'Open',
  paid: 'Betaald',
  canceled: 'Geannuleerd',
  expired: 'Verlopen',
  failed: 'Mislukt',
};

/** What a nudge of the queue stream can be: a payment changed, or the stream came back. */
export type PaymentNudge = PaymentChangedEvent | { type: 'reopened' };

/**
 * In the employee's call: "Betaalverzoek" lists the fees the config gives the citizen's product
 * (`Paspoort volwassene € 84,30`); the employee picks one or more, or types an amount where the
 * config allows one, and sends. The amounts are the config's: only fee ids go to the server. Each
 * request's status follows live (open → Betaald, Geannuleerd, Verlopen, Mislukt), said once in a
 * polite live region.
 *
 * @summary Request a fee from the citizen in the call, and follow its payment.
 * @attr api-base - Base URL of the balie API.
 */
export class BaliePaymentRequest extends LitElement {
  static override styles = [panelStyles, css`
    :host { margin-top: 1em; }
    fieldset { border: 2px solid var(--_border); border-radius: var(--_radius); margin: 0 0 0.5em; padding: 0.5em 0.75em; }
    legend { font-weight: 600; padding: 0 0.25em; }
    .fee { display: flex; gap: 0.5em; align-items: center; min-height: 44px; font-weight: 400; margin: 0; }
    .fee input { width: 24px; height: 24px; min-height: 0; margin: 0; }
    ul { list-style: none; padding: 0; margin: 0.5em 0 0; }
    li { display: flex; justify-content: space-between; gap: 0.5em; padding: 0.25em 0; border-top: 1px solid var(--_border); }
    .status { font-weight: 700; }
  `];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The ticket of the citizen in this call. */
  @property({ attribute: false }) ticketId = '';
  /** The fees of the citizen's product, from the config. */
  @property({ attribute: false }) fees: Fee[] = [];
  /** The config lets the employee type an amount for this product. */
  @property({ attribute: false }) freeAmount = false;
  /** The queue stream's last payment nudge: the payments are read again when it is this call's. */
  @property({ attribute: false }) nudge?: PaymentNudge;

  @state() private picked = new Set<string>();
  @state() private typed = '';
  @state() private sending = false;
  @state() private problem = '';
  /** What the live region says: the last send or status change, once. */
  @state() private said = '';

  private readonly list = new TicketPaymentsController(this, () => this.apiBase);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId')) {
      this.picked = new Set();
      this.typed = '';
      this.problem = '';
      this.said = '';
      void this.list.reload(this.ticketId);
    } else if (changed.has('nudge') && this.nudge && (this.nudge.type === 'reopened' || this.nudge.ticketId === this.ticketId)) {
      void this.list.reload(this.ticketId);
    }
    // Each change is said once: taken from the controller, then forgotten there.
    const news = this.list.changed;
    if (news.length === 0) return;
    this.list.changed = [];
    this.said = news.map((p) => `${p.description} ${formatEuro(p.amount)}: ${statusNames[p.status]}`).join('. ');
  }

  private toggle(fee: Fee, on: boolean): void {
    const picked = new Set(this.picked);
    if (on) picked.add(fee.id);
    else picked.delete(fee.id);
    this.picked = picked;
  }

  private send = async (event: Event) => {
    event.preventDefault();
    const typed = this.typed.trim();
    if (this.picked.size > 0 && typed) return this.fail('Kies leges of vul een ander bedrag in, niet allebei.');
    if (this.picked.size === 0 && !typed) return this.fail('Kies eerst wat de inwoner moet betalen.');
    const freeAmount = typed ? parseEuroCents(typed) : undefined;
    if (typed && freeAmount === undefined) return this.fail('Vul een bedrag in euro in, bijvoorbeeld 12,50.');
    this.sending = true;
    this.problem = '';
    // The order of the config, whatever order they were ticked in.
    const fees = this.fees.filter((f) => this.picked.has(f.id)).map((f) => f.id);
    const result = await this.list.request(freeAmount !== undefined ? { freeAmount } : { fees });
    this.sending = false;
    if (result.ok) {
      this.picked = new Set();
      this.typed = '';
      this.said = `Betaalverzoek verstuurd: ${result.value.description} ${formatEuro(result.value.amount)}. De inwoner ziet het nu.`;
      return;
    }
    this.fail(
      result.code === 'provider_unavailable'
        ? 'De betaaldienst reageert niet. Er is niets verstuurd. Probeer het zo opnieuw.'
        : result.status === 503
          ? 'De server is niet bereikbaar. Er is niets verstuurd. Probeer het zo opnieuw.'
          : result.code === 'payment_open'
            ? 'Er staat al een betaalverzoek open. Wacht tot het betaald, geannuleerd of verlopen is.'
            : 'Versturen lukte niet. Probeer het opnieuw.',
    );
  };

  private fail(problem: string): void {
    this.problem = problem;
  }

  override render() {
    const payments = this.list.payments;
    return html`<h2 id="heading">Betaalverzoek</h2>
      <form aria-labelledby="heading" @submit=${this.send}>
        ${this.fees.length
          ? html`<fieldset>
              <legend>Leges</legend>
              ${this.fees.map(
                (fee) => html`<label class="fee">
                  <input type="checkbox" .checked=${this.picked.has(fee.id)} @change=${(e: Event) => this.toggle(fee, (e.target as HTMLInputElement).checked)} />
                  ${localize(fee.label, 'nl')} ${formatEuro(fee.amount)}
                </label>`,
              )}
            </fieldset>`
          : nothing}
        ${this.freeAmount
          ? html`<label for="free">Ander bedrag in euro</label>
              <input id="free" inputmode="decimal" autocomplete="off" .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} />`
          : nothing}
        <button type="submit" ?disabled=${this.sending}>${this.sending ? 'Bezig met versturen…' : 'Betaalverzoek sturen'}</button>
      </form>
      <p role="status">${this.said}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.list.stale ? html`<p class="muted">De status is misschien niet actueel: de server was even niet bereikbaar.</p>` : nothing}
      ${payments.length
        ? html`<ul aria-label="Betaalverzoeken in dit gesprek">
            ${payments.map(
              (p: PaymentView) => html`<li>
                <span>${p.description} ${formatEuro(p.amount)}</span>
                <span class="status">${statusNames[p.status]}${p.refunded ? ' (terugbetaald)' : ''}</span>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

if (!customElements.get('balie-payment-request')) customElements.define('balie-payment-request', BaliePaymentRequest);

declare global {
  interface HTMLElementTagNameMap {
    'balie-payment-request': BaliePaymentRequest;
  }
}
