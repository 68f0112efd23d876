import type { FastifyPluginAsync } from 'fastify';
import {
  formatEuro,
  type BalieConfig,
  type PaymentListView,
  type PaymentView,
  type PaymentsConfig,
  type Product,
} from '../../protocol/index.js';
import {
  citizenPaymentsRoute,
  paymentReturnPageRoute,
  paymentsCsvRoute,
  paymentWebhookRoute,
  refundPaymentRoute,
  requestPaymentRoute,
  ticketPaymentsRoute,
} from '../../protocol/routes/payments.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf } from '../console/console-session.js';
import { csvTable } from '../console/figures.js';
import { ticketId } from '../console/ticket-param.js';
import { ApiError } from '../http/api-error.js';
import { requireUuid } from '../http/params.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { authenticateTicket, requireLiveTicket, requireOwnCall } from '../tickets/ticket-auth.js';
import { findTicketById } from '../tickets/ticket-store.js';
import { ProviderUnavailable, type PaymentProvider } from './payment-provider.js';
import {
  allPayments,
  countPayments,
  findOpenPayment,
  findPayment,
  findPaymentByProviderId,
  insertPayment,
  listPayments,
  markRefunded,
  toPaymentView,
  updateStatus,
  type PaymentRecord,
} from './payment-store.js';

const plugin = 'balie-payments';

/** Options of {@link paymentRoutes}. */
export interface PaymentRoutesOptions {
  db: Db;
  config: BalieConfig & { payments: PaymentsConfig };
  provider: PaymentProvider;
  /** This server's URL as the provider and the citizen's browser reach it. */
  publicUrl: string;
}

/**
 * Payments in the call (issue 16). Amounts come from the config's fees only; the status only
 * from the provider, fetched when its webhook says something changed. Nothing is recorded before
 * the provider has created the payment, so a provider that is down leaves nothing half-written.
 */
export const paymentRoutes: FastifyPluginAsync<PaymentRoutesOptions> = async (app, options) => {
  const { db, config, provider } = options;
  const base = options.publicUrl.replace(/\/+$/, '');
  const route = routesFor(app, plugin);

  // The provider posts its webhook form-encoded (`id=tr_…`); only within this plugin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  route(requestPaymentRoute, async (request, reply): Promise<PaymentView> => {
    const who = employeeOf(request);
    const ticket = requireOwnCall(requireLiveTicket(await findTicketById(db, ticketId(request.params)), plugin), who.id, plugin);
    const product = config.products.find((p) => p.id === ticket.product);
    const charge = chargeFor(product, request.body);
    if (await findOpenPayment(db, ticket.id)) {
      throw new ApiError(409, 'payment_open', `${plugin}: this call already has an open payment; wait until it is paid, canceled or expired`);
    }
    // The same key for the same request: a doubled click or a retry after a timeout gets the
    // provider's same payment, never a second charge.
    const idempotencyKey = `balie-${ticket.id}-${await countPayments(db, ticket.id)}`;
    const created = await askProvider(() =>
      provider.create({
        amount: charge.amount,
        description: charge.description,
        method: config.payments.method,
        redirectUrl: `${base}${paymentReturnPageRoute.path}`,
        webhookUrl: `${base}${paymentWebhookRoute.path}`,
        idempotencyKey,
        reference: ticket.id,
      }),
    );
    const saved = await db.transaction(async (tx) => {
      const row = await insertPayment(tx, {
        ticketId: ticket.id,
        product: ticket.product,
        feeIds: charge.feeIds,
        description: charge.description,
        amount: charge.amount,
        method: config.payments.method,
        provider: provider.name,
        providerId: created.id,
        checkoutUrl: created.checkoutUrl ?? null,
        status: created.status,
        requestedBy: who.id,
      });
      if (row) {
        await recordAudit(tx, { actor: auditActor(who), action: 'payment.requested', subject: `ticket:${ticket.id}`, requestId: request.id });
      }
      return row;
    });
    // A concurrent request with the same key got the same provider payment and recorded it first.
    const payment = saved ?? (await findPaymentByProviderId(db, created.id));
    if (!payment) throw new ApiError(409, 'payment_open', `${plugin}: this call already has an open payment`);
    reply.code(201);
    return toPaymentView(payment);
  });

  route(ticketPaymentsRoute, async (request): Promise<PaymentListView> => {
    const id = ticketId(request.params);
    if (!(await findTicketById(db, id))) throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
    return { payments: (await listPayments(db, id)).map(toPaymentView) };
  });

  route(citizenPaymentsRoute, async (request): Promise<PaymentListView> => {
    const ticket = await authenticateTicket(db, request);
    return { payments: (await listPayments(db, ticket.id)).map(toPaymentView) };
  });

  route(paymentWebhookRoute, async (request, reply) => {
    const payment = await findPaymentByProviderId(db, request.body.id);
    // An id we never created: nothing to do, and nothing said about why (Mollie only wants a 2xx,
    // and a forger learns nothing).
    if (!payment) return reply.code(200).send();
    await refreshFromProvider(payment);
    return reply.code(200).send();
  });

  route(paymentReturnPageRoute, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Betaling afgerond</title>' +
          '<main><h1>U kunt dit tabblad sluiten</h1><p>De medewerker en het gesprek ziet u in het andere tabblad; daar ziet u of de betaling gelukt is.</p></main></html>',
      ),
  );

  route(paymentsCsvRoute, async (request, reply) => {
    const rows = await allPayments(db);
    await recordAudit(db, { actor: auditActor(employeeOf(request)), action: 'payment.exported', subject: 'payments', requestId: request.id });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="betalingen.csv"')
      .send(csvTable(CSV_COLUMNS, rows));
  });

  route(refundPaymentRoute, async (request): Promise<PaymentView> => {
    const id = requireUuid(request.params.payment, plugin, 'a payment id');
    const payment = await findPayment(db, id);
    if (!payment) throw new ApiError(404, 'payment_unknown', `${plugin}: no such payment`);
    if (payment.status !== 'paid' || payment.refundedAt) {
      throw new ApiError(409, 'not_refundable', `${plugin}: only a paid payment can be refunded, once (this one is ${payment.refundedAt ? 'refunded' : payment.status})`);
    }
    const refundId = await askProvider(() => provider.refund(payment.providerId, payment.amount, `Terugbetaling: ${payment.description}`));
    const refunded = await db.transaction(async (tx) => {
      const row = await markRefunded(tx, payment.id, refundId);
      if (row) {
        await recordAudit(tx, { actor: auditActor(employeeOf(request)), action: 'payment.refunded', subject: `payment:${payment.id}`, requestId: request.id });
      }
      return row;
    });
    if (!refunded) throw new ApiError(409, 'not_refundable', `${plugin}: the payment was refunded meanwhile`);
    return toPaymentView(refunded);
  });

  /**
   * Asks the provider for the payment and records what it says. A status is taken only when the
   * provider's amount is ours: a payment it reports for another amount is never "paid" here.
   */
  async function refreshFromProvider(payment: PaymentRecord): Promise<void> {
    const current = await askProvider(() => provider.get(payment.providerId));
    if (!current) return;
    if (current.amount !== payment.amount) {
      app.log.error({ payment: payment.id }, `${plugin}: the provider reports ${current.amount} cents for a payment of ${payment.amount}; status not taken`);
      return;
    }
    await updateStatus(db, payment.id, current.status, current.paidAt);
  }
};

/** The CSV for finance: bookkeeping only, no person. */
const CSV_COLUMNS: [string, (p: PaymentRecord) => string | number | null][] = [
  ['betaling', (p) => p.id],
  ['aangemaakt', (p) => p.createdAt.toISOString()],
  ['betaald', (p) => p.paidAt?.toISOString() ?? null],
  ['product', (p) => p.product],
  ['leges', (p) => p.feeIds],
  ['omschrijving', (p) => p.description],
  ['bedrag_centen', (p) => p.amount],
  ['bedrag', (p) => formatEuro(p.amount)],
  ['methode', (p) => p.method],
  ['status', (p) => p.status],
  ['aanbieder', (p) => p.provider],
  ['aanbieder_id', (p) => p.providerId],
  ['terugbetaald', (p) => p.refundedAt?.toISOString() ?? null],
  ['terugbetaling_id', (p) => p.refundId],
];

interface Charge {
  amount: number;
  description: string;
  feeIds: string;
}

/** What to charge: the config's fees by id, or a free amount where the product allows one. */
function chargeFor(product: Product | undefined, body: { fees?: string[]; freeAmount?: number }): Charge {
  const fees = product?.fees ?? [];
  if (!product || (fees.length === 0 && !product.freeAmount)) {
    throw new ApiError(409, 'payments_off', `${plugin}: the product of this call has no fees in the config`);
  }
  const hasFees = (body.fees?.length ?? 0) > 0;
  if (hasFees === (body.freeAmount !== undefined)) {
    throw new ApiError(400, 'bad_request', `${plugin}: send either "fees" (fee ids) or "freeAmount" (cents), one of them`);
  }
  if (body.freeAmount !== undefined) {
    if (!product.freeAmount) throw new ApiError(400, 'fee_unknown', `${plugin}: this product allows no free amount; pick its fees`);
    return { amount: body.freeAmount, description: `${labelOf(product.name)}: overig bedrag`, feeIds: 'free' };
  }
  const picked = body.fees!.map((id) => {
    const fee = fees.find((f) => f.id === id);
    if (!fee) {
      throw new ApiError(400, 'fee_unknown', `${plugin}: no fee "${id.slice(0, 64)}" for this product (known: ${fees.map((f) => f.id).join(', ')})`);
    }
    return fee;
  });
  return {
    amount: picked.reduce((sum, fee) => sum + fee.amount, 0),
    description: picked.map((fee) => labelOf(fee.label)).join(', ').slice(0, 255),
    feeIds: picked.map((fee) => fee.id).join(','),
  };
}

/** The Dutch text, else the first given: the provider's description and the bookkeeping's. */
function labelOf(text: string | Record<string, string | undefined>): string {
  return typeof text === 'string' ? text : (text.nl ?? Object.values(text).find(Boolean) ?? '');
}

async function askProvider<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ProviderUnavailable) {
      throw new ApiError(503, 'provider_unavailable', `${plugin}: the payment provider does not answer; nothing was recorded, try again in a moment`);
    }
    throw error;
  }
}
