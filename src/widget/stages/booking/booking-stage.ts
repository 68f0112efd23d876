import { css } from 'lit';
import { baseStyles } from '../../digitale-balie.styles.js';
import { BalieStage } from '../balie-stage.js';
import { bookingCatalogs, type BookingMessageKey } from './booking-messages.js';

/** Shared look of the booking stages: big choice buttons stacked, one thing per screen. */
export const bookingStyles = [
  baseStyles,
  css`
    .choices { display: grid; gap: 0.75em; margin: 0 0 1em; padding: 0; list-style: none; }
    .choices button { width: 100%; text-align: start; }
    .hint { display: block; font-weight: 400; font-size: 0.9em; }
    button.link { background: none; border-color: transparent; color: var(--_primary); text-decoration: underline; padding-inline: 0.25em; }
    dl { margin: 0 0 1em; }
    dt { font-weight: 600; }
    dd { margin: 0 0 0.5em; }
  `,
];

/** A stage of the booking chunk: its texts come from the booking catalog. */
export abstract class BookingStage extends BalieStage<BookingMessageKey> {
  static override styles = bookingStyles;
  protected readonly catalogs = bookingCatalogs;
}
