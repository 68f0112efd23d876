import type { FastifyPluginAsync } from 'fastify';
import type { CouplingsResponse } from '../../protocol/index.js';
import type { AppointmentBackends } from '../appointments/index.js';
import { couplingsRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';

/** Options of {@link couplingsRoutes}. */
export interface CouplingsRoutesOptions {
  db: Db;
  appointments: AppointmentBackends;
}

/**
 * `GET /api/console/couplings`, for any employee: whether each calendar coupling answers now, so
 * the console can say why bookings for a product are refused before a citizen calls about it.
 */
export const couplingsRoutes: FastifyPluginAsync<CouplingsRoutesOptions> = async (app, options) => {
  const route = routesFor(app, 'balie-console');
  route(couplingsRoute, async (): Promise<CouplingsResponse> => ({ couplings: await options.appointments.couplings() }));
};
