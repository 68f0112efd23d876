import type { CallTokenResponse } from '../ticket.js';
import {
  redeemGuestLinkSchema,
  type GuestInviteResponse,
  type GuestListResponse,
  type GuestView,
  type RedeemGuestLinkResponse,
} from '../guest.js';
import { responseOf, type RouteDescriptor } from './route.js';

// A guest (an interpreter) in a call: invited and let in by the employee, joining with the
// secret their guest link gave them.

export const inviteGuestRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/guests',
  response: responseOf<GuestInviteResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const listGuestsRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/guests',
  response: responseOf<GuestListResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const admitGuestRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/guests/:guest/admit',
  response: responseOf<undefined>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** The guest link's code, exchanged once for the guest's secret. */
export const redeemGuestLinkRoute = {
  method: 'POST',
  path: '/api/guests',
  body: redeemGuestLinkSchema,
  response: responseOf<RedeemGuestLinkResponse>(),
  auth: 'public',
  rateLimit: 20,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const currentGuestRoute = {
  method: 'GET',
  path: '/api/guests/current',
  response: responseOf<GuestView>(),
  auth: 'guest',
  rateLimit: 240,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const guestCallTokenRoute = {
  method: 'POST',
  path: '/api/guests/current/call-token',
  response: responseOf<CallTokenResponse>(),
  auth: 'guest',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const leaveGuestRoute = {
  method: 'POST',
  path: '/api/guests/current/leave',
  response: responseOf<undefined>(),
  auth: 'guest',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;
