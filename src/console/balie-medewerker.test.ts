import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './balie-medewerker.js';
import { waitedFor, type BalieMedewerker } from './balie-medewerker.js';

describe('<balie-medewerker>', () => {
  it('asks for sign-in when there is no session', async () => {
    // No balie server behind this page: the session check fails, so the console asks to sign in.
    const el = await fixture<BalieMedewerker>(html`<balie-medewerker api-base="/no-such-api/"></balie-medewerker>`);
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'no sign-in form');
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Toegangscode');
    await expect(el).to.be.accessible();
  });

  const now = Date.parse('2026-11-23T10:00:00Z');
  for (const [createdAt, expected] of [
    ['2026-11-23T09:59:30Z', 'wacht net'],
    ['2026-11-23T09:58:00Z', 'wacht 2 min'],
    ['2026-11-23T08:59:00Z', 'wacht 61 min'],
    ['2026-11-23T10:00:30Z', 'wacht net'],
  ] as const) {
    it(`shows ${createdAt} as "${expected}"`, () => expect(waitedFor(createdAt, now)).to.equal(expected));
  }
});
