import { expect, fixture, html } from '@open-wc/testing';
import type { CouplingHealth } from '../../protocol/index.js';
import { couplingLines, renderCouplingStatus } from './coupling-status.js';

const agenda: CouplingHealth = {
  id: 'agenda',
  type: 'caldav',
  productNames: ['Paspoort aanvragen', 'Zaal huren'],
  state: 'ok',
  checkedAt: '2026-11-23T10:00:00Z',
};

describe('the calendar coupling status line', () => {
  it('says nothing when every product uses the balie\'s own store', () => {
    expect(couplingLines([])).to.deep.equal([]);
  });

  it('names the products of a coupling that works', () => {
    expect(couplingLines([agenda])).to.deep.equal([{ text: 'Agenda-koppeling (Paspoort aanvragen, Zaal huren): werkt.', down: false }]);
  });

  for (const [problem, why] of [
    ['timeout', 'de agendaserver antwoordt niet op tijd'],
    ['unreachable', 'de agendaserver is niet bereikbaar'],
    ['refused', 'de agendaserver weigert de inlog van de balie'],
    ['not-found', 'een agenda bestaat niet (meer) op de agendaserver'],
  ] as const) {
    it(`explains a coupling that is down (${problem}) and what it means for citizens`, () => {
      const [line] = couplingLines([{ ...agenda, state: 'down', problem }]);
      expect(line).to.deep.equal({
        text: `Agenda-koppeling (Paspoort aanvragen, Zaal huren) werkt niet: ${why}. Inwoners kunnen nu geen afspraak maken, verzetten of annuleren.`,
        down: true,
      });
    });
  }

  it('is announced as a status and passes the a11y audit', async () => {
    const el = await fixture(html`<div>${renderCouplingStatus([agenda, { ...agenda, id: 'b', productNames: ['Rijbewijs'], state: 'down', problem: 'timeout' }])}</div>`);
    const status = el.querySelector('[role="status"]')!;
    expect(status.querySelectorAll('p')).to.have.length(2);
    expect(status.querySelector('p.error')!.textContent).to.contain('Rijbewijs');
    await expect(el).to.be.accessible();
  });
});
