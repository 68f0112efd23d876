import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './guest-panel.js';
import type { BalieGuestPanel } from './guest-panel.js';

describe('<balie-guest-panel>', () => {
  // No balie server behind this page: every request fails as a network error would.
  it("offers 'Tolk mag bestanden sturen', and says so when setting it fails", async () => {
    const el = await fixture<BalieGuestPanel>(html`<balie-guest-panel api-base="/no-such-api/" .ticketId=${'t1'}></balie-guest-panel>`);
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.labels![0]!.textContent!.trim()).to.equal('Tolk mag bestanden sturen');
    expect(box.checked).to.equal(false);
    box.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no message that it failed');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Dat lukte niet. Probeer het opnieuw.');
    // Not allowed on the server, so not shown as allowed either.
    expect(box.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
