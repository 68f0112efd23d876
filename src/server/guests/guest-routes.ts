import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  GUEST_CODE_PARAM,
  type CallTokenResponse,
  type GuestInviteResponse,
  type GuestListResponse,
  type GuestView,
  type RedeemGuestLinkResponse,
} from '../../protocol/index.js';
import {
  admitGuestRoute,
  currentGuestRoute,
  guestCallTokenRoute,
  inviteGuestRoute,
  leaveGuestRoute,
  listGuestsRoute,
  redeemGuestLinkRoute,
} from '../../protocol/routes/guests.js';
import { guestPageRoute } from '../../protocol/routes/system.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import { mintCallToken, newIdentity, type LivekitOptions } from '../call/call-tokens.js';
import { consolePageHeaders } from '../console/console-page.js';
import { employeeOf } from '../console/console-session.js';
import { requireUuid } from '../http/params.js';
import { newSecret, readBearerSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { requireOwnCall } from '../tickets/ticket-auth.js';
import { findTicketById, type TicketRecord } from '../tickets/ticket-store.js';
import { admitGuest, createGuestInvite, findGuestBySecretHash, listGuests, redeemGuestInvite, setGuestState, type GuestRecord } from './guest-store.js';

export interface GuestRoutesOptions {
  db: Db;
  livekit: LivekitOptions;
  callTokenTtlSeconds: number;
  /** How long a guest link can be used. Default 15 minutes. */
  guestLinkTtlSeconds?: number;
}

const plugin = 'balie-guests';

/**
 * Interpreters and other third parties. The employee makes a one-time link during a call; the
 * guest opens it at `/gast/`, waits, and joins the same room only after the employee lets them in,
 * with the least grants a participant gets. Nothing about the citizen is shown to the guest.
 */
export const guestRoutes: FastifyPluginAsync<GuestRoutesOptions> = async (app, options) => {
  const { db } = options;
  const linkTtl = options.guestLinkTtlSeconds ?? 15 * 60;

  app.register(async function employeeSide(employee) {
    const route = routesFor(employee, plugin);

    route(inviteGuestRoute, async (request, reply) => {
      const ticket = await ownCall(request, request.params.id);
      if (ticket.state !== 'admitted') throw new ApiError(409, 'not_admitted', `${plugin}: invite a guest once the call is on`);
      const code = newSecret();
      const { expiresAt } = await createGuestInvite(db, ticket.id, sha256Hex(code), linkTtl);
      const body: GuestInviteResponse = {
        inviteUrl: `${request.protocol}://${request.host}/gast/#${GUEST_CODE_PARAM}=${code}`,
        expiresAt: new Date(expiresAt).toISOString(),
      };
      return reply.code(201).send(body);
    });

    route(listGuestsRoute, async (request) => {
      const ticket = await ownCall(request, request.params.id);
      const body: GuestListResponse = { guests: await listGuests(db, ticket.id) };
      return body;
    });

    route(admitGuestRoute, async (request, reply) => {
      const { id: ticketId } = await ownCall(request, request.params.id);
      const guestId = requireUuid(request.params.guest, plugin, 'a guest id');
      if (!(await admitGuest(db, ticketId, guestId, newIdentity('interpreter')))) {
        throw new ApiError(409, 'already_admitted', `${plugin}: this guest is not waiting (admitted, gone, or not of this call)`);
      }
      return reply.code(204).send();
    });
  });

  /** The ticket `id`, when its call is the signed-in employee's. */
  async function ownCall(request: FastifyRequest, id: string): Promise<TicketRecord> {
    const ticket = await findTicketById(db, requireUuid(id, plugin, 'a ticket id'));
    if (!ticket) throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
    if (ticket.admittedBy === null) throw new ApiError(409, 'not_admitted', `${plugin}: invite a guest once the call is on`);
    return requireOwnCall(ticket, employeeOf(request).id, plugin);
  }

  const route = routesFor(app, plugin);
  route(redeemGuestLinkRoute, async (request, reply) => {
    const secret = newSecret();
    const outcome = await redeemGuestInvite(db, sha256Hex(request.body.code), sha256Hex(secret));
    if (!outcome.ok) {
      if (outcome.why === 'unknown') throw new ApiError(404, 'guest_link_unknown', `${plugin}: no guest link has this code`);
      if (outcome.why === 'used') throw new ApiError(410, 'guest_link_used', `${plugin}: this guest link was already used`);
      throw new ApiError(410, 'guest_link_expired', `${plugin}: this guest link has expired`);
    }
    const body: RedeemGuestLinkResponse = { secret };
    return reply.code(201).send(body);
  });

  route(currentGuestRoute, async (request) => view(await liveGuest(db, request)));

  route(guestCallTokenRoute, async (request) => {
    const guest = await liveGuest(db, request);
    if (guest.state === 'ended') throw new ApiError(410, 'ticket_ended', `${plugin}: the call has ended`);
    if (guest.state !== 'admitted' || !guest.identity || !guest.room) {
      throw new ApiError(409, 'not_admitted', `${plugin}: the employee has not let this guest in yet`);
    }
    const body: CallTokenResponse = {
      call: await mintCallToken({ room: guest.room, identity: guest.identity, role: 'interpreter', ttlSeconds: options.callTokenTtlSeconds, livekit: options.livekit }),
    };
    return body;
  });

  route(leaveGuestRoute, async (request, reply) => {
    const guest = await liveGuest(db, request);
    await setGuestState(db, guest.id, 'ended');
    return reply.code(204).send();
  });

  const headers = consolePageHeaders(options.livekit.urls ?? options.livekit.url);
  route(guestPageRoute, (_request, reply) => reply.headers(headers).type('text/html; charset=utf-8').send(guestPage));
};

function view(guest: GuestRecord): GuestView {
  return { id: guest.id, state: guest.state };
}

/** The guest behind the bearer secret, with their state following the call's: a call that ended ends its guests. */
async function liveGuest(db: Db, request: FastifyRequest): Promise<GuestRecord> {
  const secret = readBearerSecret(request.headers.authorization);
  if (!secret) throw new ApiError(401, 'unauthorized', `${plugin}: send "Authorization: Bearer <guest secret>"`);
  const guest = await findGuestBySecretHash(db, sha256Hex(secret));
  if (!guest) throw new ApiError(404, 'guest_link_unknown', `${plugin}: no guest has this secret`);
  if (guest.ticketState === 'ended' || guest.state === 'ended') return { ...guest, state: 'ended' };
  return guest;
}

const guestPage = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Balie — deelnemen als tolk</title>
    <script type="module" src="/widget/balie-gast.js"></script>
  </head>
  <body>
    <main><balie-gast></balie-gast></main>
  </body>
</html>
`;
