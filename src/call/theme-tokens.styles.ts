import { css } from 'lit';

/**
 * The theme tokens of the call, the console and the interpreter's page: the same custom
 * properties as `<digitale-balie>`'s (NL Design System names as fallbacks), so a municipality's
 * house style reaches every colour there too. Every colour in these elements is one of these;
 * the widget's first script keeps its own copy (it may not import the call statically).
 */
export const themeTokens = css`
  :host {
    --_primary: var(--digitale-balie-primary-color, var(--nl-button-primary-action-background-color, #154273));
    --_on-primary: var(--digitale-balie-on-primary-color, var(--nl-button-primary-action-color, #ffffff));
    --_text: var(--digitale-balie-text-color, var(--nl-document-color, #1a1a1a));
    --_surface: var(--digitale-balie-surface-color, var(--nl-document-background-color, #ffffff));
    --_error: var(--digitale-balie-error-color, #a4001c);
    --_radius: var(--digitale-balie-border-radius, 6px);
    /* Secondary text and borders: the text colour, lighter, so they follow a dark theme as well. */
    --_muted: color-mix(in srgb, var(--_text) 75%, var(--_surface));
    --_border: color-mix(in srgb, var(--_text) 70%, var(--_surface));
    /* A video tile: its frame behind a picture that has not arrived, and the captions over it. */
    --_video: var(--digitale-balie-video-background-color, #1f1f1f);
    --_on-video: var(--digitale-balie-on-video-color, #ffffff);
    --_video-overlay: color-mix(in srgb, var(--_video) 70%, transparent);
    --_speaking: var(--digitale-balie-speaking-color, #39b54a);
  }
`;
