import { css } from 'lit';

export const callStyles = css`
  :host {
    --_primary: var(--digitale-balie-primary-color, var(--nl-button-primary-action-background-color, #154273));
    --_on-primary: var(--digitale-balie-on-primary-color, var(--nl-button-primary-action-color, #ffffff));
    --_danger: var(--balie-call-leave-color, #a4001c);
    --_radius: var(--digitale-balie-border-radius, 6px);
    display: block;
    font-family: var(--digitale-balie-font-family, var(--nl-document-font-family, system-ui, sans-serif));
    font-size: var(--digitale-balie-font-size, 1.125rem);
    line-height: 1.5;
  }
  .tiles { display: grid; gap: 0.5em; grid-template-columns: 1fr; position: relative; }
  @media (min-width: 640px) { .tiles.two { grid-template-columns: 3fr 1fr; align-items: start; } }
  figure { margin: 0; position: relative; background: #1f1f1f; color: #fff; border-radius: var(--_radius); overflow: hidden; }
  figure.speaking { outline: 4px solid #39b54a; outline-offset: -4px; }
  .speaking-label { font-weight: 700; }
  .tiles.has-screen figure.screen { grid-column: 1 / -1; }
  .volume { position: absolute; right: 0.5em; top: 0.5em; background: rgb(0 0 0 / 0.7); padding: 0.25em 0.5em; border-radius: 4px; font-size: 0.85em; display: flex; flex-direction: column; }
  .volume input { width: 8em; min-height: 24px; }
  balie-chat, balie-devices { margin-top: 0.75em; }
  video { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #1f1f1f; }
  video.screen { aspect-ratio: 16 / 9; object-fit: contain; }
  figure.local video { transform: scaleX(-1); }
  .avatar { display: grid; place-items: center; aspect-ratio: 4 / 3; font-size: 3em; font-weight: 700; }
  figcaption { position: absolute; left: 0.5em; bottom: 0.5em; background: rgb(0 0 0 / 0.7); padding: 0.125em 0.5em; border-radius: 4px; font-size: 0.9em; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.75em; }
  button {
    font: inherit; font-weight: 600; min-height: 48px; min-width: 48px; padding: 0.5em 1em;
    border-radius: var(--_radius); border: 2px solid var(--_primary); background: #fff; color: var(--_primary); cursor: pointer;
  }
  button.leave { background: var(--_danger); border-color: var(--_danger); color: #fff; }
  button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
  .banner { padding: 0.5em 0.75em; border-radius: var(--_radius); background: #fff4ce; color: #1a1a1a; border: 2px solid #8a6d00; margin-bottom: 0.5em; }
  .hint { padding: 1em; }
`;
