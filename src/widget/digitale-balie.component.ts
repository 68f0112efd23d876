import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BalieApiError } from './api-client.js';
import { ConfigController, type ConfigState } from './config-controller.js';
import { baseStyles } from './digitale-balie.styles.js';
import { emit } from './events/emit.js';
import { hasCatalog, loadTranslations, resolveLang } from './i18n/localize.js';
import { loadingTexts } from './i18n/messages.js';
import { JourneyController } from './journey/journey-controller.js';
import { currentPageUrl } from './journey/return-fragment.js';
import type { OutcomeKey, Stage } from './journey/stage-machine.js';
import type { BalieAdmittedEvent } from './events/balie-admitted.js';
import type { BaliePrejoinDoneEvent } from './events/balie-prejoin-done.js';
import type { BalieTicketEndedEvent } from './events/balie-ticket-ended.js';
import type { BalieTicketErrorEvent } from './events/balie-ticket-error.js';
import './events/balie-call-ended.js';
import './events/balie-call-started.js';
import './events/balie-error.js';
import './events/balie-booked.js';
import './events/balie-booking-cancelled.js';
import './events/balie-identified.js';

/** How long being admitted stays in its live region: the call is under way long before. */
const ADMITTED_SAID_MS = 10_000;

/**
 * A video counter for one municipal product page: the citizen books a video appointment or calls
 * now, proves who they are with DigiD when the product needs it, checks camera and microphone,
 * waits, and talks to an employee — all inside this element.
 *
 * @summary Embeddable video counter: booking, DigiD, prejoin, waiting room and call.
 *
 * @attr config-url - URL of the municipality's JSON config (served by the balie server).
 * @attr product - Id of the product from the config this page is about, e.g. `paspoort`. Absent: the citizen chooses.
 * @attr lang - Language of the widget (`nl`, `en`, `fr`); defaults to the page's `<html lang>`, then `nl`.
 * @attr mode - `afspraak` (book a time), `direct` (call now) or `beide` (default), limited by the product's `modes`.
 * @attr return-url - The page the identity provider sends the citizen back to. Default: this page without its fragment.
 *
 * @fires balie-booked - An appointment was booked or moved. Detail: `{ bookingId: string, product: string, start: string }`.
 * @fires balie-identified - The citizen came back from DigiD identified. Detail: `{ provider: string, levelOfAssurance: string }` (never a name or BSN).
 * @fires balie-booking-cancelled - The citizen cancelled their appointment. Detail: `{ bookingId: string, product: string }`.
 * @fires balie-call-started - The call started. Detail: `{}`.
 * @fires balie-call-ended - The wait or call ended. Detail: `{ reason: 'left' | 'ended-by-employee' | 'expired' | 'disconnected' }`.
 * @fires balie-error - Something failed. Detail: `{ code: string, message: string }` (English, for logs).
 *
 * @csspart stage - The box around the current stage.
 * @csspart heading - The heading of the current stage.
 * @csspart button - Every button of the widget's own stages.
 * @csspart launcher-button - The "Videobellen" button.
 * @csspart message - Status and error texts.
 * @csspart choice-button - The big choice buttons (product, "Afspraak maken", "Nu videobellen", identity providers). In the stage elements.
 * @csspart day-nav - The slot picker's row with the day and previous/next day buttons. In `<balie-slot-picker>`.
 * @csspart day-button - The previous and next day buttons. In `<balie-slot-picker>`.
 * @csspart slot-button - One button per free time ("09:30"). In `<balie-slot-picker>`.
 * @csspart field - A label, input and error of the details form. In `<balie-details-form>`.
 * @csspart input - A text input of the details form. In `<balie-details-form>`.
 * @csspart error - The error under a field. In `<balie-details-form>`.
 * @csspart consent - The consent text and checkbox. In `<balie-details-form>`.
 * @csspart calendar-button - The "Zet in mijn agenda" button. In `<balie-confirmation>`.
 * @csspart position - The live text with the citizen's place in line. In `<balie-waiting-room>`.
 * @csspart preview - The camera preview video of the camera check. In `<balie-prejoin>`.
 * @csspart call - The whole call. In `<balie-call>`, as are the parts below.
 * @csspart tile - Each participant's video tile.
 * @csspart screen-tile - A shared screen's tile.
 * @csspart controls - The row of call buttons (microphone, camera, screen, chat, hang up); each is a `button`.
 * @csspart leave-button - The "Ophangen" button.
 * @csspart log - The chat's list of messages (its message field is an `input`).
 * @csspart documents - The call's files: the cards and sending one. In `<balie-documents>`.
 * @csspart send-button - The "Bestand sturen" button. In `<balie-documents>`.
 *
 * @cssprop [--digitale-balie-primary-color=var(--nl-button-primary-action-background-color, #154273)] - Buttons and accents.
 * @cssprop [--digitale-balie-on-primary-color=var(--nl-button-primary-action-color, #ffffff)] - Text on primary buttons.
 * @cssprop [--digitale-balie-text-color=var(--nl-document-color, #1a1a1a)] - Body text, input borders.
 * @cssprop [--digitale-balie-surface-color=var(--nl-document-background-color, #ffffff)] - Background of the widget and inputs.
 * @cssprop [--digitale-balie-error-color=#a4001c] - Error texts and invalid inputs.
 * @cssprop [--digitale-balie-border-radius=6px] - Corner radius of buttons, inputs and boxes.
 * @cssprop [--digitale-balie-font-family=var(--nl-document-font-family, system-ui, sans-serif)] - Typeface.
 * @cssprop [--digitale-balie-font-size=1.125rem] - Base text size.
 * @cssprop [--nl-button-primary-action-background-color=#154273] - NL Design System token, used when the widget's own is not set; config `theme` tokens land here too.
 * @cssprop [--nl-button-primary-action-color=#ffffff] - NL Design System token for text on primary buttons.
 * @cssprop [--nl-document-color=#1a1a1a] - NL Design System token for body text.
 * @cssprop [--nl-document-background-color=#ffffff] - NL Design System token for the background.
 * @cssprop [--nl-document-font-family=system-ui, sans-serif] - NL Design System token for the typeface.
 */
export class DigitaleBalie extends LitElement {
  static override styles = baseStyles;

  /** URL of the municipality's JSON config. */
  @property({ attribute: 'config-url', reflect: true }) configUrl: string | null = null;

  /** Id of the product this page is about. */
  @property({ reflect: true }) product: string | null = null;

  /** Language; falls back to the page's `<html lang>`, then Dutch. */
  @property({ reflect: true }) override lang = '';

  /** `afspraak`, `direct` or `beide` (default). */
  @property({ reflect: true }) mode: string | null = null;

  /** The page to come back to after DigiD. Default: the current page without its fragment. */
  @property({ attribute: 'return-url', reflect: true }) returnUrl: string | null = null;

  /** The English or French texts could not be fetched: the widget speaks Dutch rather than nothing. */
  @state() private translationsFailed = false;

  private readonly config = new ConfigController(this, (state) => this.onConfig(state));
  /** The journey: its stage, its requests and the parts it loads; this element renders the stage. */
  private readonly journey = new JourneyController(this, this.config);
  private appliedTheme: string[] = [];
  /** "Videobellen" was pressed on the launcher shown before the config came: start once it is here. */
  private startWhenReady = false;
  /**
   * Being admitted, said in a live region of this element, which stays while the waiting room gives
   * way to the call, so a screen reader reads it out whatever the moment of the switch.
   */
  @state() private admittedSaid = '';
  private admittedTimer: ReturnType<typeof setTimeout> | undefined;
  /** The stage whose heading last got focus. */
  private focusedStage: Stage['name'] = this.journey.stage.name;

  /** @internal */
  get language() {
    return resolveLang(this.lang, document.documentElement.lang);
  }

  /** @internal */
  get texts() {
    return (this.config.state.status === 'ready' && this.config.state.config.texts?.[this.language]) || {};
  }

  /** @internal */
  get pageUrl(): string {
    return this.returnUrl ?? currentPageUrl();
  }

  private t(key: OutcomeKey, params?: Record<string, string | number>) {
    return this.journey.t(key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!hasCatalog(this.language) && !this.translationsFailed) this.loadTexts();
    // The first time after the first frame: the launcher is drawn from the attributes meanwhile.
    if (changed.has('configUrl')) void this.config.load(this.configUrl, { afterPaint: !this.hasUpdated });
    if (changed.has('product') && changed.get('product') !== undefined && this.config.state.status === 'ready') {
      this.onConfig(this.config.state);
    }
  }

  protected override updated(): void {
    // Focus follows the journey: a screen reader user hears the new stage's heading first.
    const name = this.journey.stage.name;
    if (name === this.focusedStage) return;
    this.focusedStage = name;
    void this.focusHeading();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.admittedTimer);
    this.admittedSaid = '';
  }

  /** Says being admitted, then empties the region after a while (an emptied region says nothing). */
  private sayAdmitted(announcement: string): void {
    clearTimeout(this.admittedTimer);
    this.admittedSaid = announcement;
    this.admittedTimer = setTimeout(() => (this.admittedSaid = ''), ADMITTED_SAID_MS);
  }

  private async focusHeading(): Promise<void> {
    const own = this.renderRoot.querySelector<HTMLElement>('[data-stage-heading]');
    if (own) return own.focus();
    // Stage elements come from lazy chunks: wait until they are defined and rendered.
    const child = this.renderRoot.querySelector<LitElement>('.stage > :not(p, h2, button)');
    if (!child?.localName.includes('-')) return;
    await customElements.whenDefined(child.localName);
    await child.updateComplete;
    child.shadowRoot?.querySelector<HTMLElement>('[data-stage-heading]')?.focus();
  }

  /** English or French: fetched alongside the config, so the launcher appears in that language at once. */
  private loadTexts(): void {
    loadTranslations().then(
      () => this.requestUpdate(),
      (error: Error) => {
        const message = `[digitale-balie] loading the ${this.language} texts: ${error.message}; showing Dutch`;
        console.warn(message);
        emit(this, 'balie-error', { code: 'network', message });
        this.translationsFailed = true;
      },
    );
  }

  private onConfig(state: ConfigState): void {
    if (state.status === 'ready') {
      this.applyTheme(state.config.theme ?? {});
      const texts = state.config.texts;
      if (texts) import('./journey/check-text-keys.js').then((m) => m.warnUnknownTextKeys(texts, state.url), (e: Error) => console.warn(`[digitale-balie] ${e.message}`));
    }
    this.journey.configChanged(state);
    if (state.status === 'loading') return;
    if (this.startWhenReady && this.journey.stage.name === 'launcher') this.journey.start();
    this.startWhenReady = false;
  }

  /** Theme tokens as custom properties on the host: CSSOM, which a strict CSP allows. */
  private applyTheme(theme: Record<string, string>): void {
    for (const name of this.appliedTheme) this.style.removeProperty(name);
    this.appliedTheme = Object.keys(theme);
    for (const [name, value] of Object.entries(theme)) this.style.setProperty(name, value);
  }

  private start = () => {
    if (this.config.state.status === 'ready') this.journey.start();
    else this.startWhenReady = true;
  };

  /**
   * While the config loads, the launcher is drawn from the attributes at once (the first render
   * does not wait for the config and its validator); the config then fills in the municipality,
   * its texts and theme. Not when a DigiD return or manage link is waiting: that shows its own stage.
   */
  private get provisional(): boolean {
    return this.journey.stage.name === 'loading' && this.config.state.status === 'loading' && !this.journey.returning;
  }

  override render() {
    // Until the language's texts are here, its own loading text: never Dutch to an English reader.
    const ready = hasCatalog(this.language) || this.translationsFailed;
    return html`<div part="stage" class="stage" aria-busy=${this.provisional ? 'true' : nothing}>
        ${ready ? this.renderStage() : html`<p part="message" role="status">${loadingTexts[this.language]}</p>`}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.admittedSaid}</p>`;
  }

  private renderStage() {
    const { journey } = this;
    const stage = journey.stage;
    const dispatch = journey.dispatch.bind(journey);
    switch (stage.name) {
      case 'loading':
        if (this.provisional) return this.renderLauncher();
        return html`<p part="message" role="status">${this.t('loading')}</p>`;
      case 'resuming':
      case 'starting':
        return html`<p part="message" role="status">${this.t('loading')}</p>`;
      case 'config-error':
        return html`<p part="message" class="error" role="alert">${this.t('configError')}</p>`;
      case 'launcher':
        return this.renderLauncher();
      case 'prejoin':
        return html`<balie-prejoin
          lang=${this.language}
          .texts=${this.texts}
          @balie-prejoin-done=${(e: BaliePrejoinDoneEvent) => dispatch({ type: 'prejoin-done', audioOnly: e.detail.audioOnly })}
          @balie-prejoin-cancel=${() => dispatch({ type: 'cancel' })}
        ></balie-prejoin>`;
      case 'waiting':
        return html`<balie-waiting-room
          lang=${this.language}
          .texts=${this.texts}
          .apiBase=${journey.apiBase.href}
          .secret=${stage.secret}
          @balie-admitted=${(e: BalieAdmittedEvent) => {
            this.sayAdmitted(e.detail.announcement);
            dispatch({ type: 'admitted' });
          }}
          @balie-ticket-ended=${(e: BalieTicketEndedEvent) => dispatch({ type: 'ticket-ended', reason: e.detail.reason })}
          @balie-ticket-error=${(e: BalieTicketErrorEvent) => journey.fail(e.detail.error)}
          @balie-leave-request=${() => dispatch({ type: 'leave' })}
        ></balie-waiting-room>`;
      case 'ended':
        return html`${this.renderOutcome('ended', stage.message)}
          ${stage.feedbackSecret
            ? html`<balie-feedback lang=${this.language} .texts=${this.texts} .apiBase=${journey.apiBase.href} .secret=${stage.feedbackSecret}></balie-feedback>`
            : nothing}`;
      case 'error':
        return this.renderOutcome('error', stage.message);
      default:
        // The call and the booking stages are the plugins' (the queue's chunk comes before the
        // call, and only the booking plugin's reducer leads to its stages), so they are here.
        return journey.render(stage) ?? html`<p part="message" role="status">${this.t('loading')}</p>`;
    }
  }

  private renderLauncher() {
    const municipality = this.config.state.status === 'ready' ? this.config.state.config.municipality.name : '';
    // The same template before and after the config: the button stays the same element (and focus).
    return html`<p part="message" class=${municipality ? '' : 'pending'}>${this.t('launcherIntro', { municipality })}</p>
      <button part="button launcher-button" @click=${this.start}>${this.t('launcherButton')}</button>`;
  }

  private renderOutcome(kind: 'ended' | 'error', message: OutcomeKey) {
    const heading = kind === 'ended' ? this.t('endedHeading') : this.t('genericError');
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${heading}</h2>
      <p part="message" class=${kind === 'error' ? 'error' : ''} role=${kind === 'error' ? 'alert' : 'status'}>
        ${this.t(message)}
      </p>
      ${message === 'productUnknown'
        ? nothing
        : html`<button part="button" @click=${this.start}>${this.t('startAgain')}</button>`}`;
  }

  /** The last API failure, for a web team's debugging in the console (never shown to the citizen). */
  get lastError(): BalieApiError | undefined {
    return this.journey.lastError;
  }
}
