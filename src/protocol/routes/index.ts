import * as bookings from './bookings.js';
import * as console from './console.js';
import * as documents from './documents.js';
import * as guests from './guests.js';
import * as identity from './identity.js';
import * as payments from './payments.js';
import * as system from './system.js';
import * as tickets from './tickets.js';
import type { RouteDescriptor } from './route.js';

export * from './route.js';

/**
 * Every route of the balie server, for the server's own checks (every registered route has a
 * descriptor) and its rate limit table. Browser code imports the one group it calls instead, so
 * its bundle holds only the descriptors (and schemas) it uses.
 */
export const allRoutes: readonly RouteDescriptor[] = [system, tickets, bookings, identity, guests, console, payments, documents].flatMap(
  (group) => Object.values(group) as RouteDescriptor[],
);
