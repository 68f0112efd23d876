import type {
  BookingDetails,
  BookingView,
  CallGrant,
  EndReason,
  IdentityReturnError,
  JourneyResume,
  QueueStatusResponse,
  Slot,
  SlotsResponse,
} from '../../protocol/index.js';
import type { BalieCallEndedEvent } from '../events/balie-call-ended.js';
import type { MessageKey } from '../i18n/messages.js';
import type { BookingMessageKey } from '../stages/booking/booking-messages.js';
import { callsNowStraightAway, emptyContext, type JourneyContext } from './plan.js';
import type { ReturnFragment } from './return-fragment.js';

/** What the citizen has chosen and filled in so far on the way to an appointment or the queue. */
export interface Draft {
  product: string;
  mode?: JourneyResume['mode'];
  slotStart?: string;
  details?: BookingDetails;
  /** One per booking attempt: a double click or a retry of the same attempt books once. */
  idempotencyKey?: string;
  /** Set when an existing appointment is being moved rather than a new one booked. */
  move?: { booking: BookingView; manageSecret: string };
  /** Set when the citizen logs in again to enter the waiting room of a booked appointment. */
  join?: { manageSecret: string };
}

/** The text of an outcome: the launcher's, or one of the booking journey's (in the booking chunk). */
export type OutcomeKey = MessageKey | BookingMessageKey;

/** Why the citizen came back without an identity: the provider's reasons, or a spent code. */
export type IdentityProblem = IdentityReturnError | 'code_invalid';

/** How a wait or call ended, as `balie-call-ended` tells the page. */
export type CallEndReason = BalieCallEndedEvent['detail']['reason'];

/**
 * The citizen's journey as a plain reducer: testable without a DOM, and the only place that
 * decides which stage comes next. This file holds the stages of the first script (launcher, call
 * now, waiting, call, outcomes); the booking stages' transitions are `nextJourneyStage` in
 * `stages/booking/booking-machine.ts`, in the booking chunk, which falls back to this one.
 *
 * A request to the server is part of a stage (`booking`, `identity` with its `provider`, `waiting`
 * once `admitted`): the journey controller makes it on entering that stage, and what the server
 * answered comes back as an event (`queue-status`, `slots-found`) that the stage then shows.
 */
export type Stage =
  | { name: 'loading' }
  | { name: 'config-error' }
  | { name: 'launcher' }
  | { name: 'product' }
  /** `queue`: whether calling now is open, once the server said so. */
  | { name: 'mode'; draft: Draft; queue?: QueueStatusResponse }
  /** `slots`: the free times, once the server said; `nextFree` when the chosen slot was taken meanwhile. */
  | { name: 'slot'; draft: Draft; slots?: SlotsResponse; nextFree?: Slot[] }
  | { name: 'details'; draft: Draft }
  /** `provider`: chosen; the page is on its way to it. */
  | { name: 'identity'; draft: Draft; provider?: string }
  /**
   * Booking (or moving) is under way at the server. `interrupted`: the server could not be
   * reached; the same attempt is tried again, nothing filled in is lost.
   */
  | { name: 'booking'; draft: Draft; interrupted?: boolean }
  | { name: 'confirmation'; booking: BookingView; manageSecret: string }
  /** A product paid at booking: the booking holds its slot while the citizen pays (issue 16). */
  | { name: 'booking-payment'; booking: BookingView; manageSecret: string }
  /** The appointment opened from the manage link (also after cancelling or moving it); `cancelling` while the server cancels it. */
  | { name: 'appointment'; booking: BookingView; manageSecret: string; cancelling?: boolean }
  /** Exchanging the DigiD return code or loading the appointment of a manage link. */
  | { name: 'resuming'; from: ReturnFragment }
  /** The citizen started a journey that needs the booking chunk, which is on its way. */
  | { name: 'starting' }
  /** `draft`: what was filled in before the failed login, handed back by the server. */
  | { name: 'identity-error'; problem: IdentityProblem; draft?: Draft }
  /** `joinSecret`: entering the waiting room for a booked appointment (its manage secret). */
  /** `product`: the one chosen in the journey, when it differs from the element's own. */
  /** `joining`: the check is done and the ticket is being asked for. */
  | { name: 'prejoin'; joinSecret?: string; product?: string; joining?: { audioOnly: boolean } }
  /** `admitted`: the call's token is being asked for; `leaving`: the server is being told. */
  | { name: 'waiting'; secret: string; audioOnly: boolean; admitted?: boolean; leaving?: boolean }
  | { name: 'call'; secret: string; grant: CallGrant; audioOnly: boolean; leaving?: boolean }
  /** `feedbackSecret` is set after a call: the citizen is asked how it was. */
  | { name: 'ended'; message: MessageKey; reason: CallEndReason; feedbackSecret?: string }
  | { name: 'error'; message: OutcomeKey };

export type StageEvent =
  | { type: 'config-loading' }
  | { type: 'config-loaded'; config: JourneyContext['config']; product: string | null }
  | { type: 'config-failed' }
  | { type: 'start' }
  | { type: 'cancel' }
  /** One step back in the booking stages. */
  | { type: 'back' }
  | { type: 'product-chosen'; product: string }
  | { type: 'mode-chosen'; mode: JourneyResume['mode'] }
  | { type: 'queue-status'; product: string; queue: QueueStatusResponse }
  | { type: 'slots-found'; product: string; slots: SlotsResponse }
  | { type: 'slot-picked'; start: string; idempotencyKey: string }
  | { type: 'details-submitted'; details: BookingDetails }
  | { type: 'identity-chosen'; provider: string }
  /** A DigiD return or a manage link in the page's URL. */
  | { type: 'resume-started'; from: ReturnFragment }
  | { type: 'identity-returned'; product: string; resume?: JourneyResume }
  | { type: 'identity-failed'; problem: IdentityProblem; draft?: Draft }
  /** At the identity stage: the citizen still has a live session from before a reload. */
  | { type: 'identity-restored' }
  | { type: 'booked'; booking: BookingView; manageSecret: string }
  | { type: 'slot-taken'; nextFree: Slot[] }
  /** The balie server (or its database) could not be reached while booking. */
  | { type: 'booking-interrupted' }
  /** Try the interrupted booking again. */
  | { type: 'retry' }
  | { type: 'appointment-loaded'; booking: BookingView; manageSecret: string }
  /** The held booking was paid: it is booked now. */
  | { type: 'booking-paid'; booking: BookingView }
  | { type: 'move' }
  | { type: 'cancel-appointment' }
  | { type: 'join' }
  | { type: 'prejoin-done'; audioOnly: boolean }
  | { type: 'ticket-created'; secret: string; audioOnly: boolean }
  | { type: 'admitted' }
  /** The citizen leaves the queue or hangs up. */
  | { type: 'leave' }
  | { type: 'call-granted'; grant: CallGrant }
  | { type: 'ticket-ended'; reason: EndReason }
  | { type: 'call-ended'; byMe: boolean }
  /** The call could not be restored after a network drop: back to the queue, place kept. */
  | { type: 'call-lost' }
  /** The same citizen joined from another tab or device, which took over. */
  | { type: 'call-replaced' }
  | { type: 'failed'; message: OutcomeKey };

const endMessages: Record<EndReason, MessageKey> = {
  left: 'leftQueue',
  'ended-by-employee': 'endedByEmployee',
  expired: 'ticketExpired',
};

export const initialStage: Stage = { name: 'loading' };

/** Stages from which the citizen may begin a new journey. */
export const restartable = new Set<Stage['name']>(['launcher', 'starting', 'ended', 'error', 'identity-error', 'confirmation', 'appointment', 'booking-payment']);

/**
 * Returns the next stage of the first script's part of the journey; events that make no sense in
 * the current stage leave it unchanged. `start` goes straight to prejoin when calling now is the
 * only way and needs no login; any other journey waits in `starting` for the booking chunk.
 */
export function nextStage(stage: Stage, event: StageEvent, context: JourneyContext = emptyContext): Stage {
  switch (event.type) {
    case 'config-loading':
      // A config change mid-call must not drop the citizen out of the call or the queue.
      return stage.name === 'waiting' || stage.name === 'call' ? stage : { name: 'loading' };
    case 'config-loaded':
      if (stage.name !== 'loading') return stage;
      if (event.product && !event.config?.products.some((p) => p.id === event.product)) {
        return { name: 'error', message: 'productUnknown' };
      }
      return { name: 'launcher' };
    case 'config-failed':
      return stage.name === 'loading' ? { name: 'config-error' } : stage;
    case 'start':
      if (!restartable.has(stage.name)) return stage;
      return callsNowStraightAway(context) ? { name: 'prejoin' } : { name: 'starting' };
    case 'resume-started':
      return stage.name === 'loading' || stage.name === 'launcher' ? { name: 'resuming', from: event.from } : stage;
    case 'cancel':
      return stage.name === 'prejoin' ? { name: 'launcher' } : stage;
    case 'prejoin-done':
      return stage.name === 'prejoin' && !stage.joining ? { ...stage, joining: { audioOnly: event.audioOnly } } : stage;
    case 'ticket-created':
      return stage.name === 'prejoin'
        ? { name: 'waiting', secret: event.secret, audioOnly: event.audioOnly }
        : stage;
    case 'admitted':
      return stage.name === 'waiting' && !stage.admitted ? { ...stage, admitted: true } : stage;
    case 'leave':
      return (stage.name === 'waiting' || stage.name === 'call') && !stage.leaving ? { ...stage, leaving: true } : stage;
    case 'call-granted':
      return stage.name === 'waiting'
        ? { name: 'call', secret: stage.secret, grant: event.grant, audioOnly: stage.audioOnly }
        : stage;
    case 'ticket-ended':
      if (stage.name === 'call') return { name: 'ended', message: endMessages[event.reason], reason: event.reason, feedbackSecret: stage.secret };
      return stage.name === 'waiting' ? { name: 'ended', message: endMessages[event.reason], reason: event.reason } : stage;
    case 'call-ended':
      return stage.name === 'call'
        ? { name: 'ended', message: event.byMe ? 'endedByYou' : 'endedByEmployee', reason: event.byMe ? 'left' : 'ended-by-employee', feedbackSecret: stage.secret }
        : stage;
    case 'call-lost':
      return stage.name === 'call' ? { name: 'waiting', secret: stage.secret, audioOnly: stage.audioOnly } : stage;
    case 'call-replaced':
      return stage.name === 'call' ? { name: 'ended', message: 'replacedElsewhere', reason: 'disconnected' } : stage;
    case 'failed':
      return { name: 'error', message: event.message };
    default:
      // A booking event: only the booking chunk's `nextJourneyStage` knows it.
      return stage;
  }
}
