import {
  formatEuro,
  resolveLang,
  type BalieConfig,
  type Lang,
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
  retryPaymentRoute,
  ticketPaymentsRoute,
} from '../../protocol/routes/payments.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf } from '../console/console-session.js';
import { csvTable } from '../console/figures.js';
import { ticketId } from '../console/ticket-param.js';
import { ApiError } from '../http/api-error.js';
import { requireUuid } from '../http/params.js';
import { routesFor } from '../http/route.js';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../store/index.js';
import type { TicketRecord } from '../tickets/ticket-store.js';
import { authenticateTicket, requireLiveTicket, requireOwnCall } from '../tickets/ticket-auth.js';
import { findTicketById } from '../tickets/ticket-store.js';
import { bookingPayments } from './booking-payments.js';
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
  /**
   * A payment was recorded or changed status: the live streams tell citizen and employee (see
   * `QueueHub.paymentChanged`). Called after the change is stored, never for a change not made.
   */
  announce?: (payment: PaymentRecord) => void;
  /**
   * A payment became paid (in the call; at booking once the booking is confirmed): the receipt
   * mail, where the citizen left an address. Must not throw.
   */
  paid?: (payment: PaymentRecord, log: FastifyBaseLogger) => Promise<void>;
  /** A booking paid at booking was paid and is booked now: its confirmation mail. Must not throw. */
  bookingConfirmed?: (bookingId: string, log: FastifyBaseLogger) => Promise<void>;
  /** How often bookings whose hold ended unpaid are let go. Default 30 seconds. */
  holdSweepIntervalMs?: number;
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

  const bookings = bookingPayments(app, {
    db,
    config,
    provider,
    base,
    askProvider,
    refreshFromProvider,
    bookingConfirmed: options.bookingConfirmed,
    paid: options.paid,
    holdSweepIntervalMs: options.holdSweepIntervalMs ?? 30_000,
  });

  route(requestPaymentRoute, async (request, reply): Promise<PaymentView> => {
    const who = employeeOf(request);
    const ticket = requireOwnCall(requireLiveTicket(await findTicketById(db, ticketId(request.params)), plugin), who.id, plugin);
    const product = config.products.find((p) => p.id === ticket.product);
    const charge = chargeFor(product, request.body);
    if (await findOpenPayment(db, ticket.id)) {
      throw new ApiError(409, 'payment_open', `${plugin}: this call already has an open payment; wait until it is paid, canceled or expired`);
    }
    const payment = await createPayment(ticket, charge, who.id, request, auditActor(who));
    reply.code(201);
    return toPaymentView(payment);
  });

  route(retryPaymentRoute, async (request, reply): Promise<PaymentView> => {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    const id = requireUuid(request.params.payment, plugin, 'a payment id');
    const earlier = await findPayment(db, id);
    if (!earlier || earlier.ticketId !== ticket.id) throw new ApiError(404, 'payment_unknown', `${plugin}: no such payment in this call`);
    // A second tab, or a double click, that retries after the first did: the open one is it.
    const open = await findOpenPayment(db, ticket.id);
    if (open) return toPaymentView(open);
    if (!RETRYABLE.includes(earlier.status)) {
      throw new ApiError(409, 'not_retryable', `${plugin}: only a failed, canceled or expired payment can be tried again (this one is ${earlier.status})`);
    }
    const charge = { amount: earlier.amount, description: earlier.description, feeIds: earlier.feeIds };
    const payment = await createPayment(ticket, charge, earlier.requestedBy, request, 'citizen');
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

  route(paymentReturnPageRoute, async (request, reply) => {
    // `?lang=en`: the language of the booking or the call's widget; `?na=afspraak`: paid while
    // booking, not in a call.
    const query = request.query as { na?: string; lang?: string };
    const lang = resolveLang(query.lang);
    const t = returnPageTexts[lang];
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${t.title}</title>` +
          `<main><h1>${t.heading}</h1><p>${query.na === 'afspraak' ? t.booking : t.call}</p></main></html>`,
      );
  });

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
    const changed = await updateStatus(db, payment.id, current.status, current.paidAt);
    if (!changed) return;
    options.announce?.(changed);
    if (changed.bookingId) await bookings.paymentChanged(changed);
    else if (changed.status === 'paid') await options.paid?.(changed, app.log);
  }

  /**
   * Asks the provider for the payment, then records it. Nothing is recorded before the provider
   * has created it, so a provider that is down leaves nothing half-written.
   */
  async function createPayment(ticket: TicketRecord, charge: Charge, requestedBy: string, request: FastifyRequest, actor: string): Promise<PaymentRecord> {
    // The same key for the same request: a doubled click or a retry after a timeout gets the
    // provider's same payment, never a second charge.
    const idempotencyKey = `balie-${ticket.id}-${await countPayments(db, ticket.id)}`;
    const created = await askProvider(() =>
      provider.create({
        amount: charge.amount,
        description: charge.description,
        method: config.payments.method,
        redirectUrl: `${base}${paymentReturnPageRoute.path}?lang=${ticket.lang ?? 'nl'}`,
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
        requestedBy,
      });
      if (row) await recordAudit(tx, { actor, action: 'payment.requested', subject: `ticket:${ticket.id}`, requestId: request.id });
      return row;
    });
    // A concurrent request with the same key got the same provider payment and recorded it first.
    const payment = saved ?? (await findPaymentByProviderId(db, created.id));
    if (!payment) throw new ApiError(409, 'payment_open', `${plugin}: this call already has an open payment`);
    if (saved) options.announce?.(saved);
    return payment;
  }
};

/** The page the checkout tab lands on, in the citizen's language. Plain language (B1). */
const returnPageTexts: Record<Lang, { title: string; heading: string; call: string; booking: string }> = {
  nl: {
    title: 'Betaling afgerond',
    heading: 'U kunt dit tabblad sluiten',
    call: 'De medewerker en het gesprek ziet u in het andere tabblad; daar ziet u of de betaling gelukt is.',
    booking: 'Uw afspraak ziet u in het andere tabblad; daar ziet u of de betaling gelukt is.',
  },
  en: {
    title: 'Payment finished',
    heading: 'You can close this tab',
    call: 'The employee and your call are in the other tab. There you can see if the payment worked.',
    booking: 'Your appointment is in the other tab. There you can see if the payment worked.',
  },
  fr: {
    title: 'Paiement terminé',
    heading: 'Vous pouvez fermer cet onglet',
    call: "L'agent et votre appel sont dans l'autre onglet. Vous y voyez si le paiement a réussi.",
    booking: "Votre rendez-vous est dans l'autre onglet. Vous y voyez si le paiement a réussi.",
  },
};

/** The ends after which the citizen may try again. */
const RETRYABLE: readonly PaymentRecord['status'][] = ['failed', 'canceled', 'expired'];

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
