// The booking chunk: loaded when the citizen starts a journey that books, logs in or manages an
// appointment; a page view that only calls now never fetches it.
import '../product-choice/balie-product-choice.js';
import '../mode-choice/balie-mode-choice.js';
import '../slot-picker/balie-slot-picker.js';
import '../details-form/balie-details-form.js';
import '../identity-choice/balie-identity-choice.js';
import '../identity-error/balie-identity-error.js';
import '../confirmation/balie-confirmation.js';
import '../appointment/balie-appointment.js';
import '../booking-retry/balie-booking-retry.js';
import type { JourneyPlugin } from '../../journey/journey-plugin.js';
import { bookingEffects, bookingErrors } from './booking-effects.js';
import { nextJourneyStage } from './booking-machine.js';
import { bookingCatalogs } from './booking-messages.js';
import { renderBookingStage } from './render-booking-stage.js';

/** The booking journey as one part: its reducer, its rows of the effect table, its stages and texts. */
export const bookingPlugin: JourneyPlugin = {
  reduce: nextJourneyStage,
  effects: bookingEffects,
  render: renderBookingStage,
  messages: bookingCatalogs,
  errors: bookingErrors,
};
