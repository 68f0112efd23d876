import { expect } from '@open-wc/testing';
import { render, type CSSResult } from 'lit';
import type { Participant, Track } from 'livekit-client';
import { callStyles } from './balie-call.styles.js';
import { renderTiles } from './call-tiles.js';
import type { TileView } from './call-view.js';

/** A camera track as LiveKit hands it over, facing the way a phone reports it. */
function camera(facingMode?: 'user' | 'environment'): Track {
  return {
    mediaStreamTrack: { getSettings: () => (facingMode ? { facingMode } : {}) },
    attach: () => undefined,
    detach: () => undefined,
  } as unknown as Track;
}

/** One's own tile, rendered with the call's styles in a shadow root as `<balie-call>` does. */
function ownVideo(track: Track): HTMLVideoElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = callStyles.flat(Infinity).map((style) => (style as CSSResult).styleSheet!);
  const local: TileView = { participant: { identity: 'me' } as Participant, isLocal: true, role: 'citizen', camera: track, speaking: false };
  render(renderTiles({ local, remotes: [] }, { t: (key) => key, volumeOf: () => 100, onVolume: () => undefined }), root);
  return root.querySelector('figure.local video')!;
}

describe('own camera tile', () => {
  afterEach(() => document.body.replaceChildren());

  it('is a mirror for the front camera, as people expect to see themselves', () => {
    expect(getComputedStyle(ownVideo(camera('user'))).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(getComputedStyle(ownVideo(camera())).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('is not mirrored for the back camera, so a document held up to it reads the right way', () => {
    expect(getComputedStyle(ownVideo(camera('environment'))).transform).to.equal('none');
  });
});
