import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defaultOutcomes, type Outcome, type TicketOutcomeView } from '../../protocol/index.js';
import { saveTicketOutcomeRoute, ticketOutcomeRoute } from '../../protocol/routes/console.js';
import { consoleCall } from '../console-api.js';
import { panelStyles } from '../panel.styles.js';

/**
 * The employee's note and the outcome of the conversation, from the municipality's outcome codes.
 * The outcome feeds the first-time-right figure; every save is audited on the server.
 *
 * @summary Note and outcome of one conversation.
 * @attr api-base - Base URL of the balie API.
 */
export class BalieTicketNotes extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The ticket the note is about; its saved note is loaded when this is set. */
  @property({ attribute: false }) ticketId = '';
  /** Outcome codes from the config. */
  @property({ attribute: false }) outcomes: Outcome[] = defaultOutcomes;
  /** The note and outcome as last saved. */
  @property({ attribute: false }) saved: TicketOutcomeView = {};

  @state() private status = '';
  @state() private problem = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId') && this.ticketId) {
      this.saved = {};
      this.status = '';
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const result = await consoleCall(this.apiBase, ticketOutcomeRoute, { params: { id: this.ticketId } });
    if (result.ok) this.saved = result.value;
  }

  private save = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const outcome = String(form.get('outcome') ?? '');
    const note = String(form.get('note') ?? '').trim();
    const result = await consoleCall(this.apiBase, saveTicketOutcomeRoute, {
      params: { id: this.ticketId },
      body: { ...(outcome ? { outcome } : {}), ...(note ? { note } : {}) },
    });
    if (!result.ok) {
      this.problem = 'Opslaan lukte niet. Probeer het opnieuw.';
      return;
    }
    this.problem = '';
    this.saved = result.value;
    const at = new Date(result.value.updatedAt ?? Date.now());
    this.status = `Opgeslagen om ${at.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}.`;
  };

  override render() {
    return html`<section aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notitie en uitkomst</h2>
      <form @submit=${this.save}>
        <label for="outcome">Uitkomst</label>
        <select id="outcome" name="outcome">
          <option value="" ?selected=${!this.saved.outcome}>Nog geen uitkomst</option>
          ${this.outcomes.map((o) => html`<option value=${o.id} ?selected=${this.saved.outcome === o.id}>${o.label}</option>`)}
        </select>
        <label for="note">Notitie</label>
        <textarea id="note" name="note" rows="4" maxlength="4000" .value=${this.saved.note ?? ''}></textarea>
        <button type="submit">Opslaan</button>
      </form>
      <p role="status">${this.status}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }
}

if (!customElements.get('balie-ticket-notes')) customElements.define('balie-ticket-notes', BalieTicketNotes);

declare global {
  interface HTMLElementTagNameMap {
    'balie-ticket-notes': BalieTicketNotes;
  }
}
