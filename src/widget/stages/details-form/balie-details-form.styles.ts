import { css } from 'lit';

export const detailsFormStyles = css`
  .field { margin: 0 0 1em; }
  label { display: block; font-weight: 600; }
  .hint { display: block; }
  input[type='text'], input[type='email'], input[type='tel'] {
    font: inherit;
    width: 100%;
    max-width: 30em;
    min-height: 48px;
    padding: 0.5em;
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    color: inherit;
    background: var(--_surface);
  }
  input:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  input[aria-invalid='true'] { border-color: var(--_error); }
  .consent { display: flex; align-items: center; gap: 0.5em; min-height: 48px; }
  .consent input { width: 1.5em; height: 1.5em; margin: 0; }
  h3 { font-size: 1.125em; margin: 0 0 0.5em; }
  a { color: var(--_primary); }
`;
