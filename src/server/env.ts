import { readFile } from 'node:fs/promises';
import { balieConfigSchema, formatIssues, parse, type BalieConfig } from '../protocol/index.js';
import type { RetentionPeriods } from './retention/index.js';
import type { SessionLifetimes } from './http/session-lifetimes.js';
import { EnvError } from './env-error.js';
import type { BalieServerOptions } from './app.js';
import { readSettings, SETTINGS, type Settings } from './settings.js';

/**
 * The server's options as read from the environment, before the config is loaded and the store
 * opened: the subset of {@link BalieServerOptions} that settings give, plus where to listen and
 * where the config and the data live. Derived from the options, not a second copy of them.
 */
export type ServerEnv = Pick<
  BalieServerOptions,
  | 'trustProxy'
  | 'livekit'
  | 'allowedOrigins'
  | 'consoleAccessCode'
  | 'employeeLogin'
  | 'staticDir'
  | 'redis'
  | 'retentionIntervalMs'
  | 'caldavCredentials'
  | 'ticketTtlSeconds'
  | 'sweepIntervalMs'
  | 'documents'
> &
  Required<Pick<BalieServerOptions, 'retention' | 'sessions'>> & {
    host: string;
    port: number;
    configFile: string;
    dataDir?: string;
    /** `postgres://…`; when set, PGlite and DATA_DIR are not used. */
    databaseUrl?: string;
    /** With `databaseUrl`: the schema. */
    databaseSchema?: string;
    /** SMTP_URL and BALIE_MAIL_FROM; absent: booking mail is off. */
    mail?: { smtpUrl: string; from: string };
    /** BALIE_MOLLIE_* and BALIE_PUBLIC_URL; absent: payments are off. */
    mollie?: MollieOptions & { publicUrl: string };
  };

import type { MollieOptions } from './payments/mollie-provider.js';

export { SESSION_ENV, retentionEnvName } from './settings.js';

// Its own file so that env readers of single concerns (identity-env.ts) can throw it too.
export { EnvError } from './env-error.js';
export { readIdentityEnv, oidcEnvName } from './identity/identity-env.js';

/**
 * Reads the environment through the one settings table ({@link SETTINGS}, which the README's
 * table is made from) and shapes it into the server's options. What one setting cannot check
 * alone is checked here: the settings that must come together, and the ones that are required.
 * The citizens' identity providers' secrets (`BALIE_OIDC_<ID>_…`) need the config, so
 * {@link readIdentityEnv} reads them once it is loaded. Secrets have no defaults: a server that
 * starts with a well-known key or access code is worse than one that does not start.
 */
export function readServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const s = readSettings(env);
  const name = (key: keyof typeof SETTINGS) => SETTINGS[key].name;
  const required: (keyof typeof SETTINGS)[] = [
    'config',
    'livekitUrl',
    'livekitApiKey',
    'livekitApiSecret',
    ...(s.employeeOidcIssuer
      ? (['employeeOidcClientId', 'employeeOidcClientSecret', 'employeeOidcRedirectUri'] as const)
      : (['consoleAccessCode'] as const)),
  ];
  const missing = required.filter((key) => s[key] === undefined).map(name);
  if (missing.length > 0) throw new EnvError(`balie-server: set ${missing.join(', ')}`);
  bothOrNeither(s.caldavUsername, s.caldavPassword, name('caldavUsername'), name('caldavPassword'));
  if (s.mollieApiKey && !s.publicUrl) {
    throw new EnvError('balie-server: BALIE_MOLLIE_API_KEY is set, so set BALIE_PUBLIC_URL too (this server as Mollie and citizens reach it, for the webhook and the return page)');
  }
  if (s.smtpUrl && !s.mailFrom) {
    throw new EnvError('balie-server: SMTP_URL is set, so set BALIE_MAIL_FROM too (e.g. "Gemeente X <noreply@x.nl>")');
  }
  return {
    host: s.host ?? '127.0.0.1',
    port: s.port ?? 4100,
    configFile: s.config!,
    dataDir: s.dataDir,
    databaseUrl: s.databaseUrl,
    databaseSchema: s.databaseSchema,
    trustProxy: s.trustProxy,
    livekit: {
      url: s.livekitUrl![0],
      ...(s.livekitUrl!.length > 1 ? { urls: s.livekitUrl } : {}),
      apiKey: s.livekitApiKey!,
      apiSecret: s.livekitApiSecret!,
    },
    allowedOrigins: parseOrigins(s.allowedOrigins ?? ''),
    consoleAccessCode: s.consoleAccessCode,
    employeeLogin: s.employeeOidcIssuer
      ? {
          issuer: s.employeeOidcIssuer,
          clientId: s.employeeOidcClientId!,
          clientSecret: s.employeeOidcClientSecret!,
          redirectUri: s.employeeOidcRedirectUri!,
          ...(s.employeeOidcRoleClaim ? { roleClaim: s.employeeOidcRoleClaim } : {}),
        }
      : undefined,
    staticDir: s.staticDir,
    redis: s.redisUrl ? { url: s.redisUrl, channel: s.redisChannel } : undefined,
    retention: pick(s, 'retention.') as Partial<RetentionPeriods>,
    retentionIntervalMs: minutes(s.retentionIntervalMinutes),
    mail: s.smtpUrl ? { smtpUrl: s.smtpUrl, from: s.mailFrom! } : undefined,
    mollie: s.mollieApiKey
      ? { apiKey: s.mollieApiKey, apiEndpoint: s.mollieApiEndpoint, caFile: s.mollieCaFile, publicUrl: s.publicUrl! }
      : undefined,
    caldavCredentials: s.caldavUsername ? { username: s.caldavUsername, password: s.caldavPassword! } : undefined,
    sessions: Object.fromEntries(
      Object.entries(pick(s, 'sessions.')).map(([lifetime, value]) => [lifetime, value * 60]),
    ) as Partial<SessionLifetimes>,
    ticketTtlSeconds: s.ticketTtlMinutes === undefined ? undefined : s.ticketTtlMinutes * 60,
    sweepIntervalMs: s.sweepIntervalSeconds === undefined ? undefined : s.sweepIntervalSeconds * 1000,
    documents: { scanner: s.clamd ? { address: s.clamd } : undefined, key: s.documentKey },
  };
}

function minutes(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value * 60_000;
}

/** The settings whose keys start with `prefix` (`retention.`), by the rest of their key. */
function pick(settings: Settings, prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(settings)
      .filter(([key, value]) => key.startsWith(prefix) && value !== undefined)
      .map(([key, value]) => [key.slice(prefix.length), value as number]),
  );
}

function bothOrNeither(a: unknown, b: unknown, nameA: string, nameB: string): void {
  if ((a === undefined) !== (b === undefined)) {
    throw new EnvError(`balie-server: set both ${nameA} and ${nameB}, or neither`);
  }
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
