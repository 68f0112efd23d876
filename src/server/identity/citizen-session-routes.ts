import type { FastifyPluginAsync } from 'fastify';
import type { CitizenSessionResponse } from '../../protocol/index.js';
import { citizenSessionRoute, endCitizenSessionRoute } from '../../protocol/routes/identity.js';
import { routesFor } from '../http/route.js';
import { sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { citizenSessionTokens, clearedCitizenCookie, useCitizenSession } from './citizen-session.js';
import { endIdentitySessions } from './identity-store.js';

/** Options of {@link citizenSessionRoutes}. */
export interface CitizenSessionRoutesOptions {
  db: Db;
}

/**
 * The citizen's session after DigiD: whether it is still live (the widget asks after a reload,
 * and right after the exchange to learn whether the browser kept the cookie), and logging out.
 * Both take the cookie or the bearer token, and answer without a session too: a citizen who was
 * never logged in simply is not.
 */
export const citizenSessionRoutes: FastifyPluginAsync<CitizenSessionRoutesOptions> = async (app, options) => {
  const { db } = options;
  const route = routesFor(app, 'balie-identity');

  route(citizenSessionRoute, async (request): Promise<CitizenSessionResponse> => {
    const used = await useCitizenSession(db, request);
    // A session that made its booking or ticket can do nothing more: for the widget it is none.
    if (!used || used.boundElsewhere) return { identified: false };
    const { login, expiresIn } = used;
    return {
      identified: true,
      identity: {
        ...(login.name ? { name: login.name } : {}),
        levelOfAssurance: login.levelOfAssurance,
        provider: login.provider,
      },
      expiresIn,
    };
  });

  // Logging out ends the session in the store, not only in this browser: a copied cookie or
  // token dies with it. The widget calls this when the citizen finishes, leaves or starts over.
  route(endCitizenSessionRoute, async (request, reply) => {
    await endIdentitySessions(db, citizenSessionTokens(request).map(sha256Hex));
    return reply.header('set-cookie', clearedCitizenCookie).code(204).send();
  });
};
