import type { ErrorCode, LevelOfAssurance } from '../../../protocol/index.js';
import { BalieApiError } from '../../api-client.js';
import { emit } from '../../events/emit.js';
import type { Journey, StageEffects } from '../../journey/journey-plugin.js';
import { findProduct, modesFor } from '../../journey/plan.js';
import type { ReturnFragment } from '../../journey/return-fragment.js';
import type { Draft, Stage } from '../../journey/stage-machine.js';
import * as api from './booking-api.js';
import { draftFromResume } from './booking-machine.js';
import { newBrowserBinding, takeBrowserBinding } from './browser-binding.js';
import type { BookingMessageKey } from './booking-messages.js';

/** The booking routes' error codes, as the texts `<digitale-balie>` shows for them. */
export const bookingErrors: Partial<Record<ErrorCode | 'network', BookingMessageKey>> = {
  booking_unknown: 'bookingUnknown',
  booking_cancelled: 'bookingCancelled',
  booking_not_open: 'bookingNotOpen',
  slot_unavailable: 'slotUnavailable',
  identity_required: 'loginNeeded',
  assurance_too_low: 'loginNeeded',
  calendar_unavailable: 'calendarUnavailable',
  // A product paid at booking on a server without payments, or kept in a calendar (CalDAV), which
  // cannot hold a slot while the citizen pays: a configuration the citizen cannot fix.
  payments_off: 'paymentsOff',
  identity_session_bound: 'loginNeeded',
  identity_mismatch: 'loginOtherPerson',
};

/** The levels of assurance in order (a missing or extra one is a compile error). */
const levelRank: Record<LevelOfAssurance, number> = { basis: 0, midden: 1, substantieel: 2, hoog: 3 };

/**
 * Where the identity session has done its work, or the citizen gave up: log out. A session the
 * server refused (spent on another booking, too low a level) is ended too, so starting again
 * goes through DigiD instead of into the same refusal.
 */
const logOutIfIdentified = (_: Stage, journey: Journey) => journey.session.identified && logOut(journey);

/** The booking journey's rows of the effect table: what the server must be asked when a stage begins. */
export const bookingEffects: StageEffects = {
  // The journey waited for this chunk: now it can begin.
  starting: (_, journey) => journey.dispatch({ type: 'start' }),
  resuming: (stage, journey) => resume(journey, stage.from),
  mode: async (stage, journey) => {
    const { product } = stage.draft;
    if (stage.queue || !modesFor(journey.context, product).includes('direct')) return;
    journey.dispatch({ type: 'queue-status', product, queue: await api.queueStatus(journey.apiBase, product) });
  },
  slot: async (stage, journey) => {
    const { product } = stage.draft;
    if (stage.slots || stage.nextFree) return;
    journey.dispatch({ type: 'slots-found', product, slots: await api.freeSlots(journey.apiBase, product) });
  },
  identity: (stage, journey) => (stage.provider ? goToProvider(journey, stage.provider, stage.draft) : restoreSession(journey, stage.draft.product)),
  booking: (stage, journey) => !stage.interrupted && book(journey, stage.draft),
  appointment: (stage, journey) => stage.cancelling && cancelAppointment(journey, stage.manageSecret),
  launcher: logOutIfIdentified,
  waiting: logOutIfIdentified,
  confirmation: logOutIfIdentified,
  'booking-payment': logOutIfIdentified,
  ended: logOutIfIdentified,
  error: (stage, journey) => (stage.message === 'loginNeeded' || stage.message === 'loginOtherPerson') && logOutIfIdentified(stage, journey),
};

/** A login from before a reload of the page, still live at the level needed: on without DigiD. */
async function restoreSession(journey: Journey, product: string): Promise<void> {
  if (!(await restorableLevel(journey, product))) return;
  // Not once the citizen chose a provider meanwhile: the page is on its way there.
  const now = journey.stage;
  if (now.name !== 'identity' || now.provider) return;
  journey.keepSession({ identified: true });
  journey.dispatch({ type: 'identity-restored' });
}

/** Continues after the redirect back from the provider, or opens the appointment of a manage link. */
async function resume(journey: Journey, from: ReturnFragment): Promise<void> {
  try {
    if (from.kind === 'error') return journey.dispatch({ type: 'identity-failed', problem: from.problem, ...(await keptDraft(journey, from.resumeCode)) });
    if (from.kind === 'manage') {
      const { booking } = await api.currentBooking(journey.apiBase, from.secret);
      return journey.dispatch({ type: 'appointment-loaded', booking, manageSecret: from.secret });
    }
    const binding = takeBrowserBinding();
    // This tab started no login: the return link came from elsewhere (someone else's login, sent
    // to this citizen). Exchanging it would log them in as that someone, so it is not even tried.
    if (!binding) return refuseCode(journey, 'identity_code_other_browser', 'digitale-balie: this login was not started in this browser tab; start it here');
    const { session, identity, resume } = await api.exchangeIdentityCode(journey.apiBase, { code: from.code, binding });
    // The token stays in memory only when the browser did not keep the cookie.
    journey.keepSession((await hasSessionCookie(journey)) ? { identified: true } : { identified: true, token: session });
    emit(journey.host, 'balie-identified', { provider: identity.provider, levelOfAssurance: identity.levelOfAssurance });
    journey.dispatch({ type: 'identity-returned', product: resume?.product ?? journey.productId, resume });
  } catch (error) {
    const code = error instanceof BalieApiError ? error.code : '';
    if (code.startsWith('identity_code_')) return refuseCode(journey, code, (error as Error).message);
    journey.fail(error);
  }
}

/** A one-time code that logs nobody in here: the page hears why, the citizen may log in again. */
function refuseCode(journey: Journey, code: string, message: string): void {
  emit(journey.host, 'balie-error', { code, message });
  journey.dispatch({ type: 'identity-failed', problem: 'code_invalid' });
}

/**
 * What the citizen filled in before a login that did not succeed, as the draft to go on with.
 * Best effort: without it they fill the form in again, which is no reason to stop.
 */
async function keptDraft(journey: Journey, code: string | undefined): Promise<{ draft?: Draft }> {
  if (!code) return {};
  try {
    const { resume } = await api.resumeAfterRefusal(journey.apiBase, code);
    return { draft: draftFromResume(resume.product ?? journey.productId, resume) };
  } catch (error) {
    emit(journey.host, 'balie-error', { code: error instanceof BalieApiError ? error.code : 'network', message: (error as Error).message });
    return {};
  }
}

/** Whether the browser sends a live session cookie; when the server cannot be asked, no. */
function hasSessionCookie(journey: Journey): Promise<boolean> {
  return api.citizenSession(journey.apiBase).then((answer) => answer.identified, () => false);
}

/**
 * Whether a login from before a reload of the page is still live in the cookie, at the level
 * this product needs; when the server cannot be asked, no (the citizen logs in as usual).
 */
async function restorableLevel(journey: Journey, product: string): Promise<boolean> {
  const answer = await api.citizenSession(journey.apiBase).catch(() => undefined);
  const needed = findProduct(journey.context.config, product)?.levelOfAssurance ?? 'basis';
  return !!answer?.identified && levelRank[answer.identity.levelOfAssurance] >= levelRank[needed];
}

/** Ends the identity session on the server and forgets it here; a failure only delays its end. */
async function logOut(journey: Journey): Promise<void> {
  const session = journey.session.token;
  journey.keepSession({ identified: false });
  await api.endCitizenSession(journey.apiBase, session).catch((error: Error) => console.warn(`[digitale-balie] logging out: ${error.message}`));
}

/** Books the draft (or moves the appointment it holds); a taken slot offers the next free ones. */
async function book(journey: Journey, draft: Draft): Promise<void> {
  const { slotStart, details, idempotencyKey, move } = draft;
  try {
    if (move) {
      const { booking } = await api.moveBooking(journey.apiBase, move.manageSecret, slotStart!);
      emit(journey.host, 'balie-booked', { bookingId: booking.id, product: booking.product, start: booking.start });
      return journey.dispatch({ type: 'appointment-loaded', booking, manageSecret: move.manageSecret });
    }
    const request = { product: draft.product, start: slotStart!, details: details!, consent: 'yes' as const, lang: journey.language, pageUrl: journey.pageUrl };
    const { booking, manageSecret } = await api.createBooking(journey.apiBase, request, idempotencyKey!, journey.session.token);
    emit(journey.host, 'balie-booked', { bookingId: booking.id, product: booking.product, start: booking.start });
    journey.dispatch({ type: 'booked', booking, manageSecret });
  } catch (error) {
    if (error instanceof BalieApiError && error.code === 'slot_taken') return journey.dispatch({ type: 'slot-taken', nextFree: error.body?.nextFree ?? [] });
    // Nothing was booked, or it was and the answer got lost: the same idempotency key finds out
    // on the next try, which never books twice. So the citizen keeps their details and waits.
    if (error instanceof BalieApiError && (error.code === 'network' || error.code === 'unavailable')) {
      emit(journey.host, 'balie-error', { code: error.code, message: error.message });
      return journey.dispatch({ type: 'booking-interrupted' });
    }
    throw error;
  }
}

/** Sends the whole page to the identity provider; the server keeps what was filled in meanwhile. */
async function goToProvider(journey: Journey, provider: string, draft: Draft): Promise<void> {
  const resume = { mode: draft.mode ?? 'direct', product: draft.product, slotStart: draft.slotStart, details: draft.details, idempotencyKey: draft.idempotencyKey, manageSecret: draft.join?.manageSecret, ...(draft.details ? { consent: 'yes' as const } : {}) };
  const bindingHash = await newBrowserBinding();
  const { authorizationUrl } = await api.startIdentity(journey.apiBase, { provider, product: draft.product, returnUrl: journey.pageUrl, resume, bindingHash });
  location.assign(authorizationUrl);
}

/** Cancels the appointment of the manage link, then shows it again (now cancelled). */
async function cancelAppointment(journey: Journey, manageSecret: string): Promise<void> {
  const { booking } = await api.cancelBooking(journey.apiBase, manageSecret);
  emit(journey.host, 'balie-booking-cancelled', { bookingId: booking.id, product: booking.product });
  journey.dispatch({ type: 'appointment-loaded', booking, manageSecret });
}
