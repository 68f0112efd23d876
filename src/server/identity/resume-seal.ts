import type { JourneyResume } from '../../protocol/index.js';
import { secretSeal } from '../reminders/secret-seal.js';

/** A {@link JourneyResume} as the store keeps it: sealed, see {@link sealResume}. */
export type SealedResume = string;

/**
 * Seals what the citizen filled in under the one-time token it is stored beside (the login's
 * `state`, a hand-off code). The store keeps only that token's hash, so a copy of the store opens
 * no resume, which holds the citizen's details and the booking's `Idempotency-Key` (issue 14, #11).
 */
export function sealResume(token: string, resume: JourneyResume): SealedResume {
  return secretSeal(token, 'identity-resume').seal(JSON.stringify(resume));
}

/** The resume sealed under `token`; `undefined` when it is not one (another token, or altered). */
export function openResume(token: string, sealed: SealedResume): JourneyResume | undefined {
  if (typeof sealed !== 'string') return undefined; // a row from before sealing: the form is typed again
  const opened = secretSeal(token, 'identity-resume').open(sealed);
  return opened === undefined ? undefined : (JSON.parse(opened) as JourneyResume);
}
