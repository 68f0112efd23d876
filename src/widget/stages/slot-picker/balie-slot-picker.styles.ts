import { css } from 'lit';

export const slotPickerStyles = css`
  .day-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; margin: 0 0 1em; }
  .day-nav h3 { flex: 1 1 12em; margin: 0; font-size: 1.125em; }
  .slots {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6em, 1fr));
    gap: 0.5em;
    margin: 0 0 1em;
    padding: 0;
    list-style: none;
  }
  .slots button { width: 100%; }
  .slots button:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
`;
