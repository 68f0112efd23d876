import type { FastifyPluginAsync } from 'fastify';
import { readyzRoute } from '../../protocol/routes/system.js';
import { sendApiError } from './api-error.js';
import { routesFor } from './route.js';
import type { Db } from '../store/index.js';

/** Options of {@link healthRoutes}. */
export interface HealthRoutesOptions {
  db: Db;
}

/**
 * `/readyz` for load balancers: ready when the database answers. Liveness (`/healthz`) stays
 * independent of the database, so an orchestrator does not restart every instance while Postgres
 * is down — it only stops sending them traffic.
 */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, options) => {
  const route = routesFor(app, 'balie-server');
  route(readyzRoute, async (request, reply) => {
    try {
      await options.db.query('SELECT 1');
    } catch (error) {
      request.log.warn({ err: error }, 'balie-health: the database does not answer');
      return sendApiError(reply, 503, 'unavailable', 'balie-health: the database does not answer');
    }
    return { status: 'ready' };
  });
};
