import { fileURLToPath } from 'node:url';
import type { BalieConfig } from '../src/protocol/index.js';
import { readIdentityEnv, readServerEnv } from '../src/server/env.js';
import { startServer } from '../src/server/main.js';
import { createMollieProvider } from '../src/server/payments/mollie-provider.js';
import { openStore, type Db } from '../src/server/store/index.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * What one municipality's balie server needs from the demo stack around it: its settings by the
 * names production uses (src/server/settings.ts), read by the same `readServerEnv` as
 * `node dist/server/main.js`, so the demo cannot drift from what an operator configures.
 */
export interface BalieInstanceOptions {
  /**
   * The settings as environment variables (`PORT`, `LIVEKIT_URL`, `BALIE_ALLOWED_ORIGINS`,
   * `SMTP_URL`, `BALIE_OIDC_<ID>_…`, …). `BALIE_CONFIG` is not needed: see `config`.
   */
  env: Record<string, string | undefined>;
  /** The config, given whole: the demo fills in the ports its simulators got. */
  config: BalieConfig;
  logger?: boolean;
}

/**
 * One balie server with its own store: one municipality. The demo runs one per municipality, the
 * way each municipality would run its own in production.
 */
export async function startBalieInstance(options: BalieInstanceOptions): Promise<{ url: string; db: Db; close(): Promise<void> }> {
  const { configFile: _configFile, dataDir, databaseUrl, databaseSchema, mail, mollie, ...settings } = readServerEnv({
    BALIE_CONFIG: '(given whole)',
    BALIE_STATIC_DIR: distDir,
    ...options.env,
  });
  const db = await openStore({ dataDir, databaseUrl, schema: databaseSchema });
  try {
    const server = await startServer({
      ...settings,
      config: options.config,
      db,
      logger: options.logger ?? false,
      identity: readIdentityEnv(options.config, options.env),
      // As main.ts does: BALIE_MOLLIE_* make the Mollie adapter (in the demo: to the simulator).
      ...(mollie ? { payments: { provider: createMollieProvider(mollie), publicUrl: mollie.publicUrl } } : {}),
      // The demo's mailbox is local: a mail that failed is tried again within seconds, not minutes.
      ...(mail ? { mail: { ...mail, retryDelayMs: 2_000, pollIntervalMs: 2_000 } } : {}),
    });
    return {
      url: server.url,
      db,
      // The server (and its event streams) stops before its store closes.
      close: async () => {
        await server.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
