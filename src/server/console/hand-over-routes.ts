import type { FastifyPluginAsync } from 'fastify';
import type { ColleaguesResponse } from '../../protocol/index.js';
import { colleaguesRoute, handOverRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import { ApiError } from '../http/api-error.js';
import { auditActor, employeeOf } from './console-session.js';
import type { Db } from '../store/index.js';
import { findTicketById } from '../tickets/ticket-store.js';
import { explainNotLive, requireOwnCall } from '../tickets/ticket-auth.js';
import { listColleagues } from './console-store.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { ticketId } from './ticket-param.js';

const plugin = 'balie-console';

/**
 * Hand-over: an employee passes a waiting citizen to a colleague who is signed in (who speaks
 * their language, or knows the product); from then on only that colleague may admit them. The
 * employee in a call may hand the call itself over too: the right to it moves to the colleague
 * (issue 14, #1), and nobody else may.
 */
export const handOverRoutes: FastifyPluginAsync<{ db: Db; tickets: TicketService }> = async (app, options) => {
  const { db, tickets } = options;
  const route = routesFor(app, plugin);

  route(colleaguesRoute, async (request): Promise<ColleaguesResponse> => ({
    colleagues: await listColleagues(db, employeeOf(request).id),
  }));

  route(handOverRoute, async (request, reply) => {
    const who = employeeOf(request);
    const colleague = (await listColleagues(db, who.id)).find((c) => c.id === request.body.to);
    if (!colleague) {
      throw new ApiError(404, 'colleague_unknown', `${plugin}: that colleague is not signed in now`);
    }
    const id = ticketId(request.params);
    const by = { actor: auditActor(who), requestId: request.id };
    if (!(await tickets.handOver(id, colleague, who, by))) {
      const ticket = await findTicketById(db, id);
      if (ticket?.state === 'admitted') requireOwnCall(ticket, who.id, plugin);
      explainNotLive(ticket, plugin);
    }
    return reply.code(204).send();
  });
};
