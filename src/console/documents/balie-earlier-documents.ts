import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BalieConfig, EarlierCallDocuments } from '../../protocol/index.js';
import { employeeEarlierDocumentsRoute } from '../../protocol/routes/documents.js';
import '../../call/documents/balie-documents.js';
import { consoleCall } from '../console-api.js';
import { panelStyles } from '../panel.styles.js';
import { employeeDocuments } from './console-documents.js';

const when = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The files of the employee's earlier calls (issue 15): each call that still has documents, with
 * when retention removes them, to open or download — the photo a citizen sent yesterday is still
 * here today. Only the employee's own calls (admitted by them, or handed over to them).
 *
 * @summary Files of the employee's earlier calls, until retention removes them.
 * @attr api-base - Base URL of the balie API.
 */
export class BalieEarlierDocuments extends LitElement {
  static override styles = [
    panelStyles,
    css`
      ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 1.5em; }
      .removal { margin: 0 0 0.5em; }
    `,
  ];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The municipality's config: the largest file (read-only here, so only for the client's key). */
  @property({ attribute: false }) config?: BalieConfig;
  @state() private calls?: EarlierCallDocuments[];
  @state() private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const result = await consoleCall(this.apiBase, employeeEarlierDocumentsRoute);
    if (result.ok) {
      this.calls = result.value.calls;
      this.problem = '';
    } else {
      this.problem = 'De bestanden van eerdere gesprekken zijn nu niet te laden. Probeer het straks opnieuw.';
    }
  }

  override render() {
    return html`<h2>Bestanden van eerdere gesprekken</h2>
      <p class="muted">Bestanden uit uw gesprekken blijven hier staan tot ze na de bewaartermijn automatisch worden verwijderd.</p>
      ${this.problem
        ? html`<p class="error" role="alert">${this.problem} <button class="secondary" @click=${() => void this.load()}>Opnieuw laden</button></p>`
        : nothing}
      ${!this.calls
        ? this.problem
          ? nothing
          : html`<p role="status">Bezig met laden…</p>`
        : this.calls.length
          ? html`<ol>
              ${repeat(
                this.calls,
                (call) => call.ticketId,
                (call) => html`<li>
                  <balie-documents
                    lang="nl"
                    heading-level="3"
                    heading=${`${call.product}, ${when.format(new Date(call.endedAt))}`}
                    .client=${employeeDocuments(this.apiBase, call.ticketId, this.config, false)}
                  ></balie-documents>
                  <p class="muted removal">Worden verwijderd op ${day.format(new Date(call.removedAt))}.</p>
                </li>`,
              )}
            </ol>`
          : html`<p>Er zijn geen bestanden van eerdere gesprekken.</p>`}`;
  }
}

if (!customElements.get('balie-earlier-documents')) customElements.define('balie-earlier-documents', BalieEarlierDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'balie-earlier-documents': BalieEarlierDocuments;
  }
}
