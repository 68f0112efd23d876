import type { FastifyPluginAsync } from 'fastify';
import { jwksRoute as jwksDescriptor } from '../../protocol/routes/identity.js';
import { routesFor } from '../http/route.js';
import type { PublicJwk } from './client-keys.js';

/** Where a broker fetches the balie's public keys (its `jwks_uri` for this client). */
export const JWKS_PATH = jwksDescriptor.path;

/** Options of {@link jwksRoute}. */
export interface JwksRouteOptions {
  /** Public keys only; see `publishedJwks`. */
  jwks: { keys: PublicJwk[] };
}

/**
 * `GET /api/identity/jwks.json`: the public keys with which a broker checks the balie's
 * `private_key_jwt` assertions and encrypts ID tokens to it (NL GOV Assurance profile). During a
 * rotation it lists the old and the new key, so the broker knows both before the new one signs.
 */
export const jwksRoute: FastifyPluginAsync<JwksRouteOptions> = async (app, options) => {
  const body = JSON.stringify(options.jwks);
  routesFor(app, 'balie-identity')(jwksDescriptor, async (_request, reply) =>
    reply.type('application/jwk-set+json').send(body),
  );
};
