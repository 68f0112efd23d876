import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-details-form.js';
import type { BalieDetailsForm } from './balie-details-form.js';

const input = (el: BalieDetailsForm, id: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
const submit = (el: BalieDetailsForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

describe('<balie-details-form>', () => {
  it('says what data is kept, why and how long', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form .keepDays=${60} .askPhone=${true}></balie-details-form>`);
    const consent = el.shadowRoot!.querySelector('#consent-text')!.textContent!;
    expect(consent).to.contain('naam, e-mailadres en telefoonnummer');
    expect(consent).to.contain('60 dagen');
    expect(input(el, 'phone')).to.exist;
  });

  it('tells the browser what each field is for, so it can fill it in (WCAG 1.3.5)', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form .askPhone=${true}></balie-details-form>`);
    const purposes = Object.fromEntries(['name', 'email', 'phone'].map((id) => [id, [input(el, id).type, input(el, id).autocomplete]]));
    expect(purposes).to.deep.equal({ name: ['text', 'name'], email: ['email', 'email'], phone: ['tel', 'tel'] });
  });

  it('asks no phone number unless the config does', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form></balie-details-form>`);
    expect(el.shadowRoot!.querySelector('#phone')).to.be.null;
  });

  it('links each error to its field, announces it and focuses the first', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form></balie-details-form>`);
    input(el, 'name').value = 'Jan Jansen';
    input(el, 'email').value = 'jan@';
    submit(el);
    await el.updateComplete;
    await el.updateComplete;
    const email = input(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#email-error')!.textContent).to.contain('Vul een goed e-mailadres in');
    expect(email.getAttribute('aria-describedby')).to.contain('email-error');
    expect(el.shadowRoot!.querySelector('#consent-error')!.textContent).to.contain('Zet een vinkje');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Niet alles is goed ingevuld');
    expect(el.shadowRoot!.activeElement).to.equal(email);
    await expect(el).to.be.accessible();
  });

  it('hands over the details once all is well', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form></balie-details-form>`);
    input(el, 'name').value = ' Jan Jansen ';
    input(el, 'email').value = 'jan@example.nl';
    input(el, 'consent').click();
    setTimeout(() => submit(el));
    const event = await oneEvent(el, 'balie-details-submitted');
    expect(event.detail).to.deep.equal({ details: { name: 'Jan Jansen', email: 'jan@example.nl' } });
  });

  it('names the button after the next step', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form .needsLogin=${true}></balie-details-form>`);
    expect(el.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('Verder naar inloggen');
    el.needsLogin = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('Afspraak bevestigen');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieDetailsForm>(html`<balie-details-form .askPhone=${true} .policyUrl=${'https://voorbeeldstad.nl/privacy'}></balie-details-form>`);
    await expect(el).to.be.accessible();
  });
});
