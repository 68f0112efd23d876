import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BalieServerOptions } from './app.js';
import { EnvError, loadConfigFile, readIdentityEnv, readServerEnv } from './env.js';
import { openStore } from './store/index.js';
import { createMollieProvider } from './payments/mollie-provider.js';

/** Options of {@link startServer}: the app's, and where to listen. */
export interface StartServerOptions extends BalieServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port, see the returned `url`. */
  port?: number;
}

/** A listening balie server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4100`, without a trailing slash. */
  url: string;
  app: FastifyInstance;
  /** Stops listening and ends open streams. The store stays open: it is the caller's. */
  close(): Promise<void>;
}

/** Builds the app and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0, ...appOptions } = options;
  const app = buildApp(appOptions);
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('balie-server: not listening on TCP');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${urlHost}:${address.port}`, app, close: () => app.close() };
}

/**
 * The widget built beside this server: `dist/` when it runs as `node dist/server/main.js`, so a
 * production server serves its own widget at `/widget/` without a setting. Not when run from `src/`.
 */
function builtWidgetDir(): string | undefined {
  const dir = fileURLToPath(new URL('../', import.meta.url));
  return existsSync(join(dir, 'digitale-balie.js')) ? dir : undefined;
}

/** `node dist/server/main.js` (or `node --import tsx src/server/main.ts`): the server as configured by the environment. */
async function main(): Promise<void> {
  const { configFile, dataDir, databaseUrl, databaseSchema, staticDir = builtWidgetDir(), mollie, ...settings } = readServerEnv(process.env);
  const config = await loadConfigFile(configFile);
  // Citizens' providers: the config names them, the environment holds their secrets.
  const identity = readIdentityEnv(config, process.env);
  const db = await openStore({ dataDir, databaseUrl, schema: databaseSchema });
  const payments = mollie && { provider: createMollieProvider(mollie), publicUrl: mollie.publicUrl };
  const server = await startServer({ ...settings, staticDir, config, db, identity, payments, logger: true });
  if (!dataDir && !databaseUrl) {
    server.app.log.warn('balie-server: no DATA_DIR or DATABASE_URL: the queue lives in memory only');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Queued citizens lose nothing: their places are rows in the store. Their streams end here and
    // the widgets reconnect, to another instance or to this one after the restart.
    server.app.log.info(`balie-server: ${signal}, shutting down`);
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  });
}
