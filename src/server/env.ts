import { readFile } from 'node:fs/promises';
import { balieConfigSchema, formatIssues, parse, type BalieConfig } from '../protocol/index.js';

/** The server's settings as read from the environment, before the store is opened. */
export interface ServerEnv {
  host: string;
  port: number;
  configFile: string;
  dataDir?: string;
  /** `postgres://…`; when set, PGlite and DATA_DIR are not used. */
  databaseUrl?: string;
  /** Fastify `trustProxy`: `true`, or the proxies' comma-separated addresses or CIDRs. */
  trustProxy?: boolean | string;
  livekit: { url: string; apiKey: string; apiSecret: string };
  allowedOrigins: string[];
  consoleAccessCode: string;
  staticDir?: string;
}

/** A setting that is missing or wrong; `main` prints the message and exits 1. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * Reads the environment: HOST (127.0.0.1), PORT (4100), BALIE_CONFIG, DATA_DIR, LIVEKIT_URL,
 * LIVEKIT_API_KEY, LIVEKIT_API_SECRET, BALIE_ALLOWED_ORIGINS (comma separated),
 * BALIE_CONSOLE_CODE, BALIE_STATIC_DIR, DATABASE_URL, TRUST_PROXY. Secrets have no defaults: a server that starts with a
 * well-known key or access code is worse than one that does not start.
 */
export function readServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const required = [
    'BALIE_CONFIG',
    'LIVEKIT_URL',
    'LIVEKIT_API_KEY',
    'LIVEKIT_API_SECRET',
    'BALIE_CONSOLE_CODE',
  ];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new EnvError(`balie-server: set ${missing.join(', ')}`);
  const port = Number(env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EnvError(`balie-server: PORT must be a port number, got "${env.PORT}"`);
  }
  if (!/^wss?:\/\//.test(env.LIVEKIT_URL!)) {
    throw new EnvError(
      `balie-server: LIVEKIT_URL must start with ws:// or wss://, got "${env.LIVEKIT_URL}"`,
    );
  }
  return {
    host: env.HOST || '127.0.0.1',
    port,
    configFile: env.BALIE_CONFIG!,
    dataDir: env.DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    livekit: {
      url: env.LIVEKIT_URL!,
      apiKey: env.LIVEKIT_API_KEY!,
      apiSecret: env.LIVEKIT_API_SECRET!,
    },
    allowedOrigins: parseOrigins(env.BALIE_ALLOWED_ORIGINS ?? ''),
    consoleAccessCode: env.BALIE_CONSOLE_CODE!,
    staticDir: env.BALIE_STATIC_DIR || undefined,
  };
}

/**
 * TRUST_PROXY: unset or `false` → off; `true` → trust every hop; otherwise the proxies' addresses
 * or CIDRs, comma separated (`10.0.0.0/8,127.0.0.1`), as Fastify takes them.
 */
export function parseTrustProxy(value: string | undefined): boolean | string | undefined {
  if (!value || value === 'false') return undefined;
  return value === 'true' ? true : value;
}

/** `https://a.nl, https://b.nl` → origins, each checked to be just an origin (no path). */
export function parseOrigins(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const origin = URL.canParse(item) ? new URL(item).origin : 'null';
      if (origin !== item) {
        throw new EnvError(
          `balie-server: BALIE_ALLOWED_ORIGINS entry "${item}" is not an origin like https://www.example.nl`,
        );
      }
      return origin;
    });
}

/** Reads and validates a config file; the error names the file and every problem in it. */
export async function loadConfigFile(file: string): Promise<BalieConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new EnvError(
      `balie-server: cannot read BALIE_CONFIG ${file}: ${(error as Error).message}`,
    );
  }
  const parsed = parse(balieConfigSchema, json);
  if (!parsed.ok) {
    throw new EnvError(
      `balie-server: ${file} does not fit the config format:\n${formatIssues(parsed.issues)}`,
    );
  }
  return parsed.value;
}
