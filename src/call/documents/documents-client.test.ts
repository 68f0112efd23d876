import { expect, waitUntil } from '@open-wc/testing';
import { encodeEvent } from '../../protocol/index.js';
import { httpDocumentsClient } from './documents-client.js';

/** A stream that sends `events` and stays open, as the server's ticket stream does. */
function openStream(events: unknown[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(new TextEncoder().encode(encodeEvent(event)));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('httpDocumentsClient follow', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  function client() {
    return httpDocumentsClient({
      maxBytes: 1024,
      canSend: true,
      listUrl: '/list',
      uploadUrl: '/upload',
      downloadUrl: (id) => `/download/${id}`,
      headers: {},
      eventsUrl: '/events',
    });
  }

  // The ticket may briefly hold its most streams (the waiting room's, just closed, not yet seen gone
  // by the server): a 429 then must not end the following, or the citizen never hears of a document.
  it('tries again after "too many streams" and then hears of documents', async () => {
    const answers = [
      () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'too many' } }), { status: 429 }),
      () => openStream([{ type: 'document', ticketId: 't', id: 'd1' }]),
    ];
    let calls = 0;
    window.fetch = async () => answers[Math.min(calls++, answers.length - 1)]();
    const news: string[] = [];
    const stop = client().follow!(() => news.push('news'));
    try {
      // One for the stream opening, one for the document.
      await waitUntil(() => news.length >= 2, 'no news after the 429', { timeout: 3000 });
      expect(calls).to.equal(2);
    } finally {
      stop();
    }
  });

  it('stops following on any other refusal', async () => {
    let calls = 0;
    window.fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'gone' } }), { status: 404 });
    };
    const stop = client().follow!(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 600));
    stop();
    expect(calls).to.equal(1);
  });
});
