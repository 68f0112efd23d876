import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A payment-provider simulator (issue 16): the part of Mollie's v2 payments API the balie's Mollie
// adapter uses (create, get, refund), over HTTPS as the official client demands, with a checkout
// page where the tester chooses paid / failed / canceled / expired, as Mollie's own test mode
// does. After the choice it calls the payment's webhook with only the id, like Mollie.

const TLS = join(dirname(fileURLToPath(import.meta.url)), 'tls');
/** The simulator's test CA: give it to the balie as `BALIE_MOLLIE_CA_FILE`. Its key was discarded. */
export const SIMULATOR_CA_FILE = join(TLS, 'ca.pem');
/** Any key of this shape is accepted, as Mollie's test keys are 30+ characters after `test_`. */
export const SIMULATOR_API_KEY = 'test_balieSimulatorKey0000000000000000';

/** What the tester can choose on the checkout page. */
export const CHECKOUT_CHOICES = ['paid', 'failed', 'canceled', 'expired'] as const;
export type CheckoutChoice = (typeof CHECKOUT_CHOICES)[number];

interface SimulatedPayment {
  id: string;
  amount: { currency: string; value: string };
  description: string;
  method: string;
  status: string;
  redirectUrl: string;
  webhookUrl?: string;
  metadata: unknown;
  createdAt: string;
  paidAt?: string;
  refunds: { id: string; amount: { currency: string; value: string }; description: string; createdAt: string }[];
}

export interface PaymentSimulator {
  /** The API root to give the balie as `BALIE_MOLLIE_API_ENDPOINT` (`https://127.0.0.1:…/v2/`). */
  apiEndpoint: string;
  /** The checkout pages' origin (plain HTTP on loopback). */
  checkoutOrigin: string;
  /** Every payment created, by id, as the simulator holds it. */
  payments: Map<string, SimulatedPayment>;
  /** Webhook calls made, in order: the URL and its answer's status. */
  webhookCalls: { id: string; status: number }[];
  /** The tester's choice, as the checkout page's buttons make it; calls the webhook. */
  choose(id: string, choice: CheckoutChoice): Promise<void>;
  /** While down, the API answers 503, as a provider in trouble does. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** Starts the simulator on free loopback ports (or the given ones). */
export async function startPaymentSimulator(options: { apiPort?: number; checkoutPort?: number } = {}): Promise<PaymentSimulator> {
  const payments = new Map<string, SimulatedPayment>();
  const byIdempotencyKey = new Map<string, string>();
  const webhookCalls: { id: string; status: number }[] = [];
  let down = false;

  const api = createHttpsServer({ cert: readFileSync(join(TLS, 'server.pem')), key: readFileSync(join(TLS, 'server-key.pem')) }, (req, res) => {
    void handleApi(req, res).catch((error) => send(res, 500, { status: 500, title: 'Internal Server Error', detail: String(error) }));
  });
  const checkout = createHttpServer((req, res) => {
    void handleCheckout(req, res).catch((error) => send(res, 500, { detail: String(error) }));
  });
  await listen(api, options.apiPort ?? 0);
  await listen(checkout, options.checkoutPort ?? 0);
  const apiEndpoint = `https://127.0.0.1:${port(api)}/v2/`;
  const checkoutOrigin = `http://127.0.0.1:${port(checkout)}`;

  function resource(payment: SimulatedPayment): object {
    const open = payment.status === 'open';
    return {
      resource: 'payment',
      id: payment.id,
      mode: 'test',
      createdAt: payment.createdAt,
      amount: payment.amount,
      description: payment.description,
      method: payment.method,
      metadata: payment.metadata,
      status: payment.status,
      isCancelable: open,
      ...(payment.paidAt ? { paidAt: payment.paidAt } : {}),
      ...(payment.refunds.length > 0 ? { amountRefunded: payment.amount } : {}),
      profileId: 'pfl_simulator',
      sequenceType: 'oneoff',
      redirectUrl: payment.redirectUrl,
      webhookUrl: payment.webhookUrl,
      _links: {
        self: { href: `${apiEndpoint}payments/${payment.id}`, type: 'application/hal+json' },
        ...(open ? { checkout: { href: `${checkoutOrigin}/checkout/${payment.id}`, type: 'text/html' } } : {}),
      },
    };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (down) {
      // The client retries a 5xx after Retry-After: one second keeps a test of "down" short.
      res.setHeader('retry-after', '1');
      return send(res, 503, { status: 503, title: 'Service Unavailable', detail: 'The simulator is down, as asked' });
    }
    if (!/^Bearer test_\w{30,}$/.test(req.headers.authorization ?? '')) {
      return send(res, 401, { status: 401, title: 'Unauthorized Request', detail: 'Missing authentication, or failed to authenticate' });
    }
    const url = new URL(req.url ?? '/', apiEndpoint);
    const match = /^\/v2\/payments(?:\/(tr_\w+))?(\/refunds)?$/.exec(url.pathname);
    if (!match) return send(res, 404, { status: 404, title: 'Not Found', detail: 'No such endpoint in the simulator' });
    const [, id, refunds] = match;
    if (req.method === 'POST' && !id) return createPayment(req, res);
    const payment = id ? payments.get(id) : undefined;
    if (!payment) return send(res, 404, { status: 404, title: 'Not Found', detail: `No payment exists with token ${id}.` });
    if (req.method === 'GET' && !refunds) return send(res, 200, resource(payment));
    if (req.method === 'POST' && refunds) {
      const body = JSON.parse(await readBody(req)) as { amount: { currency: string; value: string }; description?: string };
      if (payment.status !== 'paid') return send(res, 422, { status: 422, title: 'Unprocessable Entity', detail: 'The payment is not paid' });
      const refund = { id: `re_${token()}`, amount: body.amount, description: body.description ?? '', createdAt: new Date().toISOString() };
      payment.refunds.push(refund);
      return send(res, 201, { resource: 'refund', ...refund, status: 'pending', paymentId: payment.id, _links: { self: { href: `${apiEndpoint}payments/${payment.id}/refunds/${refund.id}` } } });
    }
    send(res, 405, { status: 405, title: 'Method Not Allowed', detail: req.method });
  }

  async function createPayment(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = req.headers['idempotency-key'];
    const again = typeof key === 'string' ? byIdempotencyKey.get(key) : undefined;
    if (again) return send(res, 201, resource(payments.get(again)!));
    const body = JSON.parse(await readBody(req)) as Partial<SimulatedPayment>;
    if (!body.amount || !/^\d+\.\d{2}$/.test(body.amount.value) || !body.description || !body.redirectUrl) {
      return send(res, 422, { status: 422, title: 'Unprocessable Entity', detail: 'amount, description and redirectUrl are required' });
    }
    const payment: SimulatedPayment = {
      id: `tr_${token()}`,
      amount: body.amount,
      description: body.description,
      method: body.method ?? 'ideal',
      status: 'open',
      redirectUrl: body.redirectUrl,
      webhookUrl: body.webhookUrl,
      metadata: body.metadata ?? null,
      createdAt: new Date().toISOString(),
      refunds: [],
    };
    payments.set(payment.id, payment);
    if (typeof key === 'string') byIdempotencyKey.set(key, payment.id);
    send(res, 201, resource(payment));
  }

  async function choose(id: string, choice: CheckoutChoice): Promise<void> {
    const payment = payments.get(id);
    if (!payment || payment.status !== 'open') throw new Error(`payment-simulator: ${id} is not open`);
    payment.status = choice;
    if (choice === 'paid') payment.paidAt = new Date().toISOString();
    if (!payment.webhookUrl) return;
    // Like Mollie: a form-encoded body with only the id. The balie must fetch the rest.
    const answer = await fetch(payment.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id }).toString(),
    }).catch(() => undefined);
    webhookCalls.push({ id, status: answer?.status ?? 0 });
  }

  async function handleCheckout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/checkout\/(tr_\w+)$/.exec(new URL(req.url ?? '/', checkoutOrigin).pathname);
    const payment = match ? payments.get(match[1]!) : undefined;
    if (!payment) return page(res, 404, '<h1>Onbekende betaling</h1>');
    if (req.method === 'POST') {
      const choice = new URLSearchParams(await readBody(req)).get('status') as CheckoutChoice | null;
      if (!choice || !CHECKOUT_CHOICES.includes(choice)) return page(res, 400, '<h1>Kies een uitkomst</h1>');
      if (payment.status === 'open') await choose(payment.id, choice);
      res.writeHead(303, { location: payment.redirectUrl }).end();
      return;
    }
    if (payment.status !== 'open') return page(res, 200, `<h1>Deze betaling is al afgerond</h1><p>Status: ${payment.status}</p>`);
    const method = payment.method === 'bancontact' ? 'Bancontact' : 'iDEAL';
    const buttons = CHECKOUT_CHOICES.map((c) => `<button name="status" value="${c}">${c}</button>`).join(' ');
    page(res, 200, `<h1>Testbetaling (${method})</h1>
<p>${escapeHtml(payment.description)}: € ${payment.amount.value.replace('.', ',')}</p>
<p>Dit is de betaalsimulator: kies de uitkomst.</p>
<form method="post">${buttons}</form>`);
  }

  return {
    apiEndpoint,
    checkoutOrigin,
    payments,
    webhookCalls,
    choose,
    setDown(value) {
      down = value;
    },
    async close() {
      await Promise.all([close(api), close(checkout)]);
    },
  };
}

function token(): string {
  return randomBytes(8).toString('hex');
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': status < 400 ? 'application/hal+json' : 'application/problem+json' }).end(JSON.stringify(body));
}

function page(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; form-action *" })
    .end(`<!doctype html><html lang="nl"><meta charset="utf-8"><title>Betaalsimulator</title><main>${body}</main></html>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function listen(server: Server, at: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, '127.0.0.1', () => resolve());
  });
}

function port(server: Server): number {
  return (server.address() as { port: number }).port;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
