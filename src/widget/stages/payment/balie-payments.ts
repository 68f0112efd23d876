import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { callRoute, routeUrl } from '../../../protocol/client.js';
import type { PaymentStatus, PaymentView } from '../../../protocol/index.js';
import { citizenPaymentsRoute, retryPaymentRoute } from '../../../protocol/routes/payments.js';
import { ticketEventsRoute } from '../../../protocol/routes/tickets.js';
import { BalieApiError, bearer } from '../../api-client.js';
import type { Lang } from '../../i18n/messages.js';
import { BalieStage } from '../balie-stage.js';
import { TicketStreamController } from '../waiting-room/ticket-stream-controller.js';

type CardChunk = typeof import('./balie-payment-card.js');

/**
 * Beside the citizen's call: follows the ticket's event stream and, when the employee asks for a
 * payment, loads the payment card's chunk and shows the newest payment (issue 16). Until then it
 * is an empty live region: a call without a payment fetches nothing more. Status changes are said
 * once, politely; the status always comes from the server, never from the call's data channel.
 *
 * @summary The citizen's payments in the call: the card, loaded when one is asked.
 * @attr lang - Language of the texts.
 */
export class BaliePayments extends BalieStage<string> {
  /** Base URL of the balie API (ends in `/`). */
  @property({ attribute: false }) apiBase = '';
  /** The citizen's ticket secret; sent as a bearer header, never in a URL. */
  @property({ attribute: false }) secret = '';

  @state() private payments: PaymentView[] = [];
  /** What the live region says: the last news, once. */
  @state() private said = '';
  @state() private retrying = false;
  /** Why the last "try again" did not work: the server's error code, or `network`. */
  @state() private retryProblem?: string;

  /** The card's chunk, once a payment was asked. */
  private card?: CardChunk;
  private reads = 0;
  /**
   * The statuses last seen, by payment id. Unset until the first read or payment event: what the
   * first read after connecting finds was there already (a rejoined call), and is not news.
   */
  private known?: Map<string, PaymentStatus>;

  protected get catalogs() {
    return (this.card?.paymentCatalogs ?? { nl: {}, en: {}, fr: {} }) as Record<Lang, Record<string, string>>;
  }

  protected readonly stream = new TicketStreamController(
    this,
    () => (this.apiBase && this.secret ? { url: routeUrl(this.apiBase, ticketEventsRoute), secret: this.secret } : undefined),
    (why) => {
      // From a payment event on, what the read finds is news (also if the read made when the
      // stream opened has not come back yet).
      if (why === 'payment') this.known ??= new Map();
      void this.read();
    },
  );

  /** Reads the payments; the newest answer wins. A failed read keeps what is shown. */
  private async read(): Promise<void> {
    const read = ++this.reads;
    let payments: PaymentView[];
    try {
      ({ payments } = await callRoute(this.apiBase, citizenPaymentsRoute, { headers: bearer(this.secret) }));
    } catch (error) {
      // The stream's next event or reopening reads again.
      console.warn(`[digitale-balie] reading the payments: ${(error as Error).message}`);
      return;
    }
    if (read !== this.reads || !this.isConnected) return;
    if (payments.length > 0) this.card ??= await import('./balie-payment-card.js');
    this.take(payments);
  }

  private take(payments: PaymentView[]): void {
    const newest = payments[0];
    const before = this.known?.get(newest?.id ?? '');
    if (this.known && newest && before !== newest.status && this.card) {
      this.said = this.card.paymentNews(newest, before, this.language, this.texts) ?? this.said;
    }
    this.known = new Map(payments.map((p) => [p.id, p.status]));
    this.payments = payments;
  }

  private retry = async (event: CustomEvent<{ paymentId: string }>): Promise<void> => {
    event.stopPropagation();
    this.retrying = true;
    this.retryProblem = undefined;
    try {
      const payment = await callRoute(this.apiBase, retryPaymentRoute, { params: { payment: event.detail.paymentId }, headers: bearer(this.secret) });
      this.take([payment, ...this.payments.filter((p) => p.id !== payment.id)]);
    } catch (error) {
      this.retryProblem = error instanceof BalieApiError ? error.code : 'network';
    } finally {
      this.retrying = false;
    }
  };

  override render() {
    const newest = this.payments[0];
    return html`<p class="visually-hidden" role="status">${this.said}</p>
      ${newest && this.card
        ? html`<balie-payment-card
            lang=${this.language}
            .texts=${this.texts}
            .payment=${newest}
            .busy=${this.retrying}
            .problem=${this.retryProblem}
            @balie-payment-retry=${this.retry}
          ></balie-payment-card>`
        : nothing}`;
  }
}

if (!customElements.get('balie-payments')) customElements.define('balie-payments', BaliePayments);

declare global {
  interface HTMLElementTagNameMap {
    'balie-payments': BaliePayments;
  }
}
