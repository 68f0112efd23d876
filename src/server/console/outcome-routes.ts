import type { FastifyPluginAsync } from 'fastify';
import {
  defaultOutcomes,
  type BalieConfig,
  type TicketOutcomeView,
} from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf } from './console-session.js';
import { saveTicketOutcomeRoute, ticketOutcomeRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { findTicketById } from '../tickets/ticket-store.js';
import { findOutcome, saveOutcome, type OutcomeRecord } from './console-store.js';
import { ticketId } from './ticket-param.js';

const plugin = 'balie-console';

/** Options of {@link outcomeRoutes}. */
export interface OutcomeRoutesOptions {
  db: Db;
  config: BalieConfig;
}

/**
 * A ticket's note and outcome code. The code must be one of the config's `outcomes`; whether it
 * counts as first-time-right is fixed when it is saved, so later config changes do not rewrite
 * past figures. Every save is audited (`note.changed`), without the note's text.
 */
export const outcomeRoutes: FastifyPluginAsync<OutcomeRoutesOptions> = async (app, options) => {
  const { db } = options;
  const outcomes = options.config.outcomes ?? defaultOutcomes;
  const route = routesFor(app, plugin);

  route(
    ticketOutcomeRoute,
    async (request): Promise<TicketOutcomeView> => {
      const id = await requireTicket(db, ticketId(request.params));
      const saved = await findOutcome(db, id);
      return saved ? toView(saved) : {};
    },
  );

  route(
    saveTicketOutcomeRoute,
    async (request): Promise<TicketOutcomeView> => {
      const { outcome, note } = request.body;
      const code = outcome === undefined ? undefined : outcomes.find((o) => o.id === outcome);
      if (outcome !== undefined && !code) {
        const known = outcomes.map((o) => o.id).join(', ');
        throw new ApiError(
          400,
          'outcome_unknown',
          `${plugin}: no outcome "${outcome.slice(0, 64)}" in the config (known: ${known})`,
        );
      }
      const id = await requireTicket(db, ticketId(request.params));
      const who = employeeOf(request);
      const saved = await saveOutcome(db, id, {
        ...(code ? { outcome: code.id, firstTimeRight: code.firstTimeRight } : {}),
        ...(note !== undefined ? { note } : {}),
        updatedBy: auditActor(who),
      });
      await recordAudit(db, {
        actor: auditActor(who),
        action: 'note.changed',
        subject: `ticket:${id}`,
        requestId: request.id,
      });
      return toView(saved);
    },
  );
};

async function requireTicket(db: Db, id: string): Promise<string> {
  if (!(await findTicketById(db, id))) {
    throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
  }
  return id;
}

function toView(saved: OutcomeRecord): TicketOutcomeView {
  return {
    ...(saved.outcome ? { outcome: saved.outcome } : {}),
    ...(saved.note ? { note: saved.note } : {}),
    updatedAt: saved.updatedAt.toISOString(),
  };
}
