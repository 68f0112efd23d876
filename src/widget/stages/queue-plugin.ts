import { callRoute } from '../../protocol/client.js';
import { joinBookingRoute } from '../../protocol/routes/bookings.js';
import { createTicketRoute, leaveTicketRoute, ticketCallTokenRoute } from '../../protocol/routes/tickets.js';
import { bearer } from '../api-client.js';
import { emit } from '../events/emit.js';
import type { Journey, JourneyPlugin, StageEffects } from '../journey/journey-plugin.js';
import type { Stage } from '../journey/stage-machine.js';
import { renderCallStage } from './call-stage.js';

const preloadCall = () => import('../../call/balie-call.js');

/**
 * Asks for a place in the queue once the camera check is done: a booked appointment enters with
 * its manage secret; calling now with the identity session, if any (its cookie goes along too).
 */
async function createTicket(journey: Journey, stage: Extract<Stage, { name: 'prejoin' }>, audioOnly: boolean): Promise<void> {
  const { joinSecret, product = journey.productId } = stage;
  const { token } = journey.session;
  const auth = joinSecret ?? token;
  const headers = auth ? bearer(auth) : {};
  // Joining a booking: the manage secret is the bearer, so a login asked again (issue 14, #2)
  // travels as its cookie, or in the body where the browser kept none.
  const { secret } = joinSecret
    ? await callRoute(journey.apiBase, joinBookingRoute, { body: { audioOnly, ...(token ? { identitySession: token } : {}) }, headers })
    : await callRoute(journey.apiBase, createTicketRoute, { body: { product, audioOnly, lang: journey.language }, headers });
  journey.dispatch({ type: 'ticket-created', secret, audioOnly });
}

/** Admitted: the call's token, and the call's chunk alongside it. */
async function joinCall(journey: Journey, secret: string): Promise<void> {
  const callChunk = preloadCall();
  const { call } = await callRoute(journey.apiBase, ticketCallTokenRoute, { headers: bearer(secret) });
  await callChunk;
  journey.dispatch({ type: 'call-granted', grant: call });
}

/** The citizen leaves the queue or hangs up: tell the server first, so the employee sees it. */
async function leave(journey: Journey, stage: Extract<Stage, { name: 'waiting' | 'call' }>): Promise<void> {
  try {
    await callRoute(journey.apiBase, leaveTicketRoute, { headers: bearer(stage.secret) });
  } catch (error) {
    // The citizen still leaves; the server's sweep ends the ticket if this request was lost.
    console.warn(`[digitale-balie] leaving: ${(error as Error).message}`);
  }
  journey.dispatch(stage.name === 'waiting' ? { type: 'ticket-ended', reason: 'left' } : { type: 'call-ended', byMe: true });
}

/** The queue's rows of the effect table: camera check, waiting room, call and its end. */
export const queueEffects: StageEffects = {
  prejoin: (stage, journey) => stage.joining && createTicket(journey, stage, stage.joining.audioOnly),
  waiting: (stage, journey) => {
    if (stage.leaving) return leave(journey, stage);
    if (stage.admitted) return joinCall(journey, stage.secret);
    // Fetch the call while the citizen waits, so admission goes straight to joining.
    preloadCall().catch((error: Error) => console.warn(`[digitale-balie] preloading the call: ${error.message}`));
  },
  call: (stage, journey) => (stage.leaving ? leave(journey, stage) : emit(journey.host, 'balie-call-started', {})),
  ended: (stage, journey) => emit(journey.host, 'balie-call-ended', { reason: stage.reason }),
};

/**
 * The stages chunk as a part of the journey: its effects, and the call stage's rendering. Its
 * other elements (camera check, waiting room) render in `<digitale-balie>` itself.
 */
export const queuePlugin: JourneyPlugin = {
  effects: queueEffects,
  render: (stage, journey) => (stage.name === 'call' ? renderCallStage(stage, journey) : undefined),
};
