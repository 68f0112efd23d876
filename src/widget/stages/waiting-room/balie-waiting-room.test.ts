import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './balie-waiting-room.js';
import type { BalieWaitingRoom } from './balie-waiting-room.js';

// The waiting room against a live balie server is covered end to end (test/e2e); here: what the
// citizen sees when the server cannot be reached or refuses the ticket.
describe('<balie-waiting-room>', () => {
  it('keeps the citizen informed while the server cannot be reached', async () => {
    const el = await fixture<BalieWaitingRoom>(
      html`<balie-waiting-room .apiBase=${'http://127.0.0.1:9/api/'} .secret=${'s'}></balie-waiting-room>`,
    );
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    await waitUntil(() => status.textContent!.includes('De verbinding is even weg'), 'no reconnect text');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    await expect(el).to.be.accessible();
  });

  it('reports a refused ticket to its host', async () => {
    const el = document.createElement('balie-waiting-room');
    el.apiBase = new URL('/no-such-api/', location.href).href;
    el.secret = 'unknown';
    const refused = oneEvent(el, 'balie-ticket-error');
    document.body.append(el);
    const event = await refused;
    expect(event.detail.error.status).to.equal(404);
    el.remove();
  });

  it('lets the citizen leave the queue', async () => {
    const el = await fixture<BalieWaitingRoom>(html`<balie-waiting-room></balie-waiting-room>`);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Wachtkamer verlaten');
    setTimeout(() => button.click());
    await oneEvent(el, 'balie-leave-request');
  });
});
