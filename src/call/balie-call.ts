import { createMediaDeviceObserver } from '@livekit/components-core';
import { ConnectionState, type Room } from 'livekit-client';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CallGrant, QuickLink } from '../protocol/index.js';
import { callStyles } from './balie-call.styles.js';
import { renderTiles } from './call-tiles.js';
import './chat/balie-chat.js';
import { ChatController } from './chat/chat-controller.js';
import './devices/balie-devices.js';
import type { DocumentsClient } from './documents/documents-client.js';
import { cameraChoice, nextCamera } from './devices/camera-choice.js';
import { callText, type CallMessageKey } from './i18n.js';
import { ObservableController } from './observable-controller.js';
import { RoomController, type CallEnd, type CallSource } from './room-controller.js';
import { WakeLockController } from './wake-lock-controller.js';
import './events/balie-call-disconnected.js';
import './events/balie-call-leave.js';

/** How long the other may be gone before the citizen is told we wait for them (an ending call closes sooner). */
const otherLeftGraceMs = 3000;

/**
 * A LiveKit video call between a citizen and an employee (and an interpreter): tiles with names,
 * roles and a speaking indicator, a shared screen shown large, a volume slider per person, chat,
 * device choice, and controls for microphone, camera, screen sharing and hanging up. Used by
 * `<digitale-balie>` and `<balie-medewerker>`; it joins as soon as it has a grant and leaves when
 * removed.
 *
 * @summary The video call itself.
 * @attr lang - Language of labels (`nl`, `en`, `fr`).
 * @attr audio-only - Join without camera.
 * @fires balie-call-leave - This side clicked "Ophangen". Detail: `{}`.
 * @fires balie-call-disconnected - The call ended without this side hanging up. Detail: `{ reason: 'room-closed' | 'connection-lost' | 'replaced' }`.
 * @csspart call - The region holding the whole call.
 * @csspart tile - Each participant's tile.
 * @csspart screen-tile - A shared screen.
 * @csspart controls - The row of buttons.
 * @csspart button - Each control button.
 * @csspart leave-button - The "Ophangen" button.
 * @csspart documents - The files of the call (forwarded from `<balie-documents>`).
 * @csspart send-button - The "Bestand sturen" button (forwarded from `<balie-documents>`).
 * @cssprop [--balie-call-leave-color=var(--digitale-balie-error-color, #a4001c)] - Background of the hang-up button.
 * @cssprop [--digitale-balie-video-background-color=#1f1f1f] - Behind a video tile and its captions.
 * @cssprop [--digitale-balie-on-video-color=#ffffff] - Names and labels over a video tile.
 * @cssprop [--digitale-balie-speaking-color=#39b54a] - The ring around whoever is speaking.
 */
export class BalieCall extends LitElement {
  static override styles = callStyles;

  @property({ reflect: true }) override lang = '';
  /** The grant from the balie server; the call joins when it is set. */
  @property({ attribute: false }) grant?: CallGrant;
  /** Join without camera (denied or absent at prejoin). */
  @property({ type: Boolean, attribute: 'audio-only' }) audioOnly = false;
  /** Domains whose links are clickable in the chat. */
  @property({ attribute: false }) allowedLinkDomains: string[] = [];
  /** Prepared links to send (the employee's side). */
  @property({ attribute: false }) quickLinks: QuickLink[] = [];
  /** How this side reaches the call's documents (issue 15); without it the call has no files. */
  @property({ attribute: false }) documents?: DocumentsClient;

  private readonly call = new RoomController(this, (reason) => this.onEnd(reason));
  private readonly chat = new ChatController(this, this.call.room);
  /** Cameras there are: a phone's front and back one get a "switch" button. */
  private readonly cameras = new ObservableController<MediaDeviceInfo[]>(this, []);
  /** The screen stays on for the whole call, also after the page was in the background. */
  readonly wakeLock = new WakeLockController(this);
  /** Volumes chosen per remote identity, kept for the whole call (also across a rejoin). */
  private readonly volumes = new Map<string, number>();
  /** Someone else was in the call: when they leave, the call is usually ending; say nothing at once. */
  private hadOther = false;
  /** The other left a while ago and the call is still open: now it is worth saying we wait. */
  @state() private aloneAfterOther = false;
  private aloneTimer?: ReturnType<typeof setTimeout>;

  /** The LiveKit room, for integrations and tests that need its statistics. */
  get room(): Room {
    return this.call.room;
  }

  private t = (key: CallMessageKey) => callText(this.lang, key);

  override connectedCallback(): void {
    super.connectedCallback();
    // Permission was asked before the call; asking again here would flash a second prompt.
    this.cameras.observe(createMediaDeviceObserver('videoinput', (e) => console.warn(`[balie-call] cameras: ${e.message}`), false));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('grant') && this.grant) void this.call.join(this.grant, { audioOnly: this.audioOnly });
    // The files' UI is a chunk of its own, fetched once a call has documents: the call chunk stays
    // close to livekit-client's own size. <balie-documents> upgrades when it arrives.
    if (changed.has('documents') && this.documents) {
      void import('./documents/balie-documents.js').catch((error: Error) => console.warn(`[balie-call] loading the files: ${error.message}`));
    }
  }

  private switchCamera = async () => {
    const next = nextCamera(this.cameras.value, this.room.getActiveDevice('videoinput'));
    if (!next) return;
    await this.room.switchActiveDevice('videoinput', next, true).catch((e: Error) => console.warn(`[balie-call] switching camera: ${e.message}`));
    cameraChoice.deviceId = next;
    this.requestUpdate();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.aloneTimer);
    this.aloneTimer = undefined;
  }

  protected override updated(): void {
    const alone = !this.call.view.value.remotes.length;
    if (!alone) {
      this.hadOther = true;
      this.aloneAfterOther = false;
      clearTimeout(this.aloneTimer);
      this.aloneTimer = undefined;
    } else if (this.hadOther && !this.aloneAfterOther && !this.aloneTimer) {
      this.aloneTimer = setTimeout(() => {
        this.aloneTimer = undefined;
        this.aloneAfterOther = true;
      }, otherLeftGraceMs);
    }
    // A participant who rejoins is a new object with default volume: apply the chosen one again.
    for (const tile of this.call.view.value.remotes) {
      const chosen = this.volumes.get(tile.participant.identity);
      const participant = tile.participant as { getVolume?: () => number | undefined; setVolume?: (v: number) => void };
      if (chosen !== undefined && participant.getVolume?.() !== chosen / 100) participant.setVolume?.(chosen / 100);
    }
  }

  private onEnd(reason: CallEnd): void {
    this.dispatchEvent(new CustomEvent('balie-call-disconnected', { detail: { reason }, bubbles: true, composed: true }));
  }

  private hangUp = async () => {
    await this.call.leave();
    this.dispatchEvent(new CustomEvent('balie-call-leave', { detail: {}, bubbles: true, composed: true }));
  };

  private toggle(source: CallSource): void {
    void this.call.toggle(source);
  }

  private setVolume = (identity: string, volume: number) => {
    this.volumes.set(identity, volume);
    this.requestUpdate();
  };

  private sendChat = (event: CustomEvent<{ text: string }>) => {
    event.stopPropagation();
    void this.chat.send(event.detail.text).catch((e: Error) => console.warn(`[balie-call] chat: ${e.message}`));
  };

  override render() {
    const state = this.call.connection.value;
    const view = this.call.view.value;
    return html`<section part="call" aria-label=${this.t('callRegion')}>
      ${this.renderStatus(state, !view.remotes.length && state === ConnectionState.Connected && (!this.hadOther || this.aloneAfterOther))}
      ${state === ConnectionState.Disconnected && !view.remotes.length
        ? nothing
        : renderTiles(view, { t: this.t, volumeOf: (id) => this.volumes.get(id) ?? 100, onVolume: this.setVolume })}
      ${this.renderControls()}
      ${this.chat.open
        ? html`<balie-chat
            exportparts="log, input"
            lang=${this.lang}
            .messages=${this.chat.list}
            .allowedLinkDomains=${this.allowedLinkDomains}
            .quickLinks=${this.quickLinks}
            @balie-chat-send=${this.sendChat}
          ></balie-chat>`
        : nothing}
      ${this.documents ? html`<balie-documents exportparts="documents, send-button" lang=${this.lang} .client=${this.documents}></balie-documents>` : nothing}
      <balie-devices lang=${this.lang} .room=${this.room}></balie-devices>
    </section>`;
  }

  /**
   * Urgent news as an alert; the rest in one status region that is there from the first render, so
   * that each message is announced when it comes (a region inserted with its text is not read out
   * by every screen reader) and once: keyed, so one message going leaves the others untouched.
   */
  private renderStatus(state: ConnectionState, waitingForOther: boolean) {
    if (this.call.joinError) return html`<p class="banner" role="alert">${this.t('joinFailed')}</p>`;
    const reconnecting =
      this.call.offline || this.call.retryingJoin || state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
    const statuses: Array<[CallMessageKey, string]> = [];
    if (!reconnecting && state === ConnectionState.Connecting) statuses.push(['connecting', 'banner']);
    if (this.call.poorConnection) statuses.push(['poorConnection', 'banner']);
    else if (this.call.cameraFailed) statuses.push(['cameraFailed', 'banner']);
    if (this.room.localParticipant.isScreenShareEnabled) statuses.push(['sharingScreen', 'banner']);
    if (waitingForOther) statuses.push(['waitingForOther', 'hint']);
    return html`${reconnecting ? html`<p class="banner" role="alert">${this.t('reconnecting')}</p>` : nothing}
      <div role="status" aria-atomic="false">
        ${repeat(statuses, ([key]) => key, ([key, cls]) => html`<p class=${cls}>${this.t(key)}</p>`)}
      </div>
      ${this.room.canPlaybackAudio
        ? nothing
        : html`<button part="button" @click=${() => void this.room.startAudio()}>${this.t('startAudio')}</button>`}`;
  }

  private renderControls() {
    const unread = this.chat.unread;
    return html`<div part="controls" class="controls">
      <button part="button" @click=${() => this.toggle('microphone')}>
        ${this.call.isEnabled('microphone') ? this.t('micOff') : this.t('micOn')}
      </button>
      <button part="button" @click=${() => this.toggle('camera')}>
        ${this.call.isEnabled('camera') ? this.t('cameraOff') : this.t('cameraOn')}
      </button>
      ${this.call.isEnabled('camera') && this.cameras.value.filter((d) => d.deviceId).length > 1
        ? html`<button part="button" @click=${this.switchCamera}>${this.t('switchCamera')}</button>`
        : nothing}
      <button part="button" @click=${() => this.toggle('screen')}>
        ${this.call.isEnabled('screen') ? this.t('stopShareScreen') : this.t('shareScreen')}
      </button>
      <button part="button" aria-expanded=${String(this.chat.open)} @click=${() => this.chat.setOpen(!this.chat.open)}>
        ${this.chat.open ? this.t('chatToggleClose') : this.t('chatToggleOpen')}${unread ? ` (${unread} ${this.t('chatUnread')})` : ''}
      </button>
      <button part="button leave-button" class="leave" @click=${this.hangUp}>${this.t('leave')}</button>
    </div>`;
  }
}

if (!customElements.get('balie-call')) customElements.define('balie-call', BalieCall);

declare global {
  interface HTMLElementTagNameMap {
    'balie-call': BalieCall;
  }
}
