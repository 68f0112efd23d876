import { fileURLToPath } from 'node:url';
import type { BalieConfig } from '../src/protocol/index.js';
import type { EmployeeLoginOptions } from '../src/server/console/employee-login.js';
import { readIdentityEnv } from '../src/server/env.js';
import { startServer } from '../src/server/main.js';
import { openStore, type Db } from '../src/server/store/index.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

/** What one municipality's balie server needs from the demo stack around it. */
export interface BalieInstanceOptions {
  port: number;
  config: BalieConfig;
  /** Where PGlite keeps its data; in memory when absent. */
  dataDir?: string;
  /** `postgres://…` instead of PGlite. */
  databaseUrl?: string;
  /** With `databaseUrl`: the schema (created when missing). Default `public`. */
  databaseSchema?: string;
  livekit: { url: string; apiKey: string; apiSecret: string };
  /** The municipal site's origin, the one origin allowed to call the API. */
  siteUrl: string;
  consoleAccessCode: string;
  /** The municipality's staff login (the simulator's employee accounts). */
  employeeLogin?: EmployeeLoginOptions;
  /**
   * The identity providers' secrets as environment variables (`BALIE_OIDC_<ID>_…`); with the
   * config's `identity.providers[].oidc` they make the `identity` option, as in `src/server/main.ts`.
   */
  identityEnv: Record<string, string>;
  smtpUrl: string;
  /** The sender of the booking mails, e.g. `Gemeente Voorbeeldstad <noreply@…>`. */
  mailFrom: string;
  ticketTtlSeconds?: number;
  sweepIntervalMs?: number;
  logger?: boolean;
  /** The account for the config's CalDAV calendars, when it has any. */
  caldavCredentials?: { username: string; password: string };
}

/**
 * One balie server with its own store: one municipality. The demo runs one per municipality, the
 * way each municipality would run its own in production.
 */
export async function startBalieInstance(options: BalieInstanceOptions): Promise<{ url: string; db: Db; close(): Promise<void> }> {
  const db = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    schema: options.databaseSchema,
  });
  try {
    const server = await startServer({
      host: '127.0.0.1',
      port: options.port,
      config: options.config,
      db,
      livekit: options.livekit,
      allowedOrigins: [options.siteUrl],
      consoleAccessCode: options.consoleAccessCode,
      ...(options.employeeLogin ? { employeeLogin: options.employeeLogin } : {}),
      staticDir: distDir,
      ticketTtlSeconds: options.ticketTtlSeconds,
      sweepIntervalMs: options.sweepIntervalMs,
      logger: options.logger ?? false,
      identity: readIdentityEnv(options.config, options.identityEnv),
      mail: { smtpUrl: options.smtpUrl, from: options.mailFrom, retryDelayMs: 2_000, pollIntervalMs: 2_000 },
      ...(options.caldavCredentials ? { caldavCredentials: options.caldavCredentials } : {}),
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
