import type { BookingView, JourneyResume } from '../../../protocol/index.js';
import { emptyContext, modesFor, needsIdentity, offersModeStage, type JourneyContext } from '../../journey/plan.js';
import { nextStage, restartable, type Draft, type Stage, type StageEvent } from '../../journey/stage-machine.js';

/**
 * The whole journey's reducer, in the booking chunk: product, mode, slot, details, identity,
 * booking, confirmation, appointment and the DigiD return; every other event goes to the first
 * script's `nextStage`. Events that make no sense in the current stage leave it unchanged.
 */
export function nextJourneyStage(stage: Stage, event: StageEvent, context: JourneyContext = emptyContext): Stage {
  switch (event.type) {
    case 'start':
      if (!restartable.has(stage.name)) return stage;
      // Trying the login again keeps what was filled in before it.
      if (stage.name === 'identity-error' && stage.draft) return { name: 'identity', draft: stage.draft };
      if (!context.product && (context.config?.products.length ?? 0) > 1) return { name: 'product' };
      return afterProduct(context.product ?? context.config?.products[0]?.id ?? '', context);
    case 'product-chosen':
      return stage.name === 'product' ? afterProduct(event.product, context) : stage;
    case 'queue-status':
      return stage.name === 'mode' && stage.draft.product === event.product ? { ...stage, queue: event.queue } : stage;
    case 'slots-found':
      return stage.name === 'slot' && stage.draft.product === event.product ? { ...stage, slots: event.slots } : stage;
    case 'mode-chosen':
      return stage.name === 'mode' ? afterMode({ ...stage.draft, mode: event.mode }, context) : stage;
    case 'slot-picked':
      return stage.name === 'slot' ? afterSlot({ ...stage.draft, slotStart: event.start, idempotencyKey: event.idempotencyKey }, context) : stage;
    case 'details-submitted':
      if (stage.name !== 'details') return stage;
      return toBooking({ ...stage.draft, details: event.details }, context);
    case 'identity-chosen':
      return stage.name === 'identity' && !stage.provider ? { ...stage, provider: event.provider } : stage;
    case 'identity-returned':
      return stage.name === 'resuming' ? afterIdentity(event.product, event.resume, context) : stage;
    case 'identity-restored':
      return stage.name === 'identity' ? afterLogin(stage.draft, context) : stage;
    case 'identity-failed':
      if (stage.name !== 'resuming') return stage;
      return event.draft ? { name: 'identity-error', problem: event.problem, draft: event.draft } : { name: 'identity-error', problem: event.problem };
    case 'booked':
      if (stage.name !== 'booking') return stage;
      return { name: paysFirst(event.booking) ? 'booking-payment' : 'confirmation', booking: event.booking, manageSecret: event.manageSecret };
    case 'booking-paid':
      return stage.name === 'booking-payment' ? { name: 'confirmation', booking: event.booking, manageSecret: stage.manageSecret } : stage;
    case 'slot-taken':
      return stage.name === 'booking' ? { name: 'slot', draft: stage.draft, nextFree: event.nextFree } : stage;
    case 'booking-interrupted':
      return stage.name === 'booking' ? { name: 'booking', draft: stage.draft, interrupted: true } : stage;
    case 'retry':
      return stage.name === 'booking' && stage.interrupted ? { name: 'booking', draft: stage.draft } : stage;
    case 'appointment-loaded':
      return stage.name === 'resuming' || stage.name === 'booking' || stage.name === 'appointment' || stage.name === 'confirmation'
        ? { name: paysFirst(event.booking) ? 'booking-payment' : 'appointment', booking: event.booking, manageSecret: event.manageSecret }
        : stage;
    case 'move':
      if (stage.name !== 'appointment' && stage.name !== 'confirmation') return stage;
      return {
        name: 'slot',
        draft: { product: stage.booking.product, mode: 'afspraak', move: { booking: stage.booking, manageSecret: stage.manageSecret } },
      };
    case 'cancel-appointment':
      return stage.name === 'appointment' && !stage.cancelling ? { ...stage, cancelling: true } : stage;
    case 'join':
      if (stage.name !== 'appointment' && stage.name !== 'confirmation') return stage;
      // The manage link is no login (issue 14, #2): an appointment booked with DigiD, for a
      // product that needs it, is entered after logging in again as the same person.
      return stage.booking.identified && needsIdentity(context, stage.booking.product)
        ? { name: 'identity', draft: { product: stage.booking.product, mode: 'afspraak', join: { manageSecret: stage.manageSecret } } }
        : { name: 'prejoin', joinSecret: stage.manageSecret };
    case 'back':
      return back(stage, context);
    default:
      return nextStage(stage, event, context);
  }
}

/** A booking held for its payment, or let go because it was not paid in time: the payment stage says which. */
function paysFirst(booking: BookingView): boolean {
  return booking.state === 'awaiting-payment' || !!booking.holdExpired;
}

/** Mode choice when there is one to make (or the queue's hours to show); else straight on. */
function afterProduct(product: string, context: JourneyContext): Stage {
  const modes = modesFor(context, product);
  if (modes.length === 0) return { name: 'error', message: 'productUnknown' };
  return offersModeStage(modes, context) ? { name: 'mode', draft: { product } } : afterMode({ product, mode: modes[0] }, context);
}

function afterMode(draft: Draft, context: JourneyContext): Stage {
  if (draft.mode === 'afspraak') return { name: 'slot', draft };
  return needsIdentity(context, draft.product) ? { name: 'identity', draft } : { name: 'prejoin', product: draft.product };
}

/** After a slot: the details, unless they were given already (a taken slot, a move). */
function afterSlot(draft: Draft, context: JourneyContext): Stage {
  if (draft.move) return { name: 'booking', draft };
  return draft.details ? toBooking(draft, context) : { name: 'details', draft };
}

function toBooking(draft: Draft, context: JourneyContext): Stage {
  return needsIdentity(context, draft.product) ? { name: 'identity', draft } : { name: 'booking', draft };
}

/** On from the identity stage once logged in: the booking, or calling now. */
function afterLogin(draft: Draft, context: JourneyContext): Stage {
  if (draft.join) return { name: 'prejoin', joinSecret: draft.join.manageSecret };
  const identified = { ...context, identified: true };
  return draft.mode === 'afspraak' ? toBooking(draft, identified) : afterMode(draft, identified);
}

/** Continues where the citizen was before the identity provider, from the server's `resume`. */
function afterIdentity(product: string, resume: JourneyResume | undefined, context: JourneyContext): Stage {
  const identified = { ...context, identified: true };
  if (!resume) return afterProduct(product, identified);
  if (resume.manageSecret) return { name: 'prejoin', joinSecret: resume.manageSecret };
  if (resume.mode === 'direct') return { name: 'prejoin', product };
  const draft = draftFromResume(product, resume);
  return resume.slotStart && resume.details && resume.idempotencyKey ? { name: 'booking', draft } : { name: 'slot', draft };
}

/** The journey as it was before the identity provider, from the server's `resume`. */
export function draftFromResume(product: string, resume: JourneyResume): Draft {
  if (resume.mode === 'direct') return { product, mode: 'direct' };
  const join = resume.manageSecret ? { join: { manageSecret: resume.manageSecret } } : {};
  return { product, mode: 'afspraak', slotStart: resume.slotStart, details: resume.details, idempotencyKey: resume.idempotencyKey, ...join };
}

function back(stage: Stage, context: JourneyContext): Stage {
  switch (stage.name) {
    case 'product':
      return { name: 'launcher' };
    case 'mode':
      return context.product || (context.config?.products.length ?? 0) <= 1 ? { name: 'launcher' } : { name: 'product' };
    case 'slot':
      if (stage.draft.move) return { name: 'appointment', ...stage.draft.move };
      return offersModeStage(modesFor(context, stage.draft.product), context)
        ? { name: 'mode', draft: { product: stage.draft.product } }
        : { name: 'launcher' };
    case 'details':
      return { name: 'slot', draft: stage.draft };
    case 'booking':
      // Only while interrupted; a move goes back to its slots, a new booking to its details.
      if (!stage.interrupted) return stage;
      return stage.draft.move ? { name: 'slot', draft: stage.draft } : { name: 'details', draft: stage.draft };
    case 'identity':
      return stage.draft.mode === 'afspraak' ? { name: 'details', draft: stage.draft } : { name: 'mode', draft: { product: stage.draft.product } };
    default:
      return stage;
  }
}
