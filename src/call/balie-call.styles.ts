import { css } from 'lit';
import { themeTokens } from './theme-tokens.styles.js';

export const callStyles = [themeTokens, css`
  :host {
    --_danger: var(--balie-call-leave-color, var(--_error));
    display: block;
    font-family: var(--digitale-balie-font-family, var(--nl-document-font-family, system-ui, sans-serif));
    font-size: var(--digitale-balie-font-size, 1.125rem);
    line-height: 1.5;
  }
  .tiles { display: grid; gap: 0.5em; grid-template-columns: 1fr; position: relative; }
  @media (min-width: 640px) { .tiles.two { grid-template-columns: 3fr 1fr; align-items: start; } }
  /* A phone in portrait: the other person large, oneself small in a corner, as phone calls look. */
  @media (max-width: 639px) {
    .tiles.two:not(.has-screen) figure.local { position: absolute; right: 0.5em; bottom: 0.5em; width: 32%; z-index: 1; box-shadow: 0 0 0 2px var(--_on-video); }
    .tiles.two:not(.has-screen) figure.local figcaption { font-size: 0.75em; }
  }
  figure { margin: 0; position: relative; background: var(--_video); color: var(--_on-video); border-radius: var(--_radius); overflow: hidden; }
  figure.speaking { outline: 4px solid var(--_speaking); outline-offset: -4px; }
  .speaking-label { font-weight: 700; }
  .tiles.has-screen figure.screen { grid-column: 1 / -1; }
  .volume { position: absolute; right: 0.5em; top: 0.5em; background: var(--_video-overlay); padding: 0.25em 0.5em; border-radius: 4px; font-size: 0.85em; display: flex; flex-direction: column; }
  .volume input { width: 8em; min-height: 24px; }
  balie-chat, balie-documents, balie-devices { margin-top: 0.75em; }
  /* dvh: the height left by the phone browser's own bars, so the controls stay within reach. */
  video { display: block; width: 100%; aspect-ratio: 4 / 3; max-height: 70dvh; object-fit: cover; background: var(--_video); }
  video.screen { aspect-ratio: 16 / 9; object-fit: contain; }
  figure.local video:not(.back) { transform: scaleX(-1); }
  .avatar { display: grid; place-items: center; aspect-ratio: 4 / 3; font-size: 3em; font-weight: 700; }
  figcaption { position: absolute; left: 0.5em; bottom: 0.5em; background: var(--_video-overlay); padding: 0.125em 0.5em; border-radius: 4px; font-size: 0.9em; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.75em; padding-bottom: env(safe-area-inset-bottom, 0); }
  button {
    font: inherit; font-weight: 600; min-height: 48px; min-width: 48px; padding: 0.5em 1em;
    border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); cursor: pointer;
  }
  button.leave { background: var(--_danger); border-color: var(--_danger); color: var(--_on-primary); }
  button:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
  .banner { padding: 0.5em 0.75em; border-radius: var(--_radius); background: var(--_surface); color: var(--_text); border: 2px solid var(--_primary); margin-bottom: 0.5em; }
  .hint { padding: 1em; }
`];
