import { readFile } from 'node:fs/promises';
import { balieConfigSchema, formatIssues, parse, type BalieConfig } from '../protocol/index.js';
import { DEFAULT_RETENTION_PERIODS, type RetentionPeriods } from './retention/index.js';
import type { EmployeeLoginOptions } from './console/employee-login.js';
import type { SessionLifetimes } from './http/session-lifetimes.js';
import { EnvError } from './env-error.js';

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
  /** Development fallback sign-in for the console; not needed with `employeeLogin`. */
  consoleAccessCode?: string;
  employeeLogin?: EmployeeLoginOptions;
  staticDir?: string;
  /** REDIS_URL (and REDIS_CHANNEL): queue fan-out over Redis instead of LISTEN/NOTIFY. */
  redis?: { url: string; channel?: string };
  /** BALIE_RETENTION_<PERIOD>_DAYS, e.g. BALIE_RETENTION_IDENTITY_DAYS=0.5. */
  retention: Partial<RetentionPeriods>;
  /** BALIE_RETENTION_INTERVAL_MINUTES: how often the purge runs (default 60). */
  retentionIntervalMs?: number;
  /** SMTP_URL and BALIE_MAIL_FROM; absent: booking mail is off. */
  mail?: { smtpUrl: string; from: string };
  /** BALIE_CALDAV_USERNAME and BALIE_CALDAV_PASSWORD: the account for the config's CalDAV calendars. */
  caldavCredentials?: { username: string; password: string };
  /** {@link SESSION_ENV}: BALIE_CITIZEN_SESSION_IDLE_MINUTES and the like. */
  sessions: Partial<SessionLifetimes>;
}

/** The environment variables of the session lifetimes, in minutes. */
export const SESSION_ENV: Record<keyof SessionLifetimes, string> = {
  citizenIdleSeconds: 'BALIE_CITIZEN_SESSION_IDLE_MINUTES',
  citizenMaxSeconds: 'BALIE_CITIZEN_SESSION_MAX_MINUTES',
  employeeIdleSeconds: 'BALIE_CONSOLE_SESSION_IDLE_MINUTES',
  employeeMaxSeconds: 'BALIE_CONSOLE_SESSION_MAX_MINUTES',
};

// Its own file so that env readers of single concerns (identity-env.ts) can throw it too.
export { EnvError } from './env-error.js';
export { readIdentityEnv, oidcEnvName } from './identity/identity-env.js';

/**
 * Reads the environment: HOST (127.0.0.1), PORT (4100), BALIE_CONFIG, DATA_DIR, LIVEKIT_URL,
 * LIVEKIT_API_KEY, LIVEKIT_API_SECRET, BALIE_ALLOWED_ORIGINS (comma separated),
 * BALIE_CONSOLE_CODE, BALIE_STATIC_DIR, DATABASE_URL, TRUST_PROXY, REDIS_URL, REDIS_CHANNEL,
 * BALIE_RETENTION_<PERIOD>_DAYS, BALIE_RETENTION_INTERVAL_MINUTES, SMTP_URL, BALIE_MAIL_FROM,
 * BALIE_CALDAV_USERNAME, BALIE_CALDAV_PASSWORD, the session lifetimes ({@link SESSION_ENV}), and
 * for employees' sign-in at
 * the municipality's provider BALIE_EMPLOYEE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET,
 * _REDIRECT_URI (and optionally _ROLE_CLAIM); without that provider BALIE_CONSOLE_CODE is needed.
 * The citizens' identity providers' secrets (`BALIE_OIDC_<ID>_…`) need the config, so
 * {@link readIdentityEnv} reads them once it is loaded.
 * Secrets have no defaults: a server that starts with a well-known key or access code is worse
 * than one that does not start.
 */
export function readServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const required = [
    'BALIE_CONFIG',
    'LIVEKIT_URL',
    'LIVEKIT_API_KEY',
    'LIVEKIT_API_SECRET',
    ...(env.BALIE_EMPLOYEE_OIDC_ISSUER
      ? [
          'BALIE_EMPLOYEE_OIDC_CLIENT_ID',
          'BALIE_EMPLOYEE_OIDC_CLIENT_SECRET',
          'BALIE_EMPLOYEE_OIDC_REDIRECT_URI',
        ]
      : ['BALIE_CONSOLE_CODE']),
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
    consoleAccessCode: env.BALIE_CONSOLE_CODE || undefined,
    employeeLogin: env.BALIE_EMPLOYEE_OIDC_ISSUER
      ? {
          issuer: env.BALIE_EMPLOYEE_OIDC_ISSUER,
          clientId: env.BALIE_EMPLOYEE_OIDC_CLIENT_ID!,
          clientSecret: env.BALIE_EMPLOYEE_OIDC_CLIENT_SECRET!,
          redirectUri: env.BALIE_EMPLOYEE_OIDC_REDIRECT_URI!,
          ...(env.BALIE_EMPLOYEE_OIDC_ROLE_CLAIM
            ? { roleClaim: env.BALIE_EMPLOYEE_OIDC_ROLE_CLAIM }
            : {}),
        }
      : undefined,
    staticDir: env.BALIE_STATIC_DIR || undefined,
    redis: env.REDIS_URL
      ? { url: env.REDIS_URL, channel: env.REDIS_CHANNEL || undefined }
      : undefined,
    retention: parseRetention(env),
    retentionIntervalMs: env.BALIE_RETENTION_INTERVAL_MINUTES
      ? positiveNumber(env, 'BALIE_RETENTION_INTERVAL_MINUTES') * 60_000
      : undefined,
    mail: readMail(env),
    caldavCredentials: readCaldavCredentials(env),
    sessions: parseSessions(env),
  };
}

/** BALIE_CALDAV_USERNAME with BALIE_CALDAV_PASSWORD; both or neither. */
function readCaldavCredentials(env: NodeJS.ProcessEnv): ServerEnv['caldavCredentials'] {
  if (!env.BALIE_CALDAV_USERNAME && !env.BALIE_CALDAV_PASSWORD) return undefined;
  if (!env.BALIE_CALDAV_USERNAME || !env.BALIE_CALDAV_PASSWORD) {
    throw new EnvError('balie-server: set both BALIE_CALDAV_USERNAME and BALIE_CALDAV_PASSWORD, or neither');
  }
  return { username: env.BALIE_CALDAV_USERNAME, password: env.BALIE_CALDAV_PASSWORD };
}

function parseSessions(env: NodeJS.ProcessEnv): Partial<SessionLifetimes> {
  const lifetimes: Partial<SessionLifetimes> = {};
  for (const [lifetime, name] of Object.entries(SESSION_ENV) as [keyof SessionLifetimes, string][]) {
    if (env[name]) lifetimes[lifetime] = positiveNumber(env, name) * 60;
  }
  return lifetimes;
}

/** `identityDays` → `BALIE_RETENTION_IDENTITY_DAYS`. */
export function retentionEnvName(period: keyof RetentionPeriods): string {
  return `BALIE_RETENTION_${period.replace(/Days$/, '').replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_DAYS`;
}

function parseRetention(env: NodeJS.ProcessEnv): Partial<RetentionPeriods> {
  const periods: Partial<RetentionPeriods> = {};
  for (const period of Object.keys(DEFAULT_RETENTION_PERIODS) as (keyof RetentionPeriods)[]) {
    const name = retentionEnvName(period);
    if (env[name]) periods[period] = positiveNumber(env, name);
  }
  return periods;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number {
  const value = Number(env[name]);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new EnvError(`balie-server: ${name} must be a positive number, got "${env[name]}"`);
  }
  return value;
}

/** SMTP_URL (`smtp://…` or `smtps://…`) with BALIE_MAIL_FROM, the sender; both or neither. */
function readMail(env: NodeJS.ProcessEnv): ServerEnv['mail'] {
  if (!env.SMTP_URL) return undefined;
  if (!/^smtps?:\/\//.test(env.SMTP_URL)) {
    throw new EnvError('balie-server: SMTP_URL must start with smtp:// or smtps://');
  }
  if (!env.BALIE_MAIL_FROM) {
    throw new EnvError('balie-server: SMTP_URL is set, so set BALIE_MAIL_FROM too (e.g. "Gemeente X <noreply@x.nl>")');
  }
  return { smtpUrl: env.SMTP_URL, from: env.BALIE_MAIL_FROM };
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
