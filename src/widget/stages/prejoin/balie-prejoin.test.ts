import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './balie-prejoin.js';
import type { BaliePrejoin } from './balie-prejoin.js';

// Chromium runs with a fake camera and microphone here (see web-test-runner.config.mjs).
describe('<balie-prejoin>', () => {
  it('shows the citizen their own camera', async () => {
    const el = await fixture<BaliePrejoin>(html`<balie-prejoin></balie-prejoin>`);
    await waitUntil(() => (el.shadowRoot!.querySelector('video')?.videoWidth ?? 0) > 0, 'no camera picture', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('video')!.getAttribute('aria-label')).to.equal('Uw camera');
  });

  it('moves the microphone meter when there is sound', async () => {
    const el = await fixture<BaliePrejoin>(html`<balie-prejoin></balie-prejoin>`);
    // The fake microphone beeps; the meter must show it.
    await waitUntil(() => el.shadowRoot!.querySelector('meter')!.value > 0, 'meter never moved', { timeout: 5000 });
  });

  it('goes on with camera when the camera works', async () => {
    const el = await fixture<BaliePrejoin>(html`<balie-prejoin></balie-prejoin>`);
    const button = el.shadowRoot!.querySelector('button')!;
    await waitUntil(() => !button.disabled, 'continue stayed disabled');
    expect(button.textContent!.trim()).to.equal('Naar de wachtkamer');
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'balie-prejoin-done');
    expect(event.detail).to.deep.equal({ audioOnly: false });
  });

  it('stops the camera when it leaves the page', async () => {
    const el = await fixture<BaliePrejoin>(html`<balie-prejoin></balie-prejoin>`);
    await waitUntil(() => el.shadowRoot!.querySelector('video')?.srcObject, 'no stream');
    const stream = el.shadowRoot!.querySelector('video')!.srcObject as MediaStream;
    el.remove();
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).to.be.true;
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BaliePrejoin>(html`<balie-prejoin></balie-prejoin>`);
    await waitUntil(() => !el.shadowRoot!.querySelector('button')!.disabled);
    await expect(el).to.be.accessible();
  });
});
