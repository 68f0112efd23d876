import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FiguresBasis, FiguresResponse, FiguresRow } from '../../protocol/index.js';
import { figuresCsvRoute, figuresRoute } from '../../protocol/routes/console.js';
import { consoleCall, consoleRouteUrl } from '../console-api.js';
import { panelStyles } from '../panel.styles.js';
import { barChart, type BarPoint } from './figures-chart.js';

/** Seconds as an employee reads them: `1 min 30 s`, or a dash when nothing was measured. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes ? `${minutes} min${rest ? ` ${rest} s` : ''}` : `${rest} s`;
}

/** Sums `calls` per key, in first-seen order. */
export function callsBy(rows: FiguresRow[], key: (row: FiguresRow) => string): BarPoint[] {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row.calls);
  return [...sums].map(([label, value]) => ({ label, value }));
}

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** One plain line on how trips and CO₂ are computed, from the config the server used. */
export function tripsExplained(basis: FiguresBasis): string {
  const perProduct = basis.products
    .map((p) => `${p.productName}: ${p.tripsSaved} ${p.tripsSaved === 1 ? 'reis' : 'reizen'} bij uitkomst ${p.resolvedOutcomes.join(' of ') || '(geen)'}`)
    .join('; ');
  return (
    `Alleen een gesprek met een uitkomst die de zaak oplost telt, met het aantal reizen dat voor het product is ingesteld (${perProduct}). ` +
    `CO₂: ${basis.kmPerTrip} km per reis, ${basis.gramsCo2PerKm} g per km.`
  );
}

/**
 * The municipality's figures, for a beheerder: calls per day and product, waiting time, call
 * duration, satisfaction, first-time-right, fees paid in the call, and trips and CO₂ avoided
 * (with how they are computed), as charts, a table and a CSV download.
 *
 * @summary Figures of the video counter (beheerder).
 * @attr api-base - Base URL of the balie API.
 * @csspart chart - Each SVG chart.
 */
export class BalieFigures extends LitElement {
  static override styles = [
    panelStyles,
    css`
      .range { display: flex; flex-wrap: wrap; gap: 1em; align-items: end; }
      .range label { margin: 0; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20em, 100%), 1fr)); gap: 1em; color: var(--_primary); }
      .charts figure { margin: 0; min-width: 0; }
      .charts h3 { color: var(--_text); font-size: 1em; }
      .charts .axis { stroke: var(--_muted); }
      .charts text { fill: var(--_text); }
      /* Ten columns cannot fit a narrow window (or 400 % zoom): the table scrolls in its own box, the page does not (WCAG 1.4.10). */
      .table-box { overflow-x: auto; margin-top: 1em; }
      .table-box:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid var(--_border); }
      td.n { text-align: right; }
      a { color: var(--_primary); font-weight: 600; }
    `,
  ];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The figures shown; loaded for the chosen range when the element connects. */
  @property({ attribute: false }) figures?: FiguresResponse;
  @state() private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.figures) void this.load();
  }

  private async load(from?: string, to?: string): Promise<void> {
    const result = await consoleCall(this.apiBase, figuresRoute, { query: from && to ? { from, to } : {} });
    if (result.ok) {
      this.figures = result.value;
      this.problem = '';
    } else {
      this.problem = result.status === 403 ? 'Alleen een beheerder kan de cijfers zien.' : 'De cijfers zijn nu niet te laden. Controleer de datums.';
    }
  }

  private choose = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void this.load(String(form.get('from')), String(form.get('to')));
  };

  override render() {
    const f = this.figures;
    return html`<h2 tabindex="-1" data-view-heading>Cijfers</h2>
      <form class="range" @submit=${this.choose}>
        <div><label for="from">Van</label><input id="from" name="from" type="date" required .value=${f?.from ?? ''} /></div>
        <div><label for="to">Tot en met</label><input id="to" name="to" type="date" required .value=${f?.to ?? ''} /></div>
        <div><button type="submit">Tonen</button></div>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${f ? this.renderFigures(f) : nothing}`;
  }

  private renderFigures(f: FiguresResponse) {
    const t = f.totals;
    return html`<dl>
        <dt>Gesprekken</dt><dd>${t.calls}</dd>
        <dt>Wachttijd</dt><dd>mediaan ${duration(t.waitMedianSeconds)}, 90% binnen ${duration(t.waitP90Seconds)}</dd>
        <dt>Duur van een gesprek</dt><dd>mediaan ${duration(t.callMedianSeconds)}</dd>
        <dt>Niet gekomen</dt><dd>${t.noShows}</dd>
        <dt>Tevredenheid</dt><dd>${t.satisfaction === null ? '–' : `${t.satisfaction.toLocaleString('nl-NL')} van 5`}</dd>
        <dt>In één keer goed</dt><dd>${percent(t.firstTimeRightShare)}</dd>
        <dt>Leges betaald in het gesprek</dt><dd>${percent(t.paidInCallShare)}</dd>
        <dt>Reizen bespaard</dt><dd>${t.tripsAvoided}, ${t.kgCo2Avoided.toLocaleString('nl-NL')} kg CO₂</dd>
      </dl>
      <p class="muted" data-trips-basis>${tripsExplained(f.basis)}</p>
      <p><a href=${consoleRouteUrl(this.apiBase, figuresCsvRoute, { from: f.from, to: f.to })} download>Cijfers downloaden (CSV)</a></p>
      <div class="charts">
        <figure><h3>Gesprekken per dag</h3>${barChart('Gesprekken per dag', callsBy(f.rows, (r) => r.day.slice(5)))}</figure>
        <figure><h3>Gesprekken per product</h3>${barChart('Gesprekken per product', callsBy(f.rows, (r) => r.productName))}</figure>
      </div>
      <div class="table-box" role="region" aria-labelledby="per-day" tabindex="0"><table>
        <caption class="muted" id="per-day">Per dag en product</caption>
        <thead><tr><th scope="col">Dag</th><th scope="col">Product</th><th scope="col">Gesprekken</th><th scope="col">Wachttijd (mediaan)</th><th scope="col">Wachttijd (90%)</th><th scope="col">Duur (mediaan)</th><th scope="col">Tevredenheid</th><th scope="col">In één keer goed</th><th scope="col">Betaald in gesprek</th><th scope="col">Reizen bespaard</th></tr></thead>
        <tbody>
          ${f.rows.map(
            (r) => html`<tr>
              <td>${r.day}</td><td>${r.productName}</td><td class="n">${r.calls}</td>
              <td class="n">${duration(r.waitMedianSeconds)}</td><td class="n">${duration(r.waitP90Seconds)}</td>
              <td class="n">${duration(r.callMedianSeconds)}</td>
              <td class="n">${r.satisfaction ?? '–'}</td><td class="n">${r.outcomes ? `${r.firstTimeRight} van ${r.outcomes}` : '–'}</td>
              <td class="n">${r.paidInCall}</td><td class="n">${r.tripsAvoided}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  }
}

if (!customElements.get('balie-figures')) customElements.define('balie-figures', BalieFigures);

declare global {
  interface HTMLElementTagNameMap {
    'balie-figures': BalieFigures;
  }
}
