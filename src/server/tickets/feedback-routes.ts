import type { FastifyPluginAsync } from 'fastify';
import { ticketFeedbackRoute } from '../../protocol/routes/tickets.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { saveFeedback } from './feedback-store.js';
import { authenticateTicket } from './ticket-auth.js';

const plugin = 'balie-feedback';

/**
 * The one question after a call. Authorised by the same ticket secret as the call, also after the
 * ticket has ended — that is when the question is asked.
 */
export const feedbackRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const route = routesFor(app, plugin);
  route(ticketFeedbackRoute, async function giveFeedback(request, reply) {
    const ticket = await authenticateTicket(db, request);
    const outcome = await saveFeedback(db, ticket.id, request.body);
    if (outcome === 'already-given') throw new ApiError(409, 'feedback_given', `${plugin}: feedback for this call was already given`);
    if (outcome === 'no-call') throw new ApiError(409, 'not_admitted', `${plugin}: this ticket never reached a call`);
    if (outcome === 'too-late') throw new ApiError(410, 'ticket_ended', `${plugin}: the call ended more than a day ago`);
    return reply.code(204).send();
  });
};
