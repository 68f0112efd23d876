export { identityRoutes, type IdentityRoutesOptions } from './identity-routes.js';
export type { IdentityOptions, IdentityProviderOptions } from './identity-options.js';
export { digidAcrValues } from './identity-options.js';
export { findSessionLogin, type IdentityLogin } from './identity-store.js';
export { CITIZEN_COOKIE, findCitizenLogin, registerCitizenCookie } from './citizen-session.js';
