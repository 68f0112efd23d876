import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { GuestInviteResponse, GuestListResponse } from '../protocol/index.js';
import { documentGuestAccessRoute, employeeDocumentsRoute } from '../protocol/routes/documents.js';
import { admitGuestRoute, inviteGuestRoute, listGuestsRoute } from '../protocol/routes/guests.js';
import { themeTokens } from '../call/theme-tokens.styles.js';
import { consoleCall } from './console-api.js';
import { PollController } from './poll-controller.js';

/**
 * In the employee's call: invite an interpreter with a one-time link, see when they wait, and let
 * them in. The link is shown to copy and pass on (mail, phone); it works once, for 15 minutes.
 * "Tolk mag bestanden sturen" lets the interpreter send files in this call (issue 15); they see
 * the call's files either way.
 *
 * @summary Invite and admit an interpreter during a call.
 * @attr api-base - Base URL of the balie API.
 */
export class BalieGuestPanel extends LitElement {
  static override styles = [themeTokens, css`
    :host { display: block; margin-top: 1em; color: var(--_text); }
    h2 { font-size: 1.125em; margin: 0 0 0.5em; }
    label { display: block; font-weight: 600; }
    input { font: inherit; width: 100%; min-height: 44px; padding: 0.25em 0.5em; margin: 0.25em 0 0.5em; border: 2px solid var(--_border); border-radius: var(--_radius); color: var(--_text); background: var(--_surface); }
    button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.25em 1em; border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); cursor: pointer; }
    .check { display: flex; gap: 0.5em; align-items: center; font-weight: 600; margin: 0.5em 0; min-height: 44px; }
    .check input { width: 24px; height: 24px; min-height: 0; margin: 0; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
    button:focus-visible, input:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
    .error { color: var(--_error); font-weight: 600; }
  `];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** The ticket of the citizen in this call. */
  @property({ attribute: false }) ticketId = '';
  @state() private invite?: GuestInviteResponse;
  @state() private problem = '';
  /** Whether the interpreter may send files in this call, as the server last said. */
  @state() private guestsMaySend = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId') && this.ticketId) void this.readDocumentAccess();
  }

  private async readDocumentAccess(): Promise<void> {
    const result = await consoleCall(this.apiBase, employeeDocumentsRoute, { params: { id: this.ticketId } });
    if (result.ok) this.guestsMaySend = result.value.guestsMaySend;
  }

  private setDocumentAccess = async (event: Event) => {
    const box = event.target as HTMLInputElement;
    const allowed = box.checked;
    const result = await consoleCall(this.apiBase, documentGuestAccessRoute, { params: { id: this.ticketId }, body: { allowed } });
    if (result.ok) {
      this.problem = '';
      this.guestsMaySend = allowed;
    } else {
      box.checked = this.guestsMaySend;
      this.problem = 'Dat lukte niet. Probeer het opnieuw.';
    }
  };

  private readonly guests = new PollController<GuestListResponse>(this, async () => {
    const result = await consoleCall(this.apiBase, listGuestsRoute, { params: { id: this.ticketId } });
    if (!result.ok) throw new Error(`guests answered ${result.status}`);
    return result.value;
  });

  private inviteGuest = async () => {
    const result = await consoleCall(this.apiBase, inviteGuestRoute, { params: { id: this.ticketId } });
    if (!result.ok) {
      this.problem = 'Een link maken lukte niet. Probeer het opnieuw.';
      return;
    }
    this.problem = '';
    this.invite = result.value;
    this.guests.setActive(true);
  };

  private async admit(guestId: string): Promise<void> {
    const result = await consoleCall(this.apiBase, admitGuestRoute, { params: { id: this.ticketId, guest: guestId } });
    this.problem = result.ok ? '' : result.code ? 'De tolk wacht niet meer.' : 'Toelaten lukte niet.';
  }

  private copy = () => void navigator.clipboard?.writeText(this.invite?.inviteUrl ?? '').catch(() => undefined);

  override render() {
    const waiting = this.guests.value?.guests.filter((g) => g.state === 'waiting') ?? [];
    const inCall = this.guests.value?.guests.filter((g) => g.state === 'admitted').length ?? 0;
    return html`<h2>Tolk</h2>
      ${this.invite
        ? html`<label for="link">Link voor de tolk (één keer te gebruiken, 15 minuten geldig)</label>
            <div class="row">
              <input id="link" readonly .value=${this.invite.inviteUrl} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <button @click=${this.copy}>Link kopiëren</button>
            </div>`
        : html`<button @click=${this.inviteGuest}>Tolk uitnodigen</button>`}
      <p role="status">
        ${waiting.length ? 'Er wacht een tolk.' : nothing} ${inCall ? 'De tolk is in het gesprek.' : nothing}
      </p>
      ${waiting.map((g) => html`<button @click=${() => this.admit(g.id)}>Tolk toelaten</button>`)}
      <label class="check">
        <input type="checkbox" .checked=${this.guestsMaySend} @change=${this.setDocumentAccess} />
        Tolk mag bestanden sturen
      </label>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}`;
  }
}

if (!customElements.get('balie-guest-panel')) customElements.define('balie-guest-panel', BalieGuestPanel);

declare global {
  interface HTMLElementTagNameMap {
    'balie-guest-panel': BalieGuestPanel;
  }
}
