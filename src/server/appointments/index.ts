export type { AppointmentBackend, ProductSchedule, SlotRange } from './appointment-backend.js';
export { createAppointmentBackends, type AppointmentBackends, type AppointmentBackendsOptions } from './appointment-backends.js';
export { builtinBackend } from './builtin-backend.js';
export { calendarUnavailable } from './calendar-unavailable.js';
export type { CaldavCredentials } from './caldav/caldav-client.js';
