export { identityRoutes, type IdentityRoutesOptions } from './identity-routes.js';
export type { IdentityOptions, IdentityProviderOptions } from './identity-options.js';
export { digidAcrValues, publishedJwks } from './identity-options.js';
export { jwksRoute, JWKS_PATH } from './jwks-route.js';
export { parseClientKeys, type ClientKey, type PublicJwk } from './client-keys.js';
export { findSessionLogin, isSameCitizen, type IdentityLogin } from './identity-store.js';
export { CITIZEN_COOKIE, findCitizenLogin, registerCitizenCookie, useJoinSession } from './citizen-session.js';
