export { bookingRoutes, type BookingRoutesOptions } from './booking-routes.js';
export { manageRoutes, type ManageRoutesOptions } from './manage-routes.js';
export { identityForProduct } from './identity-gate.js';
export { manageSecrets, type ManageSecretFor } from './manage-secret.js';
export { walkInStatus, freeSlots, bookableSlot } from './slots.js';
