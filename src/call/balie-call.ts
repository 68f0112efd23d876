import { ConnectionState, type Room } from 'livekit-client';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CallGrant } from '../protocol/index.js';
import { attachTrack } from './attach-track.js';
import { callStyles } from './balie-call.styles.js';
import type { TileView } from './call-view.js';
import { callText, type CallMessageKey } from './i18n.js';
import { RoomController, type CallEnd } from './room-controller.js';
import './events/balie-call-disconnected.js';
import './events/balie-call-leave.js';

/**
 * A LiveKit video call between a citizen and an employee: tiles with names and roles, a speaking
 * indicator, and controls for microphone, camera and hanging up. Used by `<digitale-balie>` and
 * `<balie-medewerker>`; it joins as soon as it has a grant and leaves when removed.
 *
 * @summary The video call itself.
 * @attr lang - Language of labels (`nl`, `en`).
 * @fires balie-call-leave - This side clicked "Ophangen". Detail: `{}`.
 * @fires balie-call-disconnected - The call ended without this side hanging up. Detail: `{ reason: 'room-closed' | 'connection-lost' | 'replaced' }`.
 * @csspart call - The region holding the whole call.
 * @csspart tile - Each participant's tile.
 * @csspart controls - The row of buttons.
 * @csspart button - Each control button.
 * @csspart leave-button - The "Ophangen" button.
 * @cssprop [--balie-call-leave-color=#a4001c] - Background of the hang-up button.
 */
export class BalieCall extends LitElement {
  static override styles = callStyles;

  @property({ reflect: true }) override lang = '';
  /** The grant from the balie server; the call joins when it is set. */
  @property({ attribute: false }) grant?: CallGrant;
  /** Join without camera (denied or absent at prejoin). */
  @property({ type: Boolean, attribute: 'audio-only' }) audioOnly = false;

  private readonly call = new RoomController(this, (reason) => this.onEnd(reason));

  /** The LiveKit room, for integrations and tests that need its statistics. */
  get room(): Room {
    return this.call.room;
  }

  private t(key: CallMessageKey) {
    return callText(this.lang, key);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('grant') && this.grant) void this.call.join(this.grant, { audioOnly: this.audioOnly });
  }

  private onEnd(reason: CallEnd): void {
    this.dispatchEvent(new CustomEvent('balie-call-disconnected', { detail: { reason }, bubbles: true, composed: true }));
  }

  private hangUp = async () => {
    await this.call.leave();
    this.dispatchEvent(new CustomEvent('balie-call-leave', { detail: {}, bubbles: true, composed: true }));
  };

  private toggleMicrophone = () => {
    const local = this.room.localParticipant;
    void local.setMicrophoneEnabled(!local.isMicrophoneEnabled);
  };

  private toggleCamera = () => {
    const local = this.room.localParticipant;
    void local.setCameraEnabled(!local.isCameraEnabled).catch(() => {
      this.call.cameraFailed = true;
      this.requestUpdate();
    });
  };

  override render() {
    const state = this.call.connection.value;
    const { local, remotes } = this.call.view.value;
    return html`<section part="call" aria-label=${this.t('callRegion')}>
      ${this.renderStatus(state)}
      <div class="tiles ${remotes.length ? 'two' : ''}">
        ${remotes.length
          ? repeat(remotes, (tile) => tile.participant.identity, (tile) => this.renderTile(tile))
          : state === ConnectionState.Connected
            ? html`<p class="hint" role="status">${this.t('waitingForOther')}</p>`
            : nothing}
        ${local && state !== ConnectionState.Disconnected ? this.renderTile(local) : nothing}
      </div>
      ${remotes.map((tile) => (tile.microphone ? html`<audio ${attachTrack(tile.microphone)}></audio>` : nothing))}
      ${this.renderControls()}
    </section>`;
  }

  private renderStatus(state: ConnectionState) {
    if (this.call.joinError) return html`<p class="banner" role="alert">${this.t('joinFailed')}</p>`;
    const banners = [];
    if (state === ConnectionState.Connecting) banners.push(html`<p class="banner" role="status">${this.t('connecting')}</p>`);
    if (state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting) {
      banners.push(html`<p class="banner" role="alert">${this.t('reconnecting')}</p>`);
    }
    if (this.call.cameraFailed) banners.push(html`<p class="banner" role="status">${this.t('cameraFailed')}</p>`);
    if (!this.room.canPlaybackAudio) {
      banners.push(html`<button part="button" @click=${() => void this.room.startAudio()}>${this.t('startAudio')}</button>`);
    }
    return banners;
  }

  private renderTile(tile: TileView) {
    const name = tile.isLocal ? this.t('you') : tile.role ? this.t(tile.role) : '';
    const video = tile.screen ?? tile.camera;
    return html`<figure part="tile" class="${tile.isLocal ? 'local' : 'remote'} ${tile.speaking ? 'speaking' : ''}">
      ${video
        ? html`<video ${attachTrack(video)} class=${tile.screen ? 'screen' : ''} autoplay playsinline muted></video>`
        : html`<div class="avatar" aria-hidden="true">${name.slice(0, 1)}</div>`}
      <figcaption>${name}${video ? nothing : html` · ${this.t('audioOnly')}`}</figcaption>
    </figure>`;
  }

  private renderControls() {
    const local = this.room.localParticipant;
    return html`<div part="controls" class="controls">
      <button part="button" @click=${this.toggleMicrophone}>
        ${local.isMicrophoneEnabled ? this.t('micOff') : this.t('micOn')}
      </button>
      <button part="button" @click=${this.toggleCamera}>
        ${local.isCameraEnabled ? this.t('cameraOff') : this.t('cameraOn')}
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
