import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './balie-sign-in.js';
import type { BalieSignIn } from './balie-sign-in.js';

describe('<balie-sign-in>', () => {
  it("offers the municipality's login, and the access code only where it is on", async () => {
    const el = await fixture<BalieSignIn>(
      html`<balie-sign-in api-base="/api/" .options=${{ oidc: true, accessCode: false }}></balie-sign-in>`,
    );
    const link = el.shadowRoot!.querySelector('a')!;
    expect(link.textContent).to.equal('Inloggen met uw gemeente-account');
    expect(new URL(link.href).pathname).to.equal('/api/console/login');
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers the access code in a test environment', async () => {
    const el = await fixture<BalieSignIn>(html`<balie-sign-in .options=${{ oidc: true, accessCode: true }}></balie-sign-in>`);
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Toegangscode');
    await expect(el).to.be.accessible();
  });

  for (const [error, text] of [
    ['cancelled', 'U heeft het inloggen afgebroken.'],
    ['no_role', 'Uw account heeft geen toegang tot de videobalie. Vraag uw beheerder om de rol medewerker.'],
  ] as const) {
    it(`explains a login that came back with "${error}"`, async () => {
      const el = await fixture<BalieSignIn>(html`<balie-sign-in .options=${{ oidc: true, accessCode: false }} .loginError=${error}></balie-sign-in>`);
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(text);
    });
  }

  it('says so when the server cannot be reached', async () => {
    const el = await fixture<BalieSignIn>(html`<balie-sign-in api-base="/no-such-api/"></balie-sign-in>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    await expect(el).to.be.accessible();
  });
});
