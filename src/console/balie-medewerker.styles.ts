import { css } from 'lit';
import { themeTokens } from '../call/theme-tokens.styles.js';

export const consoleStyles = [themeTokens, css`
  :host {
    display: block; font-family: var(--digitale-balie-font-family, system-ui, sans-serif);
    font-size: 1rem; line-height: 1.5; color: var(--_text); background: var(--_surface); max-width: 1280px; margin: 0 auto; padding: 1em;
  }
  h1 { font-size: 1.5em; margin: 0 0 0.5em; }
  h2 { font-size: 1.25em; margin: 1em 0 0.5em; }
  h2:focus { outline: none; }
  ul { list-style: none; padding: 0; margin: 0; }
  li { display: flex; flex-wrap: wrap; align-items: center; gap: 1em; padding: 0.75em; border: 1px solid var(--_border); border-radius: var(--_radius); margin-bottom: 0.5em; }
  li .what { flex: 1 1 16em; }
  button {
    font: inherit; font-weight: 600; min-height: 44px; padding: 0.5em 1.25em; border-radius: var(--_radius);
    border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); cursor: pointer;
  }
  button:focus-visible, input:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
  label { display: block; font-weight: 600; }
  input { font: inherit; padding: 0.5em; min-height: 44px; border: 2px solid var(--_border); border-radius: var(--_radius); margin: 0.25em 0 1em; color: var(--_text); background: var(--_surface); }
  button.secondary { background: var(--_surface); color: var(--_primary); }
  /* The view one is on: filled, and underlined, which forced colours (Windows high contrast) keep. */
  button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); text-decoration: underline 0.15em; text-underline-offset: 0.25em; }
  header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5em; margin-bottom: 1em; }
  nav { display: flex; flex-wrap: wrap; gap: 0.5em; }
  .in-call { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16em, 1fr); gap: 1em; align-items: start; }
  .in-call aside { display: grid; gap: 1em; }
  @media (max-width: 900px) { .in-call { grid-template-columns: 1fr; } }
  .handover { flex: 1 1 100%; display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0; }
  .handover label, .handover select { margin: 0; }
  select { font: inherit; min-height: 44px; border: 2px solid var(--_border); border-radius: var(--_radius); color: var(--_text); background: var(--_surface); }
  .finishing { border: 2px solid var(--_primary); border-radius: var(--_radius); padding: 1em; margin-bottom: 1em; }
  .error { color: var(--_error); font-weight: 600; }
  .muted { color: var(--_muted); }
  .couplings { flex: 1 1 100%; }
  .couplings p { margin: 0; }
`];
