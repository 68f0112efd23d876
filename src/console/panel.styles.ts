import { css } from 'lit';

/** What the console's panels share: headings, buttons, fields, messages. */
export const panelStyles = css`
  :host { display: block; --_primary: var(--digitale-balie-primary-color, #154273); }
  h2 { font-size: 1.125em; margin: 0 0 0.5em; }
  label { display: block; font-weight: 600; margin-top: 0.5em; }
  input, select, textarea { font: inherit; box-sizing: border-box; width: 100%; min-height: 44px; padding: 0.25em 0.5em; margin: 0.25em 0 0.5em; border: 2px solid #555; border-radius: 6px; }
  button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.25em 1em; border-radius: 6px; border: 2px solid var(--_primary); background: var(--_primary); color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: var(--_primary); }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1em; margin: 0 0 0.5em; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .error { color: #a4001c; font-weight: 600; }
  .muted { color: #545454; }
`;
