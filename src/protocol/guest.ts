import { object, text, type Infer } from './schema.js';

/**
 * A guest — a sign-language or spoken-language interpreter — joins a citizen's call through a
 * one-time link the employee makes. The link's code sits in the URL fragment (never sent to a
 * server, never in a Referer) under this name.
 */
export const GUEST_CODE_PARAM = 'balie-gast';

/** `POST /api/guests`: the guest redeems the link's code once, for a bearer secret. */
export const redeemGuestLinkSchema = object({
  code: text({ max: 43, pattern: /^[A-Za-z0-9_-]{43}$/, expected: 'the 43-character code from the link' }),
});
export type RedeemGuestLinkRequest = Infer<typeof redeemGuestLinkSchema>;

export interface RedeemGuestLinkResponse {
  secret: string;
}

/** `POST /api/console/tickets/:id/guests`: the link for the employee to pass on. */
export interface GuestInviteResponse {
  inviteUrl: string;
  expiresAt: string;
}

/** invited → waiting (link used) → admitted (employee let them in) → ended. */
export type GuestState = 'invited' | 'waiting' | 'admitted' | 'ended';

/** A guest as the employee and the guest see it: no name, just the state. */
export interface GuestView {
  id: string;
  state: GuestState;
}

/** `GET /api/console/tickets/:id/guests`. */
export interface GuestListResponse {
  guests: GuestView[];
}
