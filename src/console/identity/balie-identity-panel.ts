import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  defaultRevealReasons,
  explanationRequired,
  type LevelOfAssurance,
  type TicketIdentityView,
} from '../../protocol/index.js';
import { revealNationalNumberRoute, ticketIdentityRoute } from '../../protocol/routes/console.js';
import { consoleCall } from '../console-api.js';
import { panelStyles } from '../panel.styles.js';

const levelNames: Record<LevelOfAssurance, string> = {
  basis: 'Basis',
  midden: 'Midden',
  substantieel: 'Substantieel',
  hoog: 'Hoog',
};

/**
 * During the call: who the citizen proved to be — name and level of assurance from their login,
 * and the BSN masked. Showing the BSN in full asks why: a reason from the municipality's list and
 * an explanation (required with the list's last, "Anders"); the server records who, when and why
 * before it answers. The full BSN lives only in this element's memory until hidden or closed.
 *
 * @summary Identity of the citizen in the call.
 * @attr api-base - Base URL of the balie API.
 */
export class BalieIdentityPanel extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The ticket of the citizen in this call; the panel loads their identity when it is set. */
  @property({ attribute: false }) ticketId = '';
  /** What the server said about the citizen's identity (loaded from `ticketId`). */
  @property({ attribute: false }) identity?: TicketIdentityView;
  /** The reasons the employee may choose from: the config's `identity.revealReasons`. */
  @property({ attribute: false }) revealReasons: readonly string[] = defaultRevealReasons;

  @state() private asking = false;
  /** The reason chosen in the form; with the list's last, the explanation is required. */
  @state() private reason = '';
  @state() private revealed?: string;
  @state() private problem = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId') && this.ticketId) {
      this.revealed = undefined;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const result = await consoleCall(this.apiBase, ticketIdentityRoute, { params: { id: this.ticketId } });
    if (result.ok) this.identity = result.value;
    else this.problem = 'De gegevens van de inwoner zijn nu niet te laden.';
  }

  private reveal = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const reason = String(form.get('reason') ?? '');
    const explanation = String(form.get('explanation') ?? '').trim();
    const result = await consoleCall(this.apiBase, revealNationalNumberRoute, {
      params: { id: this.ticketId },
      body: { reason, ...(explanation ? { explanation } : {}) },
    });
    if (!result.ok) {
      this.problem = result.status === 400 ? 'Kies een reden en licht die toe in een paar woorden.' : 'Het BSN tonen lukte niet.';
      return;
    }
    this.problem = '';
    this.asking = false;
    this.reason = '';
    this.revealed = result.value.nationalNumber;
  };

  /** Opens or closes the question why, and puts the keyboard where the employee goes next. */
  private async askWhy(open: boolean): Promise<void> {
    this.asking = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '#reason' : '#ask-why')?.focus();
  }

  override render() {
    return html`<section aria-labelledby="identity-heading">
      <h2 id="identity-heading">Identiteit</h2>
      ${this.renderIdentity()}
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderIdentity() {
    const identity = this.identity;
    if (!identity) return html`<p class="muted">Bezig met laden…</p>`;
    if (!identity.verified) return html`<p>Niet ingelogd. Vraag de inwoner naar een identiteitsbewijs als dat nodig is.</p>`;
    return html`<dl>
        <dt>Naam</dt>
        <dd>${identity.name ?? html`<span class="muted">niet meegegeven</span>`}</dd>
        <dt>Ingelogd met</dt>
        <dd>${identity.provider === 'digid' ? 'DigiD' : identity.provider}${identity.levelOfAssurance ? `, niveau ${levelNames[identity.levelOfAssurance]}` : ''}</dd>
        <dt>BSN</dt>
        <dd>${this.revealed ?? html`<span aria-label=${`verborgen, eindigt op ${identity.maskedNationalNumber?.slice(-4) ?? ''}`}>${identity.maskedNationalNumber}</span>`}</dd>
      </dl>
      ${this.revealed
        ? html`<p class="muted">U heeft het BSN bekeken. Dat is vastgelegd.</p>
            <button class="secondary" @click=${() => (this.revealed = undefined)}>BSN verbergen</button>`
        : this.asking
          ? this.renderWhy()
          : html`<button id="ask-why" class="secondary" @click=${() => this.askWhy(true)}>Volledig BSN tonen</button>`}`;
  }

  private renderWhy() {
    const catchAll = this.revealReasons[this.revealReasons.length - 1] ?? '';
    const needed = explanationRequired(this.revealReasons, this.reason);
    return html`<form @submit=${this.reveal} aria-labelledby="why">
      <p id="why">Waarom heeft u het volledige BSN nodig?</p>
      <label for="reason">Reden</label>
      <select id="reason" name="reason" required @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.reason}>Kies een reden</option>
        ${this.revealReasons.map((r) => html`<option ?selected=${r === this.reason}>${r}</option>`)}
      </select>
      <label for="explanation">Toelichting</label>
      <input id="explanation" name="explanation" ?required=${needed} minlength="3" maxlength="300" autocomplete="off" aria-describedby="explanation-hint" />
      <p id="explanation-hint" class="muted">Bijvoorbeeld een zaaknummer. Verplicht bij „${catchAll}”.</p>
      <button type="submit">BSN tonen</button>
      <button type="button" class="secondary" @click=${() => this.askWhy(false)}>Annuleren</button>
    </form>`;
  }
}

if (!customElements.get('balie-identity-panel')) customElements.define('balie-identity-panel', BalieIdentityPanel);

declare global {
  interface HTMLElementTagNameMap {
    'balie-identity-panel': BalieIdentityPanel;
  }
}
