import type { FastifyPluginAsync } from 'fastify';
import type { AdmitResponse, QueueEntry, QueueEvent } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { mintCallToken, newIdentity, type LivekitOptions } from '../call/call-tokens.js';
import { auditActor, employeeOf, sessionHash } from './console-session.js';
import {
  admitRoute,
  employeeCallTokenRoute,
  endCallRoute,
  queueEventsRoute,
  queueRoute,
} from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import { employeeLogin, type EmployeeLoginOptions } from './employee-login.js';
import { agendaRoutes } from './agenda-routes.js';
import { couplingsRoutes } from './couplings-routes.js';
import type { AppointmentBackends } from '../appointments/index.js';
import { consoleSessionRoutes } from './console-session-routes.js';
import { figuresRoutes } from './figures-routes.js';
import { handOverRoutes } from './hand-over-routes.js';
import { identityPanelRoutes } from './identity-panel.js';
import { outcomeRoutes } from './outcome-routes.js';
import { ticketId } from './ticket-param.js';
import { openEventStream } from '../http/event-stream.js';
import type { QueueHub } from '../queue/queue-hub.js';
import type { SessionLifetimes } from '../http/session-lifetimes.js';
import { newRoomName } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { findTicketById, listLiveTickets, type TicketRecord } from '../tickets/ticket-store.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { explainNotLive, requireLiveTicket, requireOwnCall } from '../tickets/ticket-auth.js';
import { toQueueEntry } from '../tickets/views.js';
import type { BalieConfig } from '../../protocol/index.js';

/** Options of {@link consoleRoutes}. */
export interface ConsoleRoutesOptions {
  db: Db;
  hub: QueueHub;
  /** Admits and ends tickets; see {@link TicketService}. */
  tickets: TicketService;
  livekit: LivekitOptions;
  config: BalieConfig;
  productNames: Map<string, string>;
  /** Development fallback sign-in; see consoleSessionRoutes. */
  consoleAccessCode?: string;
  /** The municipality's provider for employees; without it only the access code signs in. */
  employeeLogin?: EmployeeLoginOptions;
  callTokenTtlSeconds: number;
  /** The calendar couplings, whose health the console shows. */
  appointments: AppointmentBackends;
  sessions: Pick<SessionLifetimes, 'employeeIdleSeconds' | 'employeeMaxSeconds'>;
}

const plugin = 'balie-console';

/**
 * The employee's side: sign in, follow the queue, admit a citizen — the only moment a call room
 * comes to exist — see who they are, note the outcome, end the call; and for a beheerder the
 * figures. Every route but sign-in needs an employee session; admit and end are audited.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, options) => {
  const { db, hub, tickets } = options;

  app.register(consoleSessionRoutes, {
    db,
    hub,
    consoleAccessCode: options.consoleAccessCode,
    oidc: options.employeeLogin !== undefined,
    sessions: options.sessions,
  });
  if (options.employeeLogin) {
    app.register(employeeLogin, { db, login: options.employeeLogin, sessions: options.sessions });
  }

  app.register(identityPanelRoutes, { db, revealReasons: options.config.identity?.revealReasons });
  app.register(outcomeRoutes, { db, config: options.config });
  app.register(figuresRoutes, { db, config: options.config });
  app.register(agendaRoutes, { db, config: options.config });
  app.register(couplingsRoutes, { db, appointments: options.appointments });
  app.register(handOverRoutes, { db, tickets });

  // Everything below needs a session.
  app.register(async (employee) => {
    const route = routesFor(employee, plugin);

    const queue = async (): Promise<QueueEntry[]> =>
      (await listLiveTickets(db)).map((ticket) => toQueueEntry(ticket, options.productNames));

    route(queueRoute, async () => ({ entries: await queue() }));

    route(queueEventsRoute, async (request, reply) => {
      const entries = await queue();
      const stream = openEventStream(reply);
      // Same tick as the snapshot, see ticket-routes.ts. The stream belongs to its session: it
      // ends when the session does (sign-out, idle, expiry), see the sweep.
      hub.watchQueue(stream, sessionHash(request)!);
      const snapshot: QueueEvent = { type: 'queue', entries };
      stream.update(snapshot);
    });

    route(admitRoute, async (request) => {
      const id = ticketId(request.params);
      const who = employeeOf(request);
      const admission = {
        room: newRoomName(),
        citizenIdentity: newIdentity('citizen'),
        employeeIdentity: newIdentity('employee'),
      };
      const by = { actor: auditActor(who), requestId: request.id };
      if (!(await tickets.admit(id, admission, who, by))) {
        explainNotAdmittable(await findTicketById(db, id));
      }
      const call = await employeeGrant(admission.room, admission.employeeIdentity);
      const body: AdmitResponse = { call };
      return body;
    });

    // Not in the first brief: lets the employee rejoin after a reload, like the citizen can.
    route(
      employeeCallTokenRoute,
      async (request) => {
        const ticket = requireLiveTicket(
          await findTicketById(db, ticketId(request.params)),
          plugin,
        );
        if (ticket.state !== 'admitted' || !ticket.room || !ticket.employeeIdentity) {
          throw new ApiError(409, 'not_admitted', `${plugin}: this ticket has not been admitted`);
        }
        requireOwnCall(ticket, employeeOf(request).id, plugin);
        const body: AdmitResponse = {
          call: await employeeGrant(ticket.room, ticket.employeeIdentity),
        };
        return body;
      },
    );

    route(
      endCallRoute,
      async (request, reply) => {
        const id = ticketId(request.params);
        const by = { actor: auditActor(employeeOf(request)), requestId: request.id };
        const ended = await tickets.end(id, 'ended-by-employee', by);
        if (!ended) explainNotLive(await findTicketById(db, id), plugin);
        return reply.code(204).send();
      },
    );
  });

  function employeeGrant(room: string, identity: string) {
    return mintCallToken({
      room,
      identity,
      role: 'employee',
      ttlSeconds: options.callTokenTtlSeconds,
      livekit: options.livekit,
    });
  }
};

/**
 * Why an admit's atomic update found nothing to admit: unknown, ended, expired, beaten to it, or
 * handed over to a colleague.
 */
function explainNotAdmittable(ticket: TicketRecord | undefined): never {
  if (ticket?.state === 'waiting' && !ticket.lapsed && ticket.assignedTo) {
    const name = ticket.assignedName ?? 'a colleague';
    throw new ApiError(
      409,
      'handed_to_colleague',
      `${plugin}: this citizen was handed over to ${name}, who admits them`,
    );
  }
  if (ticket?.state === 'admitted') {
    throw new ApiError(
      409,
      'already_admitted',
      `${plugin}: this citizen has already been admitted by a colleague`,
    );
  }
  explainNotLive(ticket, plugin);
}
