import type { FastifyPluginAsync } from 'fastify';
import type { BalieConfig } from '../../protocol/index.js';
import { configRoute, healthzRoute } from '../../protocol/routes/system.js';
import { routesFor } from './route.js';

/** Options of {@link publicRoutes}. */
export interface PublicRoutesOptions {
  config: BalieConfig;
}

/** Routes anyone may call: the health check and the municipality's configuration. */
export const publicRoutes: FastifyPluginAsync<PublicRoutesOptions> = async (app, options) => {
  const route = routesFor(app, 'balie-server');
  route(healthzRoute, async () => ({ status: 'ok' }));

  // The calendar couplings' servers and paths, and the identity providers' registrations, are the
  // balie server's business, not a browser's: the widget needs a provider's id and label only.
  const { appointmentBackends: _serverOnly, ...publicConfig } = options.config;
  if (publicConfig.identity) {
    publicConfig.identity = {
      ...publicConfig.identity,
      providers: publicConfig.identity.providers.map(({ id, label }) => ({ id, label })),
    };
  }
  // Read by <digitale-balie config-url> on every page view; revalidated, since an edited config
  // should show at once.
  route(configRoute, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(publicConfig),
  );
};
