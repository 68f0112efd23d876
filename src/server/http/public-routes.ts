import type { FastifyPluginAsync } from 'fastify';
import type { BalieConfig } from '../../protocol/index.js';

/** Options of {@link publicRoutes}. */
export interface PublicRoutesOptions {
  config: BalieConfig;
}

/** Routes anyone may call: the health check and the municipality's configuration. */
export const publicRoutes: FastifyPluginAsync<PublicRoutesOptions> = async (app, options) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  // The calendar couplings' servers and paths are the balie server's business, not a browser's.
  const { appointmentBackends: _serverOnly, ...publicConfig } = options.config;
  // Read by <digitale-balie config-url> on every page view; revalidated, since an edited config
  // should show at once.
  app.get('/api/config', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(publicConfig),
  );
};
