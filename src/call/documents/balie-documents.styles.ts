import { css } from 'lit';
import { themeTokens } from '../theme-tokens.styles.js';

export const documentsStyles = [themeTokens, css`
  :host { display: block; color: var(--_text); }
  section { border: 2px solid transparent; border-radius: var(--_radius); padding: 0.25em; }
  section.dragging { border-color: var(--_primary); border-style: dashed; }
  h2, h3 { font-size: 1em; margin: 0 0 0.5em; }
  ul { list-style: none; margin: 0 0 0.5em; padding: 0; display: grid; gap: 0.5em; }
  li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; padding: 0.5em; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  .thumb { width: 64px; height: 64px; object-fit: cover; border-radius: 4px; flex: none; }
  .pdf { display: grid; place-items: center; width: 64px; height: 64px; border: 2px solid var(--_border); border-radius: 4px; font-weight: 700; flex: none; }
  .about { flex: 1 1 12em; min-width: 0; }
  .name { font-weight: 600; overflow-wrap: anywhere; display: block; }
  .meta, .hint { font-size: 0.9em; color: var(--_muted); }
  .meta { display: block; }
  .actions, .controls, .upload { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
  .upload { margin-bottom: 0.5em; }
  progress { flex: 1 1 10em; height: 1em; accent-color: var(--_primary); }
  p { margin: 0 0 0.5em; }
  .removed { font-weight: 600; color: var(--_muted); }
  .error { color: var(--_error); font-weight: 600; }
  button {
    font: inherit; font-weight: 600; min-height: 48px; min-width: 48px; padding: 0.5em 1em;
    border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary); cursor: pointer;
  }
  button.primary { background: var(--_primary); color: var(--_on-primary); }
  button:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`];
