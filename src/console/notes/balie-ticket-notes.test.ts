import { expect, fixture, html } from '@open-wc/testing';
import './balie-ticket-notes.js';
import type { BalieTicketNotes } from './balie-ticket-notes.js';

describe('<balie-ticket-notes>', () => {
  it('offers the default outcome codes and an empty note', async () => {
    const el = await fixture<BalieTicketNotes>(html`<balie-ticket-notes></balie-ticket-notes>`);
    const options = [...el.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).to.deep.equal(['Nog geen uitkomst', 'Afgehandeld', 'Vervolg nodig', 'Doorverwezen']);
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('shows what was saved before', async () => {
    const el = await fixture<BalieTicketNotes>(
      html`<balie-ticket-notes .saved=${{ outcome: 'doorverwezen', note: 'Naar de GGD' }}></balie-ticket-notes>`,
    );
    expect(el.shadowRoot!.querySelector('select')!.value).to.equal('doorverwezen');
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('Naar de GGD');
  });

  it("uses the municipality's own outcome codes", async () => {
    const outcomes = [{ id: 'klaar', label: 'Klaar', firstTimeRight: true }];
    const el = await fixture<BalieTicketNotes>(html`<balie-ticket-notes .outcomes=${outcomes}></balie-ticket-notes>`);
    expect([...el.shadowRoot!.querySelectorAll('option')].map((o) => o.value)).to.deep.equal(['', 'klaar']);
  });
});
