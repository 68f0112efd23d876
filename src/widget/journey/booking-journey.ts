import type { ErrorCode, LevelOfAssurance, QueueStatusResponse, SlotsResponse } from '../../protocol/index.js';
import { BalieApiError } from '../api-client.js';
import { emit } from '../events/emit.js';
import type { TextOverrides } from '../i18n/localize.js';
import type { Lang } from '../i18n/messages.js';
import type { Draft, OutcomeKey, Stage, StageEvent } from '../stage-machine.js';
import type { BookingMessageKey } from '../stages/booking/booking-messages.js';
import * as api from './booking-api.js';
import { draftFromResume } from './journey-machine.js';
import { findProduct, modesFor, type JourneyContext } from './plan.js';
import type { ReturnFragment } from './return-fragment.js';

/**
 * What the booking journey needs from `<digitale-balie>`: its state, and the two ways it moves on.
 * The element keeps the state; this chunk makes the calls. The identity session lives in a
 * partitioned HttpOnly cookie the widget cannot read; `identitySession` holds it in memory only
 * where the browser kept no such cookie.
 */
export interface JourneyHost extends HTMLElement {
  readonly context: JourneyContext;
  readonly apiBase: URL;
  readonly language: Lang;
  readonly texts: TextOverrides;
  /** The page to come back to after the identity provider (`return-url`, else this page). */
  readonly pageUrl: string;
  readonly productId: string;
  /** Logged in: the session is in the cookie, or in {@link identitySession}. */
  identified: boolean;
  identitySession?: string;
  queue?: QueueStatusResponse;
  slots?: SlotsResponse;
  /** The page is on its way to the identity provider. */
  leaving: boolean;
  t(key: OutcomeKey): string;
  dispatch(event: StageEvent): void;
  fail(error: unknown): void;
}

/** The booking routes' error codes, as the texts `<digitale-balie>` shows for them. */
export const bookingErrors: Partial<Record<ErrorCode | 'network', BookingMessageKey>> = {
  booking_unknown: 'bookingUnknown',
  booking_cancelled: 'bookingCancelled',
  booking_not_open: 'bookingNotOpen',
  slot_unavailable: 'slotUnavailable',
  identity_required: 'loginNeeded',
  assurance_too_low: 'loginNeeded',
  calendar_unavailable: 'calendarUnavailable',
  identity_session_bound: 'loginNeeded',
};

/** Stages where the identity session has done its work, or the citizen gave up: log out. */
const sessionDone = new Set<Stage['name']>(['launcher', 'waiting', 'confirmation', 'ended']);

/** The levels of assurance in order (a missing or extra one is a compile error). */
const levelRank: Record<LevelOfAssurance, number> = { basis: 0, midden: 1, substantieel: 2, hoog: 3 };

/** What the server must be asked when a booking stage begins: queue status, free slots, the booking. */
export async function enterBookingStage(host: JourneyHost, stage: Stage): Promise<void> {
  // A session the server refused (spent on another booking, too low a level) is ended too, so
  // starting again goes through DigiD instead of into the same refusal.
  const refused = stage.name === 'error' && stage.message === 'loginNeeded';
  if (host.identified && (sessionDone.has(stage.name) || refused)) return logOut(host);
  try {
    if (stage.name === 'identity') {
      if ((await restorableLevel(host, stage.draft.product)) && !host.leaving) {
        host.identified = true;
        host.dispatch({ type: 'identity-restored' });
      }
    } else if (stage.name === 'mode') {
      host.queue = undefined;
      if (modesFor(host.context, stage.draft.product).includes('direct')) host.queue = await api.queueStatus(host.apiBase, stage.draft.product);
    } else if (stage.name === 'slot' && !stage.nextFree) {
      host.slots = undefined;
      host.slots = await api.freeSlots(host.apiBase, stage.draft.product);
    } else if (stage.name === 'booking' && !stage.interrupted) {
      await book(host, stage.draft);
    }
  } catch (error) {
    host.fail(error);
  }
}

/** Continues after the redirect back from the provider, or opens the appointment of a manage link. */
export async function resume(host: JourneyHost, from: ReturnFragment): Promise<void> {
  try {
    if (from.kind === 'error') return host.dispatch({ type: 'identity-failed', problem: from.problem, ...(await keptDraft(host, from.resumeCode)) });
    if (from.kind === 'manage') {
      const { booking } = await api.currentBooking(host.apiBase, from.secret);
      return host.dispatch({ type: 'appointment-loaded', booking, manageSecret: from.secret });
    }
    const { session, identity, resume } = await api.exchangeIdentityCode(host.apiBase, from.code);
    host.identified = true;
    // The token stays in memory only when the browser did not keep the cookie.
    host.identitySession = (await hasSessionCookie(host)) ? undefined : session;
    emit(host, 'balie-identified', { provider: identity.provider, levelOfAssurance: identity.levelOfAssurance });
    host.dispatch({ type: 'identity-returned', product: resume?.product ?? host.productId, resume });
  } catch (error) {
    const code = error instanceof BalieApiError ? error.code : '';
    if (code.startsWith('identity_code_')) {
      emit(host, 'balie-error', { code, message: (error as Error).message });
      return host.dispatch({ type: 'identity-failed', problem: 'code_invalid' });
    }
    host.fail(error);
  }
}

/**
 * What the citizen filled in before a login that did not succeed, as the draft to go on with.
 * Best effort: without it they fill the form in again, which is no reason to stop.
 */
async function keptDraft(host: JourneyHost, code: string | undefined): Promise<{ draft?: Draft }> {
  if (!code) return {};
  try {
    const { resume } = await api.resumeAfterRefusal(host.apiBase, code);
    return { draft: draftFromResume(resume.product ?? host.productId, resume) };
  } catch (error) {
    emit(host, 'balie-error', { code: error instanceof BalieApiError ? error.code : 'network', message: (error as Error).message });
    return {};
  }
}

/** Whether the browser sends a live session cookie; when the server cannot be asked, no. */
function hasSessionCookie(host: JourneyHost): Promise<boolean> {
  return api.citizenSession(host.apiBase).then((answer) => answer.identified, () => false);
}

/**
 * Whether a login from before a reload of the page is still live in the cookie, at the level
 * this product needs; when the server cannot be asked, no (the citizen logs in as usual).
 */
async function restorableLevel(host: JourneyHost, product: string): Promise<boolean> {
  const answer = await api.citizenSession(host.apiBase).catch(() => undefined);
  const needed = findProduct(host.context.config, product)?.levelOfAssurance ?? 'basis';
  return !!answer?.identified && levelRank[answer.identity.levelOfAssurance] >= levelRank[needed];
}

/** Ends the identity session on the server and forgets it here; a failure only delays its end. */
async function logOut(host: JourneyHost): Promise<void> {
  const session = host.identitySession;
  host.identified = false;
  host.identitySession = undefined;
  await api.endCitizenSession(host.apiBase, session).catch((error: Error) => console.warn(`[digitale-balie] logging out: ${error.message}`));
}

/** Books the draft (or moves the appointment it holds); a taken slot offers the next free ones. */
async function book(host: JourneyHost, draft: Draft): Promise<void> {
  const { slotStart, details, idempotencyKey, move } = draft;
  try {
    if (move) {
      const { booking } = await api.moveBooking(host.apiBase, move.manageSecret, slotStart!);
      emit(host, 'balie-booked', { bookingId: booking.id, product: booking.product, start: booking.start });
      return host.dispatch({ type: 'appointment-loaded', booking, manageSecret: move.manageSecret });
    }
    const request = { product: draft.product, start: slotStart!, details: details!, consent: 'yes' as const, lang: host.language, pageUrl: host.pageUrl };
    const { booking, manageSecret } = await api.createBooking(host.apiBase, request, idempotencyKey!, host.identitySession);
    emit(host, 'balie-booked', { bookingId: booking.id, product: booking.product, start: booking.start });
    host.dispatch({ type: 'booked', booking, manageSecret });
  } catch (error) {
    if (error instanceof BalieApiError && error.code === 'slot_taken') return host.dispatch({ type: 'slot-taken', nextFree: error.body?.nextFree ?? [] });
    // Nothing was booked, or it was and the answer got lost: the same idempotency key finds out
    // on the next try, which never books twice. So the citizen keeps their details and waits.
    if (error instanceof BalieApiError && (error.code === 'network' || error.code === 'unavailable')) {
      emit(host, 'balie-error', { code: error.code, message: error.message });
      return host.dispatch({ type: 'booking-interrupted' });
    }
    throw error;
  }
}

/** Sends the whole page to the identity provider; the server keeps what was filled in meanwhile. */
export async function chooseIdentity(host: JourneyHost, provider: string, draft: Draft): Promise<void> {
  host.leaving = true;
  try {
    const resume = { mode: draft.mode ?? 'direct', product: draft.product, slotStart: draft.slotStart, details: draft.details, idempotencyKey: draft.idempotencyKey, ...(draft.details ? { consent: 'yes' as const } : {}) };
    const { authorizationUrl } = await api.startIdentity(host.apiBase, provider, draft.product, host.pageUrl, resume);
    location.assign(authorizationUrl);
  } catch (error) {
    host.leaving = false;
    host.fail(error);
  }
}

/** Cancels the appointment of the manage link, then shows it again (now cancelled). */
export async function cancelAppointment(host: JourneyHost, manageSecret: string): Promise<void> {
  try {
    const { booking } = await api.cancelBooking(host.apiBase, manageSecret);
    emit(host, 'balie-booking-cancelled', { bookingId: booking.id, product: booking.product });
    host.dispatch({ type: 'appointment-loaded', booking, manageSecret });
  } catch (error) {
    host.fail(error);
  }
}

/** A slot was picked: a new booking attempt, with its own idempotency key. */
export function pickSlot(host: JourneyHost, start: string): void {
  host.dispatch({ type: 'slot-picked', start, idempotencyKey: api.newIdempotencyKey() });
}
