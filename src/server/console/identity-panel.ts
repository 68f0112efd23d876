import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  defaultRevealReasons,
  explanationRequired,
  type RevealNationalNumberRequest,
  type RevealNationalNumberResponse,
  type TicketIdentityView,
} from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf } from './console-session.js';
import { revealNationalNumberRoute, ticketIdentityRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { findTicketIdentity, type TicketIdentity } from './console-store.js';
import { ticketId, type TicketParams } from './ticket-param.js';

const plugin = 'balie-console';

/** `*****3653`: the last four characters, the rest hidden. */
export function maskNationalNumber(value: string): string {
  return `*****${value.slice(-4)}`;
}

/** The audit entry's reason for a reveal: `reason: "<reason>"; explanation: "<text>"`. */
export function revealAuditReason({ reason, explanation }: RevealNationalNumberRequest): string {
  // No escaping needed: the reason is one of a known list and the explanation comes last.
  const said = explanation?.trim();
  return `reason: "${reason}"${said ? `; explanation: "${said}"` : ''}`;
}

/** Options of {@link identityPanelRoutes}. */
export interface IdentityPanelOptions {
  db: Db;
  /** The config's `identity.revealReasons`; default {@link defaultRevealReasons}. */
  revealReasons?: readonly string[];
}

/**
 * The identity panel: during the call, the employee who admitted the citizen sees the name and
 * level of assurance from the citizen's login and the BSN masked. The full BSN needs a reason from
 * the config's list (an explanation with its last, "Anders") and leaves an `identity.shown` audit
 * entry first; it goes into this one answer and nowhere else (no log line, no error).
 */
export const identityPanelRoutes: FastifyPluginAsync<IdentityPanelOptions> = async (app, options) => {
  const { db } = options;
  const revealReasons = options.revealReasons ?? defaultRevealReasons;
  const route = routesFor(app, plugin);

  route(
    ticketIdentityRoute,
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

  route(
    revealNationalNumberRoute,
    async (request): Promise<RevealNationalNumberResponse> => {
      requireListedReason(revealReasons, request.body);
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
        reason: revealAuditReason(request.body),
        requestId: request.id,
      });
      return { nationalNumber: login.nationalNumber };
    },
  );
};

/** A 400 naming the field, unless the reason is on the list and explained where it must be. */
function requireListedReason(reasons: readonly string[], { reason, explanation }: RevealNationalNumberRequest): void {
  if (!reasons.includes(reason)) {
    const listed = reasons.map((r) => `"${r}"`).join(', ');
    throw new ApiError(
      400,
      'bad_request',
      `${plugin}: reason "${reason}" is not one of the config's identity.revealReasons (${listed})`,
    );
  }
  if (explanationRequired(reasons, reason) && !explanation?.trim()) {
    throw new ApiError(400, 'bad_request', `${plugin}: explanation is required with the reason "${reason}"`);
  }
}

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
