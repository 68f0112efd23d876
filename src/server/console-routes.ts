import type { FastifyPluginAsync } from 'fastify';
import {
  consoleSignInRequestSchema,
  formatIssues,
  parse,
  type AdmitResponse,
  type ConsoleSessionResponse,
  type QueueEntry,
  type QueueEvent,
} from '../protocol/index.js';
import { requireUuid } from './params.js';
import { ApiError, sendApiError } from './api-error.js';
import { mintCallToken, newIdentity, type LivekitOptions } from './call-tokens.js';
import {
  CONSOLE_COOKIE,
  CONSOLE_SESSION_SECONDS,
  isCrossSite,
  isJsonRequest,
  isSignedIn,
  readCookie,
  requireEmployee,
  sessionCookie,
} from './console-session.js';
import { openEventStream } from './event-stream.js';
import type { RoomCloser } from './livekit-rooms.js';
import type { QueueHub } from './queue-hub.js';
import { constantTimeEqual, newRoomName, newSecret, sha256Hex } from './secrets.js';
import {
  admitTicket,
  createEmployeeSession,
  deleteEmployeeSession,
  endTicket,
  findTicketById,
  listLiveTickets,
  type Db,
  type TicketRecord,
} from './store/index.js';
import { explainNotLive, requireLiveTicket } from './ticket-auth.js';
import { toQueueEntry } from './views.js';

/** Options of {@link consoleRoutes}. */
export interface ConsoleRoutesOptions {
  db: Db;
  hub: QueueHub;
  rooms: RoomCloser;
  livekit: LivekitOptions;
  productNames: Map<string, string>;
  consoleAccessCode: string;
  callTokenTtlSeconds: number;
}

const plugin = 'balie-console';

interface TicketParams {
  id: string;
}

/**
 * The employee's side: sign in (a shared access code until OIDC, issue #6), follow the queue,
 * admit a citizen — the only moment a call room comes to exist — and end the call.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, options) => {
  const { db, hub, rooms } = options;

  app.post('/api/console/session', async (request, reply) => {
    // The same forgery guards as requireEmployee: a forged sign-in would put a victim's browser
    // into an attacker's session.
    if (isCrossSite(request)) {
      return sendApiError(
        reply,
        403,
        'forbidden',
        `${plugin}: sign in from the console page on this origin`,
      );
    }
    if (!isJsonRequest(request)) {
      return sendApiError(
        reply,
        415,
        'bad_request',
        `${plugin}: send Content-Type: application/json with {"accessCode": …}`,
      );
    }
    const parsed = parse(consoleSignInRequestSchema, request.body);
    if (!parsed.ok)
      throw new ApiError(400, 'bad_request', `${plugin}: ${formatIssues(parsed.issues)}`);
    if (!constantTimeEqual(parsed.value.accessCode, options.consoleAccessCode)) {
      throw new ApiError(401, 'unauthorized', `${plugin}: wrong access code`);
    }
    const value = newSecret();
    await createEmployeeSession(db, sha256Hex(value), CONSOLE_SESSION_SECONDS);
    return reply
      .header('set-cookie', sessionCookie(value, request.protocol === 'https'))
      .code(204)
      .send();
  });

  app.get('/api/console/session', async (request, reply) => {
    if (!(await isSignedIn(db, request))) {
      return sendApiError(reply, 401, 'unauthorized', `${plugin}: not signed in`);
    }
    const body: ConsoleSessionResponse = { signedIn: true };
    return body;
  });

  // Sign-out ends the session in the store, not only in the browser: a copied cookie dies too.
  // DELETE cannot be sent cross-site without a preflight, which console routes never pass.
  app.delete('/api/console/session', async (request, reply) => {
    if (isCrossSite(request)) {
      return sendApiError(reply, 403, 'forbidden', `${plugin}: sign out from the console page`);
    }
    const value = readCookie(request.headers.cookie, CONSOLE_COOKIE);
    if (value !== undefined) await deleteEmployeeSession(db, sha256Hex(value));
    return reply
      .header('set-cookie', `${CONSOLE_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`)
      .code(204)
      .send();
  });

  // Everything below needs a session.
  app.register(async (employee) => {
    employee.addHook('onRequest', requireEmployee(db));

    const queue = async (): Promise<QueueEntry[]> =>
      (await listLiveTickets(db)).map((ticket) => toQueueEntry(ticket, options.productNames));

    employee.get('/api/console/queue', async () => ({ entries: await queue() }));

    employee.get('/api/console/events', async (_request, reply) => {
      const entries = await queue();
      const stream = openEventStream(reply);
      // Same tick as the snapshot, see ticket-routes.ts.
      hub.watchQueue(stream);
      const snapshot: QueueEvent = { type: 'queue', entries };
      stream.update(snapshot);
    });

    employee.post<{ Params: TicketParams }>('/api/console/tickets/:id/admit', async (request) => {
      const id = ticketId(request.params);
      const admission = {
        room: newRoomName(),
        citizenIdentity: newIdentity('citizen'),
        employeeIdentity: newIdentity('employee'),
      };
      if (!(await admitTicket(db, id, admission))) {
        explainNotAdmittable(await findTicketById(db, id));
      }
      hub.changed();
      const call = await employeeGrant(admission.room, admission.employeeIdentity);
      const body: AdmitResponse = { call };
      return body;
    });

    // Not in the first brief: lets the employee rejoin after a reload, like the citizen can.
    employee.post<{ Params: TicketParams }>(
      '/api/console/tickets/:id/call-token',
      async (request) => {
        const ticket = requireLiveTicket(
          await findTicketById(db, ticketId(request.params)),
          plugin,
        );
        if (ticket.state !== 'admitted' || !ticket.room || !ticket.employeeIdentity) {
          throw new ApiError(409, 'not_admitted', `${plugin}: this ticket has not been admitted`);
        }
        const body: AdmitResponse = {
          call: await employeeGrant(ticket.room, ticket.employeeIdentity),
        };
        return body;
      },
    );

    employee.post<{ Params: TicketParams }>(
      '/api/console/tickets/:id/end',
      async (request, reply) => {
        const id = ticketId(request.params);
        const ended = await endTicket(db, id, 'ended-by-employee');
        if (!ended) explainNotLive(await findTicketById(db, id), plugin);
        hub.changed();
        if (ended.room) await rooms.deleteRoom(ended.room);
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

function ticketId(params: TicketParams): string {
  return requireUuid(params.id, plugin, 'a ticket id');
}

/** Why an admit's atomic update found nothing to admit: unknown, ended, expired, or beaten to it. */
function explainNotAdmittable(ticket: TicketRecord | undefined): never {
  if (ticket?.state === 'admitted') {
    throw new ApiError(
      409,
      'already_admitted',
      `${plugin}: this citizen has already been admitted`,
    );
  }
  explainNotLive(ticket, plugin);
}
