import { css, html, nothing } from 'lit';
import { baseStyles } from '../../digitale-balie.styles.js';
import { emit } from '../../events/emit.js';
import { BalieStage } from '../balie-stage.js';
import { stageCatalogs, type StageMessageKey } from '../stage-messages.js';
import { MediaCheckController } from './media-check-controller.js';

/**
 * The check before waiting: the citizen sees their own camera and a moving microphone meter. A
 * denied or missing camera still lets them go on with sound only.
 *
 * @summary Camera and microphone check before the waiting room.
 * @attr lang - Language of the texts.
 * @fires balie-prejoin-done - The citizen goes on. Detail: `{ audioOnly: boolean }`.
 * @fires balie-prejoin-cancel - The citizen stops. Detail: `{}`.
 * @csspart heading - The stage heading.
 * @csspart preview - The camera preview video.
 * @csspart button - The buttons.
 */
export class BaliePrejoin extends BalieStage<StageMessageKey> {
  static override styles = [
    baseStyles,
    css`
      video {
        display: block;
        width: 100%;
        max-width: 480px;
        aspect-ratio: 4 / 3;
        background: #222;
        border-radius: var(--_radius);
        transform: scaleX(-1); /* a mirror, as people expect to see themselves */
      }
      video.back { transform: none; }
      meter { display: block; width: 100%; max-width: 480px; height: 1.5em; margin: 0.25em 0 1em; }
      label { display: block; font-weight: 600; margin-top: 1em; }
    `,
  ];


  private readonly media = new MediaCheckController(this);

  protected readonly catalogs = stageCatalogs;

  protected override updated(): void {
    const video = this.renderRoot.querySelector('video');
    // A mirror for the front camera only: text held up to the back camera must read the right way.
    video?.classList.toggle('back', !!this.media.videoStream && this.media.videoStream.getVideoTracks()[0]?.getSettings().facingMode === 'environment');
    if (video && video.srcObject !== (this.media.videoStream ?? null)) {
      video.srcObject = this.media.videoStream ?? null;
    }
  }

  private continue = () => emit(this, 'balie-prejoin-done', { audioOnly: this.media.camera !== 'ok' });

  override render() {
    const { camera, microphone, checking } = this.media;
    return html`
      <h2 part="heading" tabindex="-1" data-stage-heading>${this.t('prejoinHeading')}</h2>
      <p>${this.t('prejoinIntro')}</p>
      <p role="status">
        ${checking ? this.t('prejoinChecking') : nothing}
        ${camera === 'denied' || camera === 'missing' ? this.t('prejoinCameraDenied') : nothing}
        ${microphone === 'denied' || microphone === 'missing' ? this.t('prejoinMicDenied') : nothing}
      </p>
      ${camera === 'ok'
        ? html`<video part="preview" autoplay muted playsinline aria-label=${this.t('prejoinCameraPreview')}></video>`
        : nothing}
      ${camera === 'ok' && this.media.cameras.length > 1
        ? html`<div class="actions">
            <button part="button" class="secondary" @click=${() => void this.media.switchCamera()}>${this.t('prejoinSwitchCamera')}</button>
          </div>`
        : nothing}
      <label for="level">${this.t('prejoinMicLevel')}</label>
      <meter id="level" min="0" max="100" low="10" optimum="50" .value=${this.media.level}></meter>
      <div class="actions">
        <button part="button" ?disabled=${checking} @click=${this.continue}>
          ${camera === 'ok' || checking ? this.t('prejoinContinue') : this.t('prejoinContinueAudioOnly')}
        </button>
        <button part="button" class="secondary" @click=${() => emit(this, 'balie-prejoin-cancel', {})}>
          ${this.t('cancel')}
        </button>
      </div>
    `;
  }
}

if (!customElements.get('balie-prejoin')) customElements.define('balie-prejoin', BaliePrejoin);

declare global {
  interface HTMLElementTagNameMap {
    'balie-prejoin': BaliePrejoin;
  }
}
