import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { FiguresResponse } from '../../protocol/index.js';
import './balie-figures.js';
import { callsBy, duration, tripsExplained, type BalieFigures } from './balie-figures.js';
import { barLayout } from './figures-chart.js';

const row = { noShows: 0, feedbackCount: 0, satisfaction: null, outcomes: 0, firstTimeRight: 0, paidInCall: 0, tripsAvoided: 0, waitP90Seconds: 30, callMedianSeconds: 300 };
const figures: FiguresResponse = {
  from: '2026-11-20',
  to: '2026-11-21',
  rows: [
    { ...row, day: '2026-11-20', product: 'paspoort', productName: 'Paspoort aanvragen', calls: 3, waitMedianSeconds: 120, satisfaction: 4.5, outcomes: 2, firstTimeRight: 1, paidInCall: 2 },
    { ...row, day: '2026-11-21', product: 'paspoort', productName: 'Paspoort aanvragen', calls: 1, waitMedianSeconds: 30 },
    { ...row, day: '2026-11-21', product: 'rijbewijs', productName: 'Rijbewijs verlengen', calls: 2, waitMedianSeconds: 45, tripsAvoided: 2 },
  ],
  totals: { calls: 6, waitMedianSeconds: 90, waitP90Seconds: 246, callMedianSeconds: 750, noShows: 0, satisfaction: 4.5, firstTimeRightShare: 0.5, paidInCallShare: 0.5, tripsAvoided: 2, kgCo2Avoided: 2.4 },
  basis: {
    kmPerTrip: 10,
    gramsCo2PerKm: 120,
    products: [
      { product: 'paspoort', productName: 'Paspoort aanvragen', tripsSaved: 0, resolvedOutcomes: ['afgehandeld'] },
      { product: 'rijbewijs', productName: 'Rijbewijs verlengen', tripsSaved: 1, resolvedOutcomes: ['afgehandeld', 'doorverwezen'] },
    ],
  },
};

describe('<balie-figures>', () => {
  it('shows totals, two charts, a table and the CSV link', async () => {
    const el = await fixture<BalieFigures>(html`<balie-figures api-base="/no-such-api/" .figures=${figures}></balie-figures>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('dl')!.textContent!.replace(/\s+/g, ' ')).to.contain('mediaan 1 min 30 s, 90% binnen 4 min 6 s');
    expect([...root.querySelectorAll('svg[role="img"]')].map((s) => s.getAttribute('aria-label'))).to.deep.equal([
      'Gesprekken per dag',
      'Gesprekken per product',
    ]);
    expect(root.querySelectorAll('tbody tr').length).to.equal(3);
    const totals = [...root.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`);
    expect(totals).to.include.members(['In één keer goed: 50%', 'Leges betaald in het gesprek: 50%', 'Reizen bespaard: 2, 2,4 kg CO₂']);
    expect(root.querySelector('[data-trips-basis]')!.textContent).to.equal(tripsExplained(figures.basis));
    expect(root.querySelector('a[download]')!.getAttribute('href')).to.match(/\/no-such-api\/console\/figures\.csv\?from=2026-11-20&to=2026-11-21$/);
    await expect(el).to.be.accessible();
  });

  it('says plainly when the figures cannot be loaded', async () => {
    const el = await fixture<BalieFigures>(html`<balie-figures api-base="/no-such-api/"></balie-figures>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    await expect(el).to.be.accessible();
  });

  for (const [seconds, text] of [[null, '–'], [45, '45 s'], [60, '1 min'], [246, '4 min 6 s']] as const) {
    it(`reads ${seconds} seconds as "${text}"`, () => expect(duration(seconds)).to.equal(text));
  }

  it('says in one line how trips and CO₂ are computed', () => {
    expect(tripsExplained(figures.basis)).to.equal(
      'Alleen een gesprek met een uitkomst die de zaak oplost telt, met het aantal reizen dat voor het product is ingesteld ' +
        '(Paspoort aanvragen: 0 reizen bij uitkomst afgehandeld; Rijbewijs verlengen: 1 reis bij uitkomst afgehandeld of doorverwezen). ' +
        'CO₂: 10 km per reis, 120 g per km.',
    );
  });

  it('sums calls per day across products', () => {
    expect(callsBy(figures.rows, (r) => r.day)).to.deep.equal([
      { label: '2026-11-20', value: 3 },
      { label: '2026-11-21', value: 3 },
    ]);
  });

  it('draws the highest bar to the top of the plot and a zero as no bar', () => {
    const [high, zero] = barLayout([{ label: 'a', value: 4 }, { label: 'b', value: 0 }], 200, 200);
    expect(high!.y).to.equal(16);
    expect(zero!.height).to.equal(0);
  });
});
