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

export { nextJourneyStage } from '../../journey/journey-machine.js';
export { bookingErrors, enterBookingStage, resume, type JourneyHost } from '../../journey/booking-journey.js';
export { bookingCatalogs } from './booking-messages.js';
export { renderBookingStage } from '../../journey/render-booking-stage.js';
