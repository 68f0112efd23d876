import type { BOOKING_MANAGE_PARAM, IDENTITY_CODE_PARAM, IDENTITY_ERROR_PARAM, IDENTITY_RESUME_PARAM, IdentityReturnError } from '../../protocol/index.js';

// The protocol's names, checked by type rather than imported: importing them would pull the
// protocol's schemas into the launcher's first script.
const codeParam: typeof IDENTITY_CODE_PARAM = 'balie-code';
const errorParam: typeof IDENTITY_ERROR_PARAM = 'balie-error';
const manageParam: typeof BOOKING_MANAGE_PARAM = 'balie-afspraak';
const resumeParam: typeof IDENTITY_RESUME_PARAM = 'balie-hervat';
/** Every `IdentityReturnError` (a missing or extra one is a compile error). */
const returnErrors: Record<IdentityReturnError, true> = { cancelled: true, provider_error: true, assurance_too_low: true };

/** What the page's URL fragment brought: a DigiD return, or the manage link of an appointment. */
export type ReturnFragment =
  | { kind: 'code'; code: string }
  /** `resumeCode`: takes back what was filled in before the login (`POST /api/identity/resume`). */
  | { kind: 'error'; problem: IdentityReturnError | 'provider_error'; resumeCode?: string }
  | { kind: 'manage'; secret: string };

/**
 * Reads `#balie-code=`, `#balie-error=` or `#balie-afspraak=` from the page and removes the
 * fragment from the address bar at once (path and query kept), so a one-time code or a manage
 * secret does not linger in history, bookmarks or a shared screen. The first widget to call this
 * takes the fragment; any other widget on the page finds it gone.
 */
export function takeReturnFragment(): ReturnFragment | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const code = params.get(codeParam);
  const error = params.get(errorParam);
  const manage = params.get(manageParam);
  if (code === null && error === null && manage === null) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  if (code !== null) return { kind: 'code', code };
  if (manage !== null) return { kind: 'manage', secret: manage };
  // An unknown reason is still a failed login: show the provider error's text and way forward.
  const problem = error && error in returnErrors ? (error as IdentityReturnError) : 'provider_error';
  const resumeCode = params.get(resumeParam);
  return resumeCode ? { kind: 'error', problem, resumeCode } : { kind: 'error', problem };
}

/** The page to come back to after the provider: the current one without its fragment. */
export function currentPageUrl(): string {
  return location.href.split('#')[0];
}
