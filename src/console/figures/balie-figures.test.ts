import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { FiguresResponse } from '../../protocol/index.js';
import './balie-figures.js';
import { callsBy, duration, type BalieFigures } from './balie-figures.js';
import { barLayout } from './figures-chart.js';

const row = { noShows: 0, feedbackCount: 0, satisfaction: null, outcomes: 0, firstTimeRight: 0, waitP90Seconds: 30, callMedianSeconds: 300 };
const figures: FiguresResponse = {
  from: '2026-11-20',
  to: '2026-11-21',
  rows: [
    { ...row, day: '2026-11-20', product: 'paspoort', productName: 'Paspoort aanvragen', calls: 3, waitMedianSeconds: 120, satisfaction: 4.5, outcomes: 2, firstTimeRight: 1 },
    { ...row, day: '2026-11-21', product: 'paspoort', productName: 'Paspoort aanvragen', calls: 1, waitMedianSeconds: 30 },
    { ...row, day: '2026-11-21', product: 'rijbewijs', productName: 'Rijbewijs verlengen', calls: 2, waitMedianSeconds: 45 },
  ],
  totals: { calls: 6, waitMedianSeconds: 90, waitP90Seconds: 246, callMedianSeconds: 750, noShows: 0, satisfaction: 4.5, firstTimeRightShare: 0.5, tripsAvoided: 6, kgCo2Avoided: 7.2 },
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
