import { css } from 'lit';
import { themeTokens } from '../call/theme-tokens.styles.js';

/** What the console's panels share: headings, buttons, fields, messages. */
export const panelStyles = [themeTokens, css`
  :host { display: block; color: var(--_text); }
  h2 { font-size: 1.125em; margin: 0 0 0.5em; }
  label { display: block; font-weight: 600; margin-top: 0.5em; }
  input, select, textarea { font: inherit; box-sizing: border-box; width: 100%; min-height: 44px; padding: 0.25em 0.5em; margin: 0.25em 0 0.5em; border: 2px solid var(--_border); border-radius: var(--_radius); color: var(--_text); background: var(--_surface); }
  button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.25em 1em; border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); cursor: pointer; }
  button.secondary { background: var(--_surface); color: var(--_primary); }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
  /* A long term ("Leges betaald in het gesprek") wraps in a narrow window rather than push its value off the page (WCAG 1.4.10). */
  dl { display: grid; grid-template-columns: minmax(min-content, max-content) 1fr; gap: 0.25em 1em; margin: 0 0 0.5em; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .error { color: var(--_error); font-weight: 600; }
  .muted { color: var(--_muted); }
`];
