import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CreatePaymentRequest, PaymentView } from '../../protocol/index.js';
import { requestPaymentRoute, ticketPaymentsRoute } from '../../protocol/routes/payments.js';
import { consoleCall, type ApiResult } from '../console-api.js';

/**
 * The payments of the call the employee is in: read when the ticket is set and again on each
 * payment nudge of the queue stream (the host calls {@link reload}); sending a request goes
 * through here too. Keeps which payments changed status since the last read, so the element can
 * say so once in its live region.
 */
export class TicketPaymentsController implements ReactiveController {
  payments: PaymentView[] = [];
  /** The payments whose status differs from the previous read (none on the first read). */
  changed: PaymentView[] = [];
  /** The last read failed: what is shown may be out of date. */
  stale = false;
  private ticketId = '';
  /** Only the newest read is taken: answers can overtake one another. */
  private reads = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly apiBase: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.ticketId) void this.reload(this.ticketId);
  }

  hostDisconnected(): void {
    // An answer that arrives after the call's panel is gone is dropped.
    this.reads++;
  }

  /** Reads the payments of `ticketId`; a new ticket starts from an empty list. */
  async reload(ticketId: string): Promise<void> {
    if (ticketId !== this.ticketId) {
      this.ticketId = ticketId;
      this.payments = [];
      this.changed = [];
    }
    if (!ticketId) return;
    const read = ++this.reads;
    const result = await consoleCall(this.apiBase(), ticketPaymentsRoute, { params: { id: ticketId } });
    if (read !== this.reads || ticketId !== this.ticketId) return;
    this.stale = !result.ok;
    if (result.ok) this.take(result.value.payments);
    this.host.requestUpdate();
  }

  /** Sends the request; on success the new payment is in {@link payments} at once. */
  async request(body: CreatePaymentRequest): Promise<ApiResult<PaymentView>> {
    const ticketId = this.ticketId;
    const result = await consoleCall(this.apiBase(), requestPaymentRoute, { params: { id: ticketId }, body });
    if (result.ok && ticketId === this.ticketId && !this.payments.some((p) => p.id === result.value.id)) {
      this.take([result.value, ...this.payments]);
      this.host.requestUpdate();
    }
    return result;
  }

  private take(payments: PaymentView[]): void {
    const before = new Map(this.payments.map((p) => [p.id, p.status]));
    this.changed = payments.filter((p) => before.has(p.id) && before.get(p.id) !== p.status);
    this.payments = payments;
  }
}
