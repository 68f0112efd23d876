import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  formatIssues,
  parse,
  revealNationalNumberRequestSchema,
  type RevealNationalNumberResponse,
  type TicketIdentityView,
} from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf, requireEmployee } from './console-session.js';
import type { Db } from '../store/index.js';
import { findTicketIdentity, type TicketIdentity } from './console-store.js';
import { ticketId, type TicketParams } from './ticket-param.js';

const plugin = 'balie-console';

/** `*****3653`: the last four characters, the rest hidden. */
export function maskNationalNumber(value: string): string {
  return `*****${value.slice(-4)}`;
}

/**
 * The identity panel: during the call, the employee who admitted the citizen sees the name and
 * level of assurance from the citizen's login and the BSN masked. The full BSN needs a reason and
 * leaves an `identity.shown` audit entry first; it goes into this one answer and nowhere else
 * (no log line, no error).
 */
export const identityPanelRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.addHook('onRequest', requireEmployee(db));

  app.get<{ Params: TicketParams }>(
    '/api/console/tickets/:id/identity',
    async (request): Promise<TicketIdentityView> => {
      const { login } = await requireOwnCall(db, request);
      if (!login) return { verified: false };
      return {
        verified: true,
        levelOfAssurance: login.levelOfAssurance,
        provider: login.provider,
        maskedNationalNumber: maskNationalNumber(login.nationalNumber),
        ...(login.name ? { name: login.name } : {}),
      };
    },
  );

  app.post<{ Params: TicketParams }>(
    '/api/console/tickets/:id/identity/reveal',
    async (request): Promise<RevealNationalNumberResponse> => {
      const parsed = parse(revealNationalNumberRequestSchema, request.body);
      if (!parsed.ok) {
        throw new ApiError(400, 'bad_request', `${plugin}: ${formatIssues(parsed.issues)}`);
      }
      const { login } = await requireOwnCall(db, request);
      if (!login) {
        throw new ApiError(
          409,
          'identity_not_verified',
          `${plugin}: this citizen did not log in, so there is no BSN to show`,
        );
      }
      // The audit entry first: if it cannot be written, the BSN is not shown.
      await recordAudit(db, {
        actor: auditActor(employeeOf(request)),
        action: 'identity.shown',
        subject: `ticket:${ticketId(request.params)}`,
        reason: parsed.value.reason.trim(),
        requestId: request.id,
      });
      return { nationalNumber: login.nationalNumber };
    },
  );
};

/** The ticket, when it is in a call that this employee admitted; otherwise a precise refusal. */
async function requireOwnCall(
  db: Db,
  request: FastifyRequest<{ Params: TicketParams }>,
): Promise<TicketIdentity> {
  const ticket = await findTicketIdentity(db, ticketId(request.params));
  if (!ticket) throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
  if (ticket.state !== 'admitted') {
    throw new ApiError(
      409,
      'not_admitted',
      `${plugin}: the identity panel is only there during the call`,
    );
  }
  if (ticket.admittedBy !== employeeOf(request).id) {
    throw new ApiError(
      403,
      'forbidden',
      `${plugin}: only the employee in the call sees the citizen's identity`,
    );
  }
  return ticket;
}
