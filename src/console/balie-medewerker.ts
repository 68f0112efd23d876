import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
// Keyed: a row (and its "Toelaten" button) stays with its citizen while the queue moves, so a
// click that lands as the list changes never admits the person who moved into that place.
import { repeat } from 'lit/directives/repeat.js';
import '../call/balie-call.js';
import type { BalieCall } from '../call/balie-call.js';
import type { BalieCallDisconnectedEvent } from '../call/events/balie-call-disconnected.js';
import {
  CONSOLE_LOGIN_ERROR_PARAM,
  defaultOutcomes,
  defaultRevealReasons,
  type BalieConfig,
  type CallGrant,
  type ConsoleLoginError,
  type EmployeeView,
  type QueueEntry,
} from '../protocol/index.js';
import { consoleStyles } from './balie-medewerker.styles.js';
import {
  admitRoute,
  colleaguesRoute,
  consoleSessionRoute,
  consoleSignOutRoute,
  couplingsRoute,
  employeeCallTokenRoute,
  endCallRoute,
  handOverRoute,
} from '../protocol/routes/console.js';
import { configRoute } from '../protocol/routes/system.js';
import { consoleCall } from './console-api.js';
import { ClockController } from './clock-controller.js';
import { renderCouplingStatus } from './couplings/coupling-status.js';
import { PollController } from './poll-controller.js';
import './agenda/balie-agenda.js';
import './documents/balie-earlier-documents.js';
import './figures/balie-figures.js';
import './guest-panel.js';
import './identity/balie-identity-panel.js';
import './notes/balie-ticket-notes.js';
import { employeeDocuments } from './documents/console-documents.js';
import './payments/balie-payment-request.js';
import { renderEntry } from './queue-entry.js';
import { QueueStreamController } from './queue-stream-controller.js';
import { RetryController } from './retry-controller.js';
import { ShortcutsController, type ConsoleShortcut } from './shortcuts-controller.js';
import './sign-in/balie-sign-in.js';

export { waitedFor } from './queue-entry.js';

type View = 'checking' | 'signed-out' | 'queue' | 'call' | 'agenda' | 'documents' | 'figures';

const roleNames = { medewerker: 'medewerker', beheerder: 'beheerder' } as const;

/** Wait before asking again for a grant to rejoin a dropped call while the server is away. */
const REJOIN_RETRY_MS = 2000;

/**
 * The employee's console: sign in with the municipality's account, see who is waiting (live),
 * look through the agenda of booked appointments day by day, admit a citizen and talk to them
 * with their identity, a note and the outcome beside the call;
 * a beheerder also sees the figures. Alt+T admits the first in line, Alt+M turns the microphone
 * off or on.
 *
 * @summary Employee console: live queue, agenda, admit, call, identity, notes, figures.
 * @attr api-base - Base URL of the balie API; defaults to `/api/` on the page's origin.
 * @csspart queue - The list of waiting citizens.
 */
export class BalieMedewerker extends LitElement {
  static override styles = consoleStyles;

  @property({ attribute: 'api-base' }) apiBase = '/api/';

  @state() private view: View = 'checking';
  @state() private employee?: EmployeeView;
  @state() private grant?: CallGrant;
  @state() private notice = '';
  /** What the call view says while the call is being restored. */
  @state() private callNotice = '';
  @state() private loginError?: ConsoleLoginError;
  /** The ticket of the last call, whose note can still be finished after it ended. */
  @state() private finishing?: string;
  /** The municipality's config: quick links, allowed link domains and outcome codes. */
  @state() private config?: BalieConfig;
  /** The queue entry whose hand-over form is open, and the colleagues signed in now. */
  @state() private handingOver?: string;
  @state() private colleagues: EmployeeView[] = [];

  private readonly queue = new QueueStreamController(this, () => new URL('console/events', new URL(this.apiBase, document.baseURI)).href);
  // The calendar couplings' health, checked every half minute while signed in.
  private readonly couplings = new PollController(this, () => this.readCouplings(), 30_000);
  private readonly rejoinRetry = new RetryController(this);
  private admittedTicket?: string;
  /** The product of the citizen in the call: its fees are what the employee can ask. */
  private admittedProduct?: string;

  constructor() {
    super();
    new ShortcutsController(this, (shortcut) => this.onShortcut(shortcut));
    // Re-render once a minute so "wacht N min" stays true without a stream event. A call makes no
    // requests of its own: ask for the session meanwhile, so it does not end as idle mid-call.
    new ClockController(this, 60_000, () => {
      if (this.view === 'call') void consoleCall(this.apiBase, consoleSessionRoute);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.takeLoginError();
    void this.checkSession();
  }

  protected override updated(changed: PropertyValues): void {
    if (this.queue.status === 'signed-out' && this.view !== 'signed-out') this.view = 'signed-out';
    if (changed.has('view')) this.renderRoot.querySelector<HTMLElement>('[data-view-heading]')?.focus();
  }

  /** The reason an OIDC login came back without a session, taken out of the address bar. */
  private takeLoginError(): void {
    const url = new URL(location.href);
    const error = url.searchParams.get(CONSOLE_LOGIN_ERROR_PARAM);
    if (!error) return;
    this.loginError = ['cancelled', 'no_role'].includes(error) ? (error as ConsoleLoginError) : 'failed';
    url.searchParams.delete(CONSOLE_LOGIN_ERROR_PARAM);
    history.replaceState(history.state, '', url.href);
  }

  private checkSession = async (): Promise<void> => {
    const session = await consoleCall(this.apiBase, consoleSessionRoute);
    if (!session.ok) {
      this.view = 'signed-out';
      return;
    }
    this.employee = session.value.employee;
    this.loginError = undefined;
    this.view = 'queue';
    this.queue.start();
    this.couplings.setActive(true);
    const config = await consoleCall(this.apiBase, configRoute);
    if (config.ok) this.config = config.value;
    else console.warn(`[balie-medewerker] config: answered ${config.status}`);
  };

  private async readCouplings() {
    const result = await consoleCall(this.apiBase, couplingsRoute);
    return result.ok ? result.value.couplings : undefined;
  }

  private signOut = async () => {
    await consoleCall(this.apiBase, consoleSignOutRoute);
    location.reload();
  };

  private admit = async (entry: QueueEntry): Promise<void> => {
    this.notice = '';
    const result = await consoleCall(this.apiBase, admitRoute, { params: { id: entry.id } });
    if (!result.ok) {
      this.notice = result.code === 'already_admitted'
        ? 'Een collega heeft deze inwoner al toegelaten.'
        : result.status === 503
          ? 'Toelaten lukte niet: er is een storing. Probeer het zo opnieuw.'
          : 'Toelaten lukte niet. De inwoner is misschien weg.';
      return;
    }
    this.admittedTicket = entry.id;
    this.admittedProduct = entry.product;
    this.finishing = undefined;
    this.grant = result.value.call;
    this.view = 'call';
  };

  private chooseColleague = async (entry: QueueEntry | undefined): Promise<void> => {
    this.handingOver = entry?.id;
    if (!entry) return;
    const result = await consoleCall(this.apiBase, colleaguesRoute);
    this.colleagues = result.ok ? result.value.colleagues : [];
  };

  private handOver = async (entry: QueueEntry, colleagueId: string): Promise<void> => {
    const result = await consoleCall(this.apiBase, handOverRoute, {
      params: { id: entry.id },
      body: { to: colleagueId },
    });
    const name = this.colleagues.find((c) => c.id === colleagueId)?.name ?? 'uw collega';
    this.handingOver = undefined;
    this.notice = result.ok
      ? `Overgedragen aan ${name}.`
      : result.code === 'colleague_unknown'
        ? `${name} is niet meer ingelogd. Kies een andere collega.`
        : 'Overdragen lukte niet. De inwoner is misschien al geholpen of weg.';
  };

  private async endCall(message: string): Promise<void> {
    const ticket = this.leaveCall(message);
    this.finishing = ticket;
    if (ticket) await consoleCall(this.apiBase, endCallRoute, { params: { id: ticket } });
  }

  /** Back to the queue with `message`, the call let go here; returns the ticket it was for. */
  private leaveCall(message: string): string | undefined {
    this.rejoinRetry.cancel();
    this.callNotice = '';
    const ticket = this.admittedTicket;
    this.admittedTicket = undefined;
    this.grant = undefined;
    this.view = 'queue';
    this.notice = message;
    return ticket;
  }

  private onDisconnected = (event: BalieCallDisconnectedEvent) => {
    if (event.detail.reason === 'connection-lost') return void this.rejoin();
    // The employee opened this call in another tab or window: it goes on there, so this one only
    // lets go. Ending the ticket would end the call in the other tab too.
    if (event.detail.reason === 'replaced') return void this.leaveCall('Dit gesprek gaat verder in een ander venster of tabblad.');
    void this.endCall('Het gesprek is beëindigd. De inwoner heeft opgehangen.');
  };

  /**
   * The call dropped and LiveKit could not restore it (it restarted and closed every room, say).
   * The citizen is still admitted and their widget comes back into the same room, so the
   * employee does too, with a fresh grant; ending the ticket here would cost the citizen their
   * place. Only when the ticket is no longer admitted (the citizen left meanwhile) is the call over.
   */
  private rejoin = async (): Promise<void> => {
    const ticket = this.admittedTicket;
    if (!ticket) return;
    this.callNotice = 'De verbinding met het gesprek is even weg. We verbinden u opnieuw…';
    const result = await consoleCall(this.apiBase, employeeCallTokenRoute, { params: { id: ticket } });
    if (this.admittedTicket !== ticket) return;
    if (result.ok) {
      this.callNotice = '';
      this.grant = result.value.call;
    } else if (result.status === 503) {
      // The balie server or its database is away as well: try again in a moment.
      this.rejoinRetry.schedule(() => void this.rejoin(), REJOIN_RETRY_MS);
    } else if (result.code === 'not_your_call') {
      // The call was handed over to a colleague: it goes on with them, so this console only lets go.
      this.leaveCall('Dit gesprek is overgedragen aan een collega.');
    } else {
      this.callNotice = '';
      await this.endCall('Het gesprek is beëindigd. De verbinding is verbroken.');
    }
  };

  private onShortcut(shortcut: ConsoleShortcut): void {
    if (shortcut === 'admit-first' && this.view === 'queue') {
      const first = this.queue.entries.find(
        (e) => e.state === 'waiting' && (!e.assignedTo || e.assignedTo.id === this.employee?.id),
      );
      if (first) void this.admit(first);
    }
    if (shortcut === 'toggle-microphone' && this.view === 'call') {
      const local = this.renderRoot.querySelector<BalieCall>('balie-call')?.room.localParticipant;
      void local?.setMicrophoneEnabled(!local.isMicrophoneEnabled);
    }
  }

  override render() {
    switch (this.view) {
      case 'checking':
        return html`<p role="status">Bezig met laden…</p>`;
      case 'signed-out':
        return html`<h1 tabindex="-1" data-view-heading>Inloggen als medewerker</h1>
          <balie-sign-in api-base=${this.apiBase} .loginError=${this.loginError} @balie-signed-in=${this.checkSession}></balie-sign-in>`;
      case 'queue':
        return html`${this.renderHeader()}${this.renderQueue()}`;
      case 'agenda':
        return html`${this.renderHeader()}<h1>Videobalie</h1><balie-agenda api-base=${this.apiBase}></balie-agenda>`;
      case 'documents':
        return html`${this.renderHeader()}<h1>Videobalie</h1><balie-earlier-documents api-base=${this.apiBase} .config=${this.config}></balie-earlier-documents>`;
      case 'figures':
        return html`${this.renderHeader()}<h1>Videobalie</h1><balie-figures api-base=${this.apiBase}></balie-figures>`;
      case 'call':
        return html`${this.renderHeader()}${this.renderCall()}`;
    }
  }

  private renderHeader() {
    const employee = this.employee;
    return html`<header>
      <span>Ingelogd als ${employee?.name ?? 'medewerker'} (${roleNames[employee?.role ?? 'medewerker']})</span>
      <nav aria-label="Console">
        ${this.view !== 'call'
          ? html`<button class="secondary" aria-pressed=${this.view === 'queue'} @click=${() => (this.view = 'queue')}>Wachtrij</button>
              <button class="secondary" aria-pressed=${this.view === 'agenda'} @click=${() => (this.view = 'agenda')}>Agenda</button>
              <button class="secondary" aria-pressed=${this.view === 'documents'} @click=${() => (this.view = 'documents')}>Bestanden</button>`
          : nothing}
        ${employee?.role === 'beheerder' && this.view !== 'call'
          ? html`<button class="secondary" aria-pressed=${this.view === 'figures'} @click=${() => (this.view = 'figures')}>Cijfers</button>`
          : nothing}
        <button class="secondary" @click=${this.signOut}>Uitloggen</button>
      </nav>
      ${renderCouplingStatus(this.couplings.value)}
    </header>`;
  }

  private renderQueue() {
    const entries = this.queue.entries.filter((e) => e.state === 'waiting');
    return html`<h1 tabindex="-1" data-view-heading>Videobalie</h1>
      <p role="status">${this.notice}</p>
      ${this.queue.status === 'reconnecting'
        ? html`<p class="error" role="alert">De verbinding met de server is weg. We proberen het opnieuw…</p>`
        : this.queue.status === 'unavailable'
          ? html`<p class="error" role="alert">
              Er is een storing: de database is niet bereikbaar. De wachtrij is misschien niet actueel en toelaten lukt nu
              niet. We proberen het opnieuw…
            </p>`
          : nothing}
      ${this.finishing
        ? html`<div class="finishing">
            <balie-ticket-notes api-base=${this.apiBase} .ticketId=${this.finishing} .outcomes=${this.config?.outcomes ?? defaultOutcomes}></balie-ticket-notes>
            <balie-documents lang="nl" .client=${employeeDocuments(this.apiBase, this.finishing, this.config, false)}></balie-documents>
            <button class="secondary" @click=${() => (this.finishing = undefined)}>Klaar met dit gesprek</button>
          </div>`
        : nothing}
      <h2>Wachtrij (${entries.length})</h2>
      <p class="muted">Sneltoetsen: Alt+T laat de eerste inwoner toe, Alt+M zet in het gesprek uw microfoon uit of aan.</p>
      ${entries.length
        ? html`<ul part="queue" aria-label="Wachtende inwoners">
            ${repeat(entries, (entry) => entry.id, (entry) =>
              renderEntry(entry, {
                me: this.employee?.id,
                admit: this.admit,
                chooseColleague: this.chooseColleague,
                handOver: this.handOver,
                handingOver: this.handingOver,
                colleagues: this.colleagues,
              }),
            )}
          </ul>`
        : html`<p class="muted">Er wacht nu niemand.</p>`}`;
  }

  private renderCall() {
    const ticket = this.admittedTicket ?? '';
    return html`<h1 tabindex="-1" data-view-heading>In gesprek</h1>
      <p role="status">${this.callNotice}</p>
      <div class="in-call">
        <balie-call
          lang="nl"
          .grant=${this.grant}
          .quickLinks=${this.config?.chat?.quickLinks ?? []}
          .allowedLinkDomains=${this.config?.chat?.allowedLinkDomains ?? []}
          .documents=${ticket ? employeeDocuments(this.apiBase, ticket, this.config, true) : undefined}
          @balie-call-leave=${() => this.endCall('Het gesprek is beëindigd.')}
          @balie-call-disconnected=${this.onDisconnected}
        ></balie-call>
        <aside aria-label="Bij dit gesprek">
          <balie-identity-panel api-base=${this.apiBase} .ticketId=${ticket} .revealReasons=${this.config?.identity?.revealReasons ?? defaultRevealReasons}></balie-identity-panel>
          <balie-ticket-notes api-base=${this.apiBase} .ticketId=${ticket} .outcomes=${this.config?.outcomes ?? defaultOutcomes}></balie-ticket-notes>
          ${this.renderPaymentRequest(ticket)}
          <balie-guest-panel api-base=${this.apiBase} .ticketId=${ticket}></balie-guest-panel>
        </aside>
      </div>`;
  }

  /** "Betaalverzoek", where the municipality takes payments and the product has a fee (issue 16). */
  private renderPaymentRequest(ticket: string) {
    const product = this.config?.payments ? this.config.products.find((p) => p.id === this.admittedProduct) : undefined;
    if (!product || (!product.fees?.length && !product.freeAmount)) return nothing;
    return html`<balie-payment-request
      api-base=${this.apiBase}
      .ticketId=${ticket}
      .fees=${product.fees ?? []}
      .freeAmount=${product.freeAmount ?? false}
      .nudge=${this.queue.payment}
    ></balie-payment-request>`;
  }
}

if (!customElements.get('balie-medewerker')) customElements.define('balie-medewerker', BalieMedewerker);

declare global {
  interface HTMLElementTagNameMap {
    'balie-medewerker': BalieMedewerker;
  }
}
