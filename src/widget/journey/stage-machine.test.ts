import { expect } from '@open-wc/testing';
import type { BalieConfig, BookingView, CallGrant, OpeningHours, QueueStatusResponse, SlotsResponse } from '../../protocol/index.js';
import type { JourneyContext } from './plan.js';
import { initialStage, nextStage, type Draft, type Stage, type StageEvent } from './stage-machine.js';
import { nextJourneyStage } from '../stages/booking/booking-machine.js';

const config: BalieConfig = { municipality: { name: 'Voorbeeldstad' }, products: [{ id: 'paspoort', name: 'Paspoort' }] };
const grant: CallGrant = { url: 'ws://x', token: 't', identity: 'c-1', role: 'citizen', expiresIn: 600 };
const waiting: Stage = { name: 'waiting', secret: 's', audioOnly: false };
const call: Stage = { name: 'call', secret: 's', grant, audioOnly: false };

const cases: [string, Stage, StageEvent, Stage][] = [
  ['shows the launcher once the config is loaded', initialStage, { type: 'config-loaded', config, product: 'paspoort' }, { name: 'launcher' }],
  ['uses the first product when the page names none', initialStage, { type: 'config-loaded', config, product: null }, { name: 'launcher' }],
  ['refuses a product the config does not have', initialStage, { type: 'config-loaded', config, product: 'rijbewijs' }, { name: 'error', message: 'productUnknown' }],
  ['shows a config error when loading fails', initialStage, { type: 'config-failed' }, { name: 'config-error' }],
  ['goes from launcher to prejoin on start', { name: 'launcher' }, { type: 'start' }, { name: 'prejoin' }],
  ['goes back to the launcher when prejoin is cancelled', { name: 'prejoin' }, { type: 'cancel' }, { name: 'launcher' }],
  ['enters the waiting room with a ticket', { name: 'prejoin' }, { type: 'ticket-created', secret: 's', audioOnly: false }, waiting],
  ['starts the call when granted', waiting, { type: 'call-granted', grant }, call],
  ['ignores a grant outside the waiting room', { name: 'launcher' }, { type: 'call-granted', grant }, { name: 'launcher' }],
  ['explains an expired ticket', waiting, { type: 'ticket-ended', reason: 'expired' }, { name: 'ended', message: 'ticketExpired', reason: 'expired' }],
  ['says the employee ended the call', call, { type: 'call-ended', byMe: false }, { name: 'ended', message: 'endedByEmployee', reason: 'ended-by-employee', feedbackSecret: 's' }],
  ['thanks the citizen who hung up', call, { type: 'call-ended', byMe: true }, { name: 'ended', message: 'endedByYou', reason: 'left', feedbackSecret: 's' }],
  ['returns to the waiting room, place kept, when the call cannot be restored', call, { type: 'call-lost' }, waiting],
  ['says so when another tab took over the call', call, { type: 'call-replaced' }, { name: 'ended', message: 'replacedElsewhere', reason: 'disconnected' }],
  ['keeps a call going when the config reloads', call, { type: 'config-loading' }, call],
  ['keeps the queue place when the config reloads', waiting, { type: 'config-loading' }, waiting],
  ['asks for a ticket once the camera check is done', { name: 'prejoin', product: 'afval' }, { type: 'prejoin-done', audioOnly: true }, { name: 'prejoin', product: 'afval', joining: { audioOnly: true } }],
  ['asks for one ticket on a double click', { name: 'prejoin', joining: { audioOnly: false } }, { type: 'prejoin-done', audioOnly: true }, { name: 'prejoin', joining: { audioOnly: false } }],
  ['asks for the call once admitted', waiting, { type: 'admitted' }, { ...waiting, admitted: true }],
  ['tells the server before leaving the queue', waiting, { type: 'leave' }, { ...waiting, leaving: true }],
  ['tells the server before hanging up', call, { type: 'leave' }, { ...call, leaving: true }],
  ['says the queue was left once the server knows', { ...waiting, leaving: true }, { type: 'ticket-ended', reason: 'left' }, { name: 'ended', message: 'leftQueue', reason: 'left' }],
  ['resumes a DigiD return from the launcher', { name: 'launcher' }, { type: 'resume-started', from: { kind: 'code', code: 'c' } }, { name: 'resuming', from: { kind: 'code', code: 'c' } }],
  ['lets the citizen start again after an error', { name: 'error', message: 'networkError' }, { type: 'start' }, { name: 'prejoin' }],
];

describe('stage machine: the walking skeleton', () => {
  for (const [behaviour, from, event, to] of cases) {
    it(behaviour, () => expect(nextStage(from, event)).to.deep.equal(to));
  }
});

const hours: OpeningHours = { timeZone: 'Europe/Amsterdam', appointments: { mon: ['09:00-12:00'] }, walkIn: { tue: ['09:00-12:00'] } };
const hoursNoWalkIn: OpeningHours = { timeZone: 'Europe/Amsterdam', appointments: { mon: ['09:00-12:00'] } };
const products: BalieConfig['products'] = [
  { id: 'paspoort', name: 'Paspoort', levelOfAssurance: 'substantieel' },
  { id: 'afval', name: 'Grofvuil' },
  { id: 'verhuizen', name: 'Verhuizen', modes: ['afspraak'] },
];
const booking: BookingView = {
  id: 'b1', product: 'paspoort', productName: 'Paspoort', start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z',
  timeZone: 'Europe/Amsterdam', state: 'booked', joinOpensAt: '2026-11-24T08:20:00Z', identified: true,
};
const held: BookingView = { ...booking, state: 'awaiting-payment', payment: { description: 'Paspoort', amount: 8430, method: 'ideal', holdUntil: '2026-11-20T10:15:00Z' } };
const released: BookingView = { ...booking, state: 'cancelled', holdExpired: true };
const details = { name: 'Jan Jansen', email: 'jan@example.nl' };
const resuming: Stage = { name: 'resuming', from: { kind: 'code', code: 'c' } };

function ctx(overrides: Partial<JourneyContext> & { hours?: OpeningHours | null } = {}): JourneyContext {
  const { hours: openingHours = hours, ...rest } = overrides;
  return {
    config: { municipality: { name: 'Voorbeeldstad' }, products, ...(openingHours ? { openingHours } : {}) },
    product: 'afval',
    mode: 'beide',
    identified: false,
    ...rest,
  };
}

const afval: Draft = { product: 'afval' };
const queue: QueueStatusResponse = { product: 'afval', open: true };
const slots: SlotsResponse = { product: 'afval', timeZone: 'Europe/Amsterdam', days: [] };
const filledIn: Draft = {
  product: 'paspoort',
  mode: 'afspraak',
  slotStart: '2026-11-24T08:30:00.000Z',
  details: { name: 'Kees Jansen', email: 'kees@example.nl' },
  idempotencyKey: 'cancel-key-0123456789',
};
const picked: Draft = { product: 'afval', mode: 'afspraak', slotStart: '2026-11-24T08:30:00Z', idempotencyKey: 'key-0123456789abcdef' };
const passport: Draft = { ...picked, product: 'paspoort', details };

const journey: [string, Stage, StageEvent, JourneyContext, Stage][] = [
  ['asks for the product when the page names none', { name: 'launcher' }, { type: 'start' }, ctx({ product: null }), { name: 'product' }],
  ['asks how to reach the counter when both ways are open', { name: 'launcher' }, { type: 'start' }, ctx(), { name: 'mode', draft: afval }],
  ['goes to the slots when the page only books', { name: 'launcher' }, { type: 'start' }, ctx({ mode: 'afspraak' }), { name: 'slot', draft: { product: 'afval', mode: 'afspraak' } }],
  ['goes to the slots for a product that only books', { name: 'launcher' }, { type: 'start' }, ctx({ product: 'verhuizen' }), { name: 'slot', draft: { product: 'verhuizen', mode: 'afspraak' } }],
  ['still shows the queue hours when the page only calls now', { name: 'launcher' }, { type: 'start' }, ctx({ mode: 'direct' }), { name: 'mode', draft: afval }],
  ['goes straight to the camera check without walk-in hours', { name: 'launcher' }, { type: 'start' }, ctx({ mode: 'direct', hours: hoursNoWalkIn }), { name: 'prejoin', product: 'afval' }],
  ['says the product cannot be had when the page and product share no mode', { name: 'launcher' }, { type: 'start' }, ctx({ product: 'verhuizen', mode: 'direct' }), { name: 'error', message: 'productUnknown' }],
  ['continues from the chosen product', { name: 'product' }, { type: 'product-chosen', product: 'afval' }, ctx({ product: null }), { name: 'mode', draft: afval }],
  ['shows the slots for an appointment', { name: 'mode', draft: afval }, { type: 'mode-chosen', mode: 'afspraak' }, ctx(), { name: 'slot', draft: { product: 'afval', mode: 'afspraak' } }],
  ['goes to the camera check to call now, for the product chosen', { name: 'mode', draft: afval }, { type: 'mode-chosen', mode: 'direct' }, ctx(), { name: 'prejoin', product: afval.product }],
  ['asks for DigiD before calling now about a passport', { name: 'mode', draft: { product: 'paspoort' } }, { type: 'mode-chosen', mode: 'direct' }, ctx({ product: 'paspoort' }), { name: 'identity', draft: { product: 'paspoort', mode: 'direct' } }],
  ['asks for details after a slot', { name: 'slot', draft: { product: 'afval', mode: 'afspraak' } }, { type: 'slot-picked', start: picked.slotStart!, idempotencyKey: picked.idempotencyKey! }, ctx(), { name: 'details', draft: picked }],
  ['books after details when no login is needed', { name: 'details', draft: picked }, { type: 'details-submitted', details }, ctx(), { name: 'booking', draft: { ...picked, details } }],
  ['asks for DigiD after details for a passport', { name: 'details', draft: { ...passport, details: undefined } }, { type: 'details-submitted', details }, ctx({ product: 'paspoort' }), { name: 'identity', draft: passport }],
  ['books a passport slot once the citizen is identified', { name: 'details', draft: { ...passport, details: undefined } }, { type: 'details-submitted', details }, ctx({ product: 'paspoort', identified: true }), { name: 'booking', draft: passport }],
  ['shows the next free slots when the slot was taken', { name: 'booking', draft: passport }, { type: 'slot-taken', nextFree: [{ start: 'a', end: 'b' }] }, ctx(), { name: 'slot', draft: passport, nextFree: [{ start: 'a', end: 'b' }] }],
  ['books again at once from a next free slot, with a new key', { name: 'slot', draft: passport }, { type: 'slot-picked', start: '2026-11-24T09:00:00Z', idempotencyKey: 'key-fedcba9876543210' }, ctx({ product: 'paspoort', identified: true }), { name: 'booking', draft: { ...passport, slotStart: '2026-11-24T09:00:00Z', idempotencyKey: 'key-fedcba9876543210' } }],
  ['shows whether calling now is open', { name: 'mode', draft: afval }, { type: 'queue-status', product: 'afval', queue }, ctx(), { name: 'mode', draft: afval, queue }],
  ['ignores the queue status of a product left behind', { name: 'mode', draft: afval }, { type: 'queue-status', product: 'paspoort', queue }, ctx(), { name: 'mode', draft: afval }],
  ['shows the free slots', { name: 'slot', draft: afval }, { type: 'slots-found', product: 'afval', slots }, ctx(), { name: 'slot', draft: afval, slots }],
  ['goes to the identity provider chosen', { name: 'identity', draft: passport }, { type: 'identity-chosen', provider: 'digid' }, ctx(), { name: 'identity', draft: passport, provider: 'digid' }],
  ['cancels an appointment once', { name: 'appointment', booking, manageSecret: 'm' }, { type: 'cancel-appointment' }, ctx(), { name: 'appointment', booking, manageSecret: 'm', cancelling: true }],
  ['shows the appointment again once cancelled', { name: 'appointment', booking, manageSecret: 'm', cancelling: true }, { type: 'appointment-loaded', booking, manageSecret: 'm' }, ctx(), { name: 'appointment', booking, manageSecret: 'm' }],
  ['confirms a booking', { name: 'booking', draft: passport }, { type: 'booked', booking, manageSecret: 'm' }, ctx(), { name: 'confirmation', booking, manageSecret: 'm' }],
  // Issue 16: a product paid at booking is held while the citizen pays, and confirmed once paid.
  ['asks to pay a booking held for its payment', { name: 'booking', draft: passport }, { type: 'booked', booking: held, manageSecret: 'm' }, ctx(), { name: 'booking-payment', booking: held, manageSecret: 'm' }],
  ['confirms a held booking once paid', { name: 'booking-payment', booking: held, manageSecret: 'm' }, { type: 'booking-paid', booking }, ctx(), { name: 'confirmation', booking, manageSecret: 'm' }],
  ['shows a hold that ended unpaid on the payment stage', { name: 'resuming', from: { kind: 'manage', secret: 'm' } }, { type: 'appointment-loaded', booking: released, manageSecret: 'm' }, ctx(), { name: 'booking-payment', booking: released, manageSecret: 'm' }],
  ['ignores "paid" outside the payment stage', { name: 'launcher' }, { type: 'booking-paid', booking }, ctx(), { name: 'launcher' }],
  ['books after DigiD with what was filled in before', resuming, { type: 'identity-returned', product: 'paspoort', resume: { mode: 'afspraak', slotStart: passport.slotStart, details, consent: 'yes', idempotencyKey: passport.idempotencyKey } }, ctx({ product: 'paspoort' }), { name: 'booking', draft: passport }],
  ['goes to the camera check after DigiD for calling now', resuming, { type: 'identity-returned', product: 'paspoort', resume: { mode: 'direct' } }, ctx({ product: 'paspoort' }), { name: 'prejoin', product: 'paspoort' }],
  ['books without DigiD again when the session outlived a reload of the page', { name: 'identity', draft: passport }, { type: 'identity-restored' }, ctx({ product: 'paspoort' }), { name: 'booking', draft: passport }],
  ['calls now without DigiD again when the session outlived a reload', { name: 'identity', draft: { product: 'paspoort', mode: 'direct' } }, { type: 'identity-restored' }, ctx({ product: 'paspoort' }), { name: 'prejoin', product: 'paspoort' }],
  ['ignores a restored session outside the identity stage', { name: 'details', draft: passport }, { type: 'identity-restored' }, ctx({ product: 'paspoort' }), { name: 'details', draft: passport }],
  ['explains a cancelled DigiD login', resuming, { type: 'identity-failed', problem: 'cancelled' }, ctx(), { name: 'identity-error', problem: 'cancelled' }],
  ['keeps what was filled in when DigiD was cancelled', resuming, { type: 'identity-failed', problem: 'cancelled', draft: filledIn }, ctx(), { name: 'identity-error', problem: 'cancelled', draft: filledIn }],
  ['tries the login again with what was filled in', { name: 'identity-error', problem: 'cancelled', draft: filledIn }, { type: 'start' }, ctx(), { name: 'identity', draft: filledIn }],
  ['lets the citizen try again after a failed login', { name: 'identity-error', problem: 'provider_error' }, { type: 'start' }, ctx(), { name: 'mode', draft: afval }],
  ['opens the appointment of a manage link', resuming, { type: 'appointment-loaded', booking, manageSecret: 'm' }, ctx(), { name: 'appointment', booking, manageSecret: 'm' }],
  ['moves an appointment through the slot picker', { name: 'appointment', booking, manageSecret: 'm' }, { type: 'move' }, ctx(), { name: 'slot', draft: { product: 'paspoort', mode: 'afspraak', move: { booking, manageSecret: 'm' } } }],
  ['saves a move without asking the details again', { name: 'slot', draft: { product: 'paspoort', mode: 'afspraak', move: { booking, manageSecret: 'm' } } }, { type: 'slot-picked', start: 'x', idempotencyKey: 'k' }, ctx(), { name: 'booking', draft: { product: 'paspoort', mode: 'afspraak', move: { booking, manageSecret: 'm' }, slotStart: 'x', idempotencyKey: 'k' } }],
  ['shows the moved appointment', { name: 'booking', draft: passport }, { type: 'appointment-loaded', booking, manageSecret: 'm' }, ctx(), { name: 'appointment', booking, manageSecret: 'm' }],
  ['goes back from a move to the appointment', { name: 'slot', draft: { product: 'paspoort', move: { booking, manageSecret: 'm' } } }, { type: 'back' }, ctx(), { name: 'appointment', booking, manageSecret: 'm' }],
  ['joins the waiting room of an appointment booked without a login', { name: 'appointment', booking: { ...booking, identified: false }, manageSecret: 'm' }, { type: 'join' }, ctx(), { name: 'prejoin', joinSecret: 'm' }],
  ['asks the holder of a manage link to log in again before the waiting room of a DigiD booking', { name: 'appointment', booking, manageSecret: 'm' }, { type: 'join' }, ctx(), { name: 'identity', draft: { product: 'paspoort', mode: 'afspraak', join: { manageSecret: 'm' } } }],
  ['joins once the login is still live', { name: 'identity', draft: { product: 'paspoort', mode: 'afspraak', join: { manageSecret: 'm' } } }, { type: 'identity-restored' }, ctx(), { name: 'prejoin', joinSecret: 'm' }],
  ['joins the appointment after DigiD', resuming, { type: 'identity-returned', product: 'paspoort', resume: { mode: 'afspraak', product: 'paspoort', manageSecret: 'm'.repeat(43) } }, ctx(), { name: 'prejoin', joinSecret: 'm'.repeat(43) }],
  ['goes back from details to the slots, keeping the slot', { name: 'details', draft: picked }, { type: 'back' }, ctx(), { name: 'slot', draft: picked }],
  ['goes back from the slots to the choice of mode', { name: 'slot', draft: picked }, { type: 'back' }, ctx(), { name: 'mode', draft: afval }],
  ['ignores a booking answer outside the booking stage', { name: 'launcher' }, { type: 'booked', booking, manageSecret: 'm' }, ctx(), { name: 'launcher' }],
  ['continues a journey that waited for the booking chunk', { name: 'starting' }, { type: 'start' }, ctx(), { name: 'mode', draft: afval }],
  ['keeps the details when the server cannot be reached while booking', { name: 'booking', draft: passport }, { type: 'booking-interrupted' }, ctx(), { name: 'booking', draft: passport, interrupted: true }],
  ['tries the same booking again, same key', { name: 'booking', draft: passport, interrupted: true }, { type: 'retry' }, ctx(), { name: 'booking', draft: passport }],
  ['ignores a retry while the booking is under way', { name: 'booking', draft: passport }, { type: 'retry' }, ctx(), { name: 'booking', draft: passport }],
  ['goes back from an interrupted booking to the details, filled in', { name: 'booking', draft: passport, interrupted: true }, { type: 'back' }, ctx(), { name: 'details', draft: passport }],
  ['goes back from an interrupted move to the slots', { name: 'booking', draft: { product: 'paspoort', move: { booking, manageSecret: 'm' } }, interrupted: true }, { type: 'back' }, ctx(), { name: 'slot', draft: { product: 'paspoort', move: { booking, manageSecret: 'm' } } }],
];

/** The first script's reducer: calling now needs no booking chunk; every other journey waits for it. */
const firstScript: [string, Stage, StageEvent, JourneyContext, Stage][] = [
  ['calls now straight away without walk-in hours or a login', { name: 'launcher' }, { type: 'start' }, ctx({ mode: 'direct', hours: hoursNoWalkIn }), { name: 'prejoin' }],
  ['waits for the booking chunk when both ways are open', { name: 'launcher' }, { type: 'start' }, ctx(), { name: 'starting' }],
  ['waits for the booking chunk when the page names no product', { name: 'launcher' }, { type: 'start' }, ctx({ product: null, mode: 'direct', hours: hoursNoWalkIn }), { name: 'starting' }],
  ['waits for the booking chunk before a login', { name: 'launcher' }, { type: 'start' }, ctx({ product: 'paspoort', mode: 'direct', hours: hoursNoWalkIn }), { name: 'starting' }],
  ['leaves a booking event to the booking chunk', { name: 'mode', draft: afval }, { type: 'mode-chosen', mode: 'direct' }, ctx(), { name: 'mode', draft: afval }],
];

describe('stage machine: the first script without the booking chunk', () => {
  for (const [behaviour, from, event, context, to] of firstScript) {
    it(behaviour, () => expect(nextStage(from, event, context)).to.deep.equal(to));
  }
});

describe('stage machine: booking and identity', () => {
  for (const [behaviour, from, event, context, to] of journey) {
    it(behaviour, () => expect(nextJourneyStage(from, event, context)).to.deep.equal(to));
  }
});
