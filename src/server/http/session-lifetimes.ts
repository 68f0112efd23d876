/**
 * How long citizens' and employees' sessions live (issue #7). Each kind ends at the first of two
 * moments: `…IdleSeconds` after its last request, or `…MaxSeconds` after it began, whatever
 * happens in between. Both are checked by the store on every request, so a session is dead on
 * every instance at the same moment.
 */
export interface SessionLifetimes {
  /** A citizen's identity session (after DigiD) without a request. */
  citizenIdleSeconds: number;
  /** A citizen's identity session at most. */
  citizenMaxSeconds: number;
  /** An employee's console session without a request. */
  employeeIdleSeconds: number;
  /** An employee's console session at most. */
  employeeMaxSeconds: number;
}

/** Defaults of {@link SessionLifetimes}. */
export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  // Enough to pick a time and fill in a form after DigiD; a citizen who walks away is logged out.
  citizenIdleSeconds: 15 * 60,
  citizenMaxSeconds: 60 * 60,
  // The console asks the server every few seconds during a call (the guest list); half an hour
  // without a single request is a console nobody is looking at.
  employeeIdleSeconds: 30 * 60,
  // One working day and some.
  employeeMaxSeconds: 12 * 60 * 60,
};
