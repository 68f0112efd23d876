import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { attachTrack, playAudio } from './attach-track.js';
import type { CallView, TileView } from './call-view.js';
import type { CallMessageKey } from './i18n.js';

export interface TileOptions {
  t: (key: CallMessageKey) => string;
  /** Volume (0–100) the viewer chose per remote identity. */
  volumeOf: (identity: string) => number;
  onVolume: (identity: string, volume: number) => void;
}

function nameOf(tile: TileView, t: TileOptions['t']): string {
  if (tile.isLocal) return t('you');
  return tile.role ? t(tile.role) : '';
}

/** A shared screen, shown large: the thing both sides are looking at. */
function screenTile(tile: TileView, { t }: TileOptions) {
  return html`<figure part="tile screen-tile" class="screen ${tile.isLocal ? 'local' : 'remote'}">
    <video ${attachTrack(tile.screen)} class="screen" autoplay playsinline muted></video>
    <figcaption>${t('screenOf')} ${nameOf(tile, t).toLowerCase()}</figcaption>
  </figure>`;
}

/**
 * One's own back camera (a phone turned round to show a document): not mirrored, so held-up text
 * reads the right way, as in the camera check. Read at each render: switching cameras keeps the track.
 */
function isBackCamera(tile: TileView): boolean {
  return tile.isLocal && tile.camera?.mediaStreamTrack?.getSettings().facingMode === 'environment';
}

function personTile(tile: TileView, options: TileOptions) {
  const { t } = options;
  const name = nameOf(tile, t);
  const identity = tile.participant.identity;
  return html`<figure part="tile" class="${tile.isLocal ? 'local' : 'remote'} ${tile.speaking ? 'speaking' : ''}">
    ${tile.camera
      ? html`<video class=${isBackCamera(tile) ? 'back' : ''} ${attachTrack(tile.camera)} autoplay playsinline muted></video>`
      : html`<div class="avatar" aria-hidden="true">${name.slice(0, 1)}</div>`}
    <figcaption>
      ${name}${tile.camera || tile.cameraOpening ? nothing : html` · ${t('audioOnly')}`}
      ${tile.speaking ? html`<span class="speaking-label"> · ${t('speaking')}</span>` : nothing}
    </figcaption>
    ${tile.isLocal
      ? nothing
      : html`<label class="volume">
          <span>${t('volumeOf')} ${name.toLowerCase()}</span>
          <input type="range" min="0" max="100" step="10" .value=${String(options.volumeOf(identity))}
            @input=${(e: Event) => options.onVolume(identity, Number((e.target as HTMLInputElement).value))} />
        </label>`}
  </figure>`;
}

/** Every tile of the call: remote screens first and large, then people, then yourself. */
export function renderTiles(view: CallView, options: TileOptions) {
  const screens = view.remotes.filter((tile) => tile.screen);
  return html`<div class="tiles ${view.remotes.length ? 'two' : ''} ${screens.length ? 'has-screen' : ''}">
    ${repeat(screens, (tile) => `screen-${tile.participant.identity}`, (tile) => screenTile(tile, options))}
    ${repeat(view.remotes, (tile) => tile.participant.identity, (tile) => personTile(tile, options))}
    ${view.local ? personTile(view.local, options) : nothing}
  </div>
  ${repeat(
    view.remotes.filter((tile) => tile.microphone),
    (tile) => tile.participant.identity,
    (tile) => html`<div class="audio" ${playAudio(tile.microphone, tile.participant.identity)}></div>`,
  )}`;
}
