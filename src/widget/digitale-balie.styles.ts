import { css } from 'lit';

/** Shared look of every stage. Token names follow NL Design System conventions where one exists. */
export const baseStyles = css`
  :host {
    --_primary: var(--digitale-balie-primary-color, var(--nl-button-primary-action-background-color, #154273));
    --_on-primary: var(--digitale-balie-on-primary-color, var(--nl-button-primary-action-color, #ffffff));
    --_text: var(--digitale-balie-text-color, var(--nl-document-color, #1a1a1a));
    --_surface: var(--digitale-balie-surface-color, var(--nl-document-background-color, #ffffff));
    --_error: var(--digitale-balie-error-color, #a4001c);
    --_radius: var(--digitale-balie-border-radius, 6px);
    --_font: var(--digitale-balie-font-family, var(--nl-document-font-family, system-ui, sans-serif));
    display: block;
    box-sizing: border-box;
    max-width: 100%;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--digitale-balie-font-size, 1.125rem);
    line-height: 1.5;
  }
  *, *::before, *::after { box-sizing: inherit; }
  h2 { font-size: 1.375em; line-height: 1.25; margin: 0 0 0.5em; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  p { margin: 0 0 1em; }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 48px;
    min-width: 48px;
    padding: 0.625em 1.25em;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
  }
  button.secondary { background: transparent; color: var(--_primary); }
  button:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75em; }
  .pending { visibility: hidden; }
  .error { color: var(--_error); font-weight: 600; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    * { animation: none !important; transition: none !important; }
  }
`;
