import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PaymentView } from '../../../protocol/index.js';
import './balie-payments.js';
import type { BaliePayments } from './balie-payments.js';

const open: PaymentView = {
  id: 'p1',
  description: 'Paspoort volwassene',
  amount: 8430,
  method: 'ideal',
  status: 'open',
  checkoutUrl: 'https://pay.example/checkout/tr_1',
  refunded: false,
  createdAt: '2026-12-05T09:00:00Z',
};

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Waits until `find` finds something, and gives it. */
async function found<T>(find: () => T | null | undefined, what: string): Promise<T> {
  await waitUntil(() => find(), what, { timeout: 5000 });
  return find()!;
}

/**
 * A ticket stream the test drives: each `push` sends one server-sent event. With the payments
 * list and the retry answers the test sets. The real server is covered in test/server and e2e.
 */
function fakeServer() {
  const realFetch = window.fetch;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const server = {
    payments: [] as PaymentView[],
    retried: [] as string[],
    retryAnswer: undefined as Response | undefined,
    streams: 0,
    push(event: object) {
      controller?.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`));
    },
    restore() {
      window.fetch = realFetch;
    },
  };
  window.fetch = async (input, init) => {
    const url = String(input);
    if (url.endsWith('/tickets/current/events')) {
      server.streams++;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    if (url.endsWith('/tickets/current/payments')) return Response.json({ payments: server.payments });
    const retry = /payments\/([\w-]+)\/retry$/.exec(url);
    if (retry && init?.method === 'POST') {
      server.retried.push(retry[1]!);
      return server.retryAnswer ?? Response.json({ ...open, id: 'p2' }, { status: 201 });
    }
    return new Response(null, { status: 404 });
  };
  return server;
}

describe('<balie-payments>', () => {
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    server = fakeServer();
  });
  afterEach(() => server.restore());

  async function inCall(): Promise<BaliePayments> {
    const el = await fixture<BaliePayments>(html`<balie-payments lang="nl" .apiBase=${'https://balie.example/api/'} .secret=${'s'}></balie-payments>`);
    await waitUntil(() => server.streams === 1, 'the ticket stream');
    return el;
  }

  it('shows nothing and loads no card while no payment is asked', async () => {
    const el = await inCall();
    server.push({ type: 'ticket', ticket: { id: 't', product: 'paspoort', state: 'admitted', position: 0, createdAt: '' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('balie-payment-card')).to.equal(null);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('shows the card when the employee asks, says so once, and follows the status live', async () => {
    const el = await inCall();
    server.payments = [open];
    server.push({ type: 'payment', ticketId: 't', id: 'p1', status: 'open' });
    const card = await found(() => el.shadowRoot!.querySelector('balie-payment-card'), 'the card');
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    await waitUntil(() => text(status) !== '', 'the news');
    expect(text(status)).to.equal('De medewerker vraagt u te betalen: Paspoort volwassene, € 84,30.');
    await found(() => card.shadowRoot?.querySelector('a'), 'the pay link');

    server.payments = [{ ...open, status: 'paid', checkoutUrl: undefined }];
    server.push({ type: 'payment', ticketId: 't', id: 'p1', status: 'paid' });
    await waitUntil(() => text(status).startsWith('Betaald'), 'paid said');
    await waitUntil(() => text(card.shadowRoot!.querySelector('.paid')) === 'Betaald', 'paid shown');
    await expect(el).to.be.accessible();
  });

  it('tries a failed payment again through the server, and shows the new one', async () => {
    server.payments = [{ ...open, status: 'failed', checkoutUrl: undefined }];
    const el = await inCall();
    const card = await found(() => el.shadowRoot!.querySelector('balie-payment-card'), 'the card');
    const retry = await found(() => card.shadowRoot!.querySelector('button'), 'the retry button');
    retry.click();
    await waitUntil(() => card.shadowRoot!.querySelector('a'), 'the new pay link');
    expect(server.retried).to.deep.equal(['p1']);
  });

  it('says when paying is not possible right now, and the citizen can try again', async () => {
    server.payments = [{ ...open, status: 'canceled', checkoutUrl: undefined }];
    server.retryAnswer = Response.json({ error: { code: 'provider_unavailable', message: 'down' } }, { status: 503 });
    const el = await inCall();
    const card = await found(() => el.shadowRoot!.querySelector('balie-payment-card'), 'the card');
    (await found(() => card.shadowRoot!.querySelector('button'), 'the retry button')).click();
    const alert = await found(() => card.shadowRoot!.querySelector('[role="alert"]'), 'the problem');
    expect(text(alert)).to.equal('Betalen kan nu even niet. Probeer het over een paar minuten opnieuw.');
    expect(card.shadowRoot!.querySelector('button')!.disabled).to.equal(false);
  });
});
