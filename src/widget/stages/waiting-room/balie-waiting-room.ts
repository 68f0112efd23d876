import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { routeUrl } from '../../../protocol/client.js';
import { ticketEventsRoute } from '../../../protocol/routes/tickets.js';
import { baseStyles } from '../../digitale-balie.styles.js';
import { emit } from '../../events/emit.js';
import { BalieStage } from '../balie-stage.js';
import { stageCatalogs, type StageMessageKey } from '../stage-messages.js';
import { awaitVisibleAfterAdmission } from './admission-notice.js';
import { playChime } from './chime.js';
import { TicketStreamController } from './ticket-stream-controller.js';
import { WakeLockController } from '../../../call/wake-lock-controller.js';

/**
 * The waiting room: how many are ahead (never who), kept live from the server, announced to screen
 * readers when it changes. Tells its host when the citizen is admitted or the ticket ends.
 *
 * @summary Live place in the queue until an employee admits the citizen.
 * @attr lang - Language of the texts.
 * @fires balie-admitted - An employee admitted the citizen. Detail: `{ announcement: string }`, the text that says so, for the host to announce.
 * @fires balie-ticket-ended - The ticket ended on the server. Detail: `{ reason: EndReason }`.
 * @fires balie-ticket-error - The server refused the ticket. Detail: `{ error: BalieApiError }`.
 * @fires balie-leave-request - The citizen wants to leave the queue. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart position - The live text with the place in line.
 * @csspart button - The leave button.
 */
export class BalieWaitingRoom extends BalieStage<StageMessageKey> {
  static override styles = baseStyles;

  /** Base URL of the balie API (ends in `/`). */
  @property({ attribute: false }) apiBase = '';
  /** The citizen's ticket secret; sent as a bearer header, never in a URL. */
  @property({ attribute: false }) secret = '';

  private readonly stream = new TicketStreamController(this, () =>
    this.apiBase && this.secret
      ? { url: routeUrl(this.apiBase, ticketEventsRoute), secret: this.secret }
      : undefined,
  );
  /** A phone that goes dark while waiting would hide the moment the citizen is admitted. */
  readonly wakeLock = new WakeLockController(this);
  private announcedAdmission = false;

  protected readonly catalogs = stageCatalogs;

  protected override updated(_changed: PropertyValues): void {
    const { status, ticket, endReason, error } = this.stream;
    if (ticket?.state === 'admitted' && !this.announcedAdmission) {
      this.announcedAdmission = true;
      playChime();
      void awaitVisibleAfterAdmission(this.t('admittedTitle')).then(() => {
        if (this.isConnected) emit(this, 'balie-admitted', { announcement: this.t('admittedStarting') });
      });
    }
    if (status === 'ended' && endReason) emit(this, 'balie-ticket-ended', { reason: endReason });
    if (status === 'failed' && error) emit(this, 'balie-ticket-error', { error });
  }

  private statusText(): string {
    const { status, ticket } = this.stream;
    if (ticket?.state === 'admitted') return this.t('admittedStarting');
    if (status === 'reconnecting') return this.t('waitingReconnecting');
    if (status === 'unavailable') return this.t('waitingUnavailable');
    if (!ticket) return this.t('waitingConnecting');
    return ticket.position <= 1 ? this.t('waitingFirst') : this.t('waitingPosition', { position: ticket.position });
  }

  override render() {
    const reconnecting = this.stream.status === 'reconnecting' || this.stream.status === 'unavailable';
    // Admitted: this element gives way to the call at once, too soon for every screen reader to
    // read a change here. The host says it, in a live region that stays (balie-admitted), so this
    // text is shown but no longer announced: said once, not twice.
    const live = this.stream.ticket?.state !== 'admitted';
    return html`
      <h2 part="heading" tabindex="-1" data-stage-heading>${this.t('waitingHeading')}</h2>
      <p
        part="position"
        role=${live ? 'status' : nothing}
        aria-live=${live ? 'polite' : nothing}
        aria-atomic=${live ? 'true' : nothing}
        class=${reconnecting ? 'error' : ''}
      >
        ${this.statusText()}
      </p>
      ${reconnecting ? nothing : html`<p>${this.t('waitingStayHint')}</p>`}
      <div class="actions">
        <button part="button" class="secondary" @click=${() => emit(this, 'balie-leave-request', {})}>
          ${this.t('waitingLeave')}
        </button>
      </div>
    `;
  }
}

if (!customElements.get('balie-waiting-room')) customElements.define('balie-waiting-room', BalieWaitingRoom);

declare global {
  interface HTMLElementTagNameMap {
    'balie-waiting-room': BalieWaitingRoom;
  }
}
