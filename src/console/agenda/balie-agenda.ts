import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AgendaDay, BookingState } from '../../protocol/index.js';
import { agendaRoute } from '../../protocol/routes/console.js';
import { consoleCall } from '../console-api.js';
import { panelStyles } from '../panel.styles.js';

/** A booking's state as an employee reads it. */
export const stateWords: Record<BookingState, string> = {
  'awaiting-payment': 'Wacht op betaling',
  booked: 'Geboekt',
  waiting: 'Wacht',
  'in-call': 'In gesprek',
  done: 'Klaar',
  'no-show': 'Niet gekomen',
  cancelled: 'Geannuleerd',
};

/** `date` (`YYYY-MM-DD`) moved by `days` days. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `2026-11-23` as `maandag 23 november 2026`. */
export function dayInWords(date: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/**
 * The agenda: the booked appointments of one day at a time, with time, product, name, state,
 * whether the citizen is identified, and the employee's note. Previous and next day buttons move
 * through the days; the first day shown is today in the counter's time zone.
 *
 * @summary Agenda of booked video appointments, one day at a time.
 * @attr api-base - Base URL of the balie API.
 */
export class BalieAgenda extends LitElement {
  static override styles = [
    panelStyles,
    css`
      .days { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
      /* Six columns cannot fit a narrow window (or 400 % zoom): the table scrolls in its own box, the page does not (WCAG 1.4.10). */
      .table-box { overflow-x: auto; margin-top: 1em; }
      .table-box:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid var(--_border); vertical-align: top; }
      td.note { white-space: pre-wrap; max-width: 30em; overflow-wrap: anywhere; }
    `,
  ];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The day shown; loaded (today) when the element connects without one. */
  @property({ attribute: false }) day?: AgendaDay;
  @state() private problem = '';
  @state() private loading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.day) void this.load();
  }

  private async load(date?: string): Promise<void> {
    this.loading = true;
    const result = await consoleCall(this.apiBase, agendaRoute, { query: { from: date, days: 1 } });
    this.loading = false;
    if (result.ok && result.value.days[0]) {
      this.day = result.value.days[0];
      this.problem = '';
    } else {
      if (date) this.day = { date, products: [] };
      this.problem = 'De agenda is nu niet te laden. Probeer het zo nog eens.';
    }
  }

  private move(days: number) {
    if (this.day) void this.load(shiftDate(this.day.date, days));
  }

  override render() {
    const day = this.day;
    const appointments = day?.products.flatMap((p) => p.appointments).sort((a, b) => a.start.localeCompare(b.start)) ?? [];
    return html`<h2 tabindex="-1" data-view-heading>Agenda</h2>
      <div class="days">
        <button class="secondary" ?disabled=${!day || this.loading} @click=${() => this.move(-1)}>Vorige dag</button>
        <button class="secondary" ?disabled=${!day || this.loading} @click=${() => this.move(1)}>Volgende dag</button>
      </div>
      <p role="status">${this.loading ? 'Bezig met laden…' : ''}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${day
        ? html`<h3>${dayInWords(day.date)}</h3>
            ${appointments.length === 0
              ? html`<p>Geen afspraken op deze dag.</p>`
              : html`<div class="table-box" role="region" aria-labelledby="appointments" tabindex="0"><table>
                  <caption class="muted" id="appointments">Afspraken op ${dayInWords(day.date)}</caption>
                  <thead><tr><th scope="col">Tijd</th><th scope="col">Product</th><th scope="col">Naam</th><th scope="col">Status</th><th scope="col">Ingelogd met DigiD</th><th scope="col">Notitie</th></tr></thead>
                  <tbody>
                    ${appointments.map(
                      (a) => html`<tr>
                        <td>${a.time}</td><td>${a.productName}</td><td>${a.name}</td><td>${stateWords[a.state]}</td>
                        <td>${a.identified ? 'Ja' : 'Nee'}</td><td class="note">${a.note ?? ''}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table></div>`}`
        : nothing}`;
  }
}

if (!customElements.get('balie-agenda')) customElements.define('balie-agenda', BalieAgenda);

declare global {
  interface HTMLElementTagNameMap {
    'balie-agenda': BalieAgenda;
  }
}
