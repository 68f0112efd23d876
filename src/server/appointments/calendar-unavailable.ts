import { ApiError } from '../http/api-error.js';
import type { CalendarRequestError } from './caldav/caldav-client.js';

const verbs = { book: 'nothing was booked', cancel: 'nothing was cancelled', move: 'nothing was moved', list: 'no free times can be shown' };

/**
 * 503 `calendar_unavailable`: the system that holds a product's appointments failed or did not
 * answer in time. The message says which backend, what happened and that nothing changed; the
 * widget tells the citizen to try again in a few minutes.
 */
export function calendarUnavailable(
  backend: string,
  product: string,
  action: keyof typeof verbs,
  error: CalendarRequestError,
): ApiError {
  return new ApiError(
    503,
    'calendar_unavailable',
    `balie-appointments: the calendar of "${product}" (appointmentBackends.${backend}) failed: ${error.message}; ${verbs[action]}. Try again in a few minutes`,
  );
}
