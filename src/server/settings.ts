import { EnvError } from './env-error.js';
import { DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from './http/session-lifetimes.js';
import { DEFAULT_RETENTION_PERIODS, type RetentionPeriods } from './retention/retention-rules.js';

/**
 * One setting of the balie server, described once: the server reads it with {@link readSettings},
 * the demo builds its servers from the same names, and the README's table is made from this list
 * (`npm run settings-table`; a test fails when the README disagrees).
 */
export interface Setting<T> {
  /** The environment variable. */
  name: string;
  /** What it does, for the README: one or two sentences. */
  description: string;
  /** What an unset variable means, as the README says it; `undefined` for "off". */
  default?: string;
  /** A secret: never logged, never given a default, rotated as docs/operations.md says. */
  secret?: boolean;
  /** What a value must look like, for the error that names the variable. */
  expected: string;
  /** The value, or `undefined` when `raw` does not fit {@link Setting.expected}. */
  parse(raw: string): T | undefined;
  /** For a list: what is wrong with which entry, said in the error instead of repeating all of `raw`. */
  problem?(raw: string): string | undefined;
}

const text = (expected = 'text') => ({ expected, parse: (raw: string) => raw });
const positive = { expected: 'a positive number', parse: (raw: string) => positiveNumber(raw) };
const urlWith = (...schemes: string[]) => ({
  expected: `a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
  parse: (raw: string) => (URL.canParse(raw) && schemes.includes(new URL(raw).protocol) ? raw : undefined),
});

/** `ws://a, ws://b` → each URL, checked to have one of `schemes`; a list of one is fine. */
const urlListWith = (...schemes: string[]) => {
  const fits = (item: string) => URL.canParse(item) && schemes.includes(new URL(item).protocol);
  const items = (raw: string) => raw.split(',').map((item) => item.trim());
  return {
    expected: `a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}, or several, comma separated`,
    parse: (raw: string): string[] | undefined => {
      const list = items(raw);
      return list.every(fits) && new Set(list).size === list.length ? list : undefined;
    },
    problem: (raw: string) => {
      const list = items(raw);
      const wrong = list.find((item) => !fits(item));
      if (wrong === '') return 'there is an empty entry';
      if (wrong !== undefined) return `"${wrong.slice(0, 80)}" is not one`;
      const twice = list.find((item, i) => list.indexOf(item) !== i);
      return twice === undefined ? undefined : `"${twice.slice(0, 80)}" is there twice`;
    },
  };
};

function positiveNumber(raw: string): number | undefined {
  const value = Number(raw);
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

/** `identityDays` → `BALIE_RETENTION_IDENTITY_DAYS`. */
export function retentionEnvName(period: keyof RetentionPeriods): string {
  return `BALIE_RETENTION_${period.replace(/Days$/, '').replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_DAYS`;
}

/** The environment variables of the session lifetimes, in minutes. */
export const SESSION_ENV: Record<keyof SessionLifetimes, string> = {
  citizenIdleSeconds: 'BALIE_CITIZEN_SESSION_IDLE_MINUTES',
  citizenMaxSeconds: 'BALIE_CITIZEN_SESSION_MAX_MINUTES',
  employeeIdleSeconds: 'BALIE_CONSOLE_SESSION_IDLE_MINUTES',
  employeeMaxSeconds: 'BALIE_CONSOLE_SESSION_MAX_MINUTES',
};

const RETENTION_MEANING: Record<keyof RetentionPeriods, string> = {
  identityDays: 'a verified identity (BSN, name) and its sessions and codes, after its last use',
  oidcFlowDays: 'OIDC logins in progress and what was filled in before DigiD, after they expired or were used',
  oidcDays: 'used authorization codes (replay protection)',
  ticketLinkDays: "an ended ticket's link to the person (the ticket row stays for statistics)",
  guestInviteDays: 'interpreter invites, once expired and their call is over',
  feedbackCommentDays: 'the comment of call feedback (the score stays)',
  webhookDays: 'ids of handled LiveKit webhooks (replay protection)',
  auditDays: 'the audit log',
  bookingDays: "a booking's personal details after the appointment (unset: the config's `privacy.keepDays`, else 30)",
  noteDays: "the employee's free-text note on a call (the outcome code stays)",
  paymentDays: 'payment records (amount, fee, provider id, times; no name or BSN), the fiscal period',
  documentDays: 'documents sent in a call (content, name, key) after the call ended; their links then answer 410',
};

const SESSION_MEANING: Record<keyof SessionLifetimes, string> = {
  citizenIdleSeconds: "the citizen's session after DigiD ends this many minutes after its last request",
  citizenMaxSeconds: "the citizen's session after DigiD ends this many minutes after the login",
  employeeIdleSeconds: "the employee's console session ends this many minutes after its last request",
  employeeMaxSeconds: "the employee's console session ends this many minutes after sign-in",
};

/**
 * Every setting the balie server reads from its environment, except the identity providers'
 * secrets, whose names follow the config's provider ids (`BALIE_OIDC_<ID>_…`, see
 * docs/identity-providers.md and `identity/identity-env.ts`).
 */
export const SETTINGS = {
  config: { name: 'BALIE_CONFIG', ...text('the path of a JSON file'), description: "The municipality's config file (products, opening hours, identity providers' public parts, texts, theme)." },
  host: { name: 'HOST', ...text('an address'), default: '127.0.0.1', description: 'Where to listen.' },
  port: {
    name: 'PORT',
    expected: 'a port number (0 to 65535)',
    parse: (raw: string) => (/^\d+$/.test(raw) && Number(raw) <= 65535 ? Number(raw) : undefined),
    default: '4100',
    description: 'Where to listen.',
  },
  databaseUrl: { name: 'DATABASE_URL', ...urlWith('postgres:', 'postgresql:'), secret: true, description: 'Postgres (13 or newer). Without it the embedded PGlite is used, in `DATA_DIR` (or memory).' },
  databaseSchema: {
    name: 'DATABASE_SCHEMA',
    expected: 'a schema name (lowercase letters, digits, _)',
    parse: (raw: string) => (/^[a-z_][a-z0-9_]{0,62}$/.test(raw) ? raw : undefined),
    default: 'public',
    description: "With `DATABASE_URL`: the schema (created when missing), e.g. one per municipality on a shared Postgres.",
  },
  dataDir: { name: 'DATA_DIR', ...text('a directory'), description: "PGlite's directory, for a single instance without Postgres." },
  trustProxy: {
    name: 'TRUST_PROXY',
    expected: '`true`, `false` or addresses/CIDRs',
    parse: (raw: string): boolean | string | undefined => (raw === 'false' ? undefined : raw === 'true' ? true : raw),
    description: "`true`, or the reverse proxies' addresses/CIDRs: then logs show the client address and rate limits count per client. Leave unset without a proxy.",
  },
  livekitUrl: {
    name: 'LIVEKIT_URL',
    ...urlListWith('ws:', 'wss:'),
    description:
      "livekit-server's signalling URL as browsers reach it: one name in front of all nodes, or, without a load balancer, each node's URL, comma separated. From a list each participant gets one node that answers, in turn (docs/operations.md).",
  },
  livekitApiKey: { name: 'LIVEKIT_API_KEY', ...text(), description: "The API key livekit-server knows this server by." },
  livekitApiSecret: { name: 'LIVEKIT_API_SECRET', ...text(), secret: true, description: 'Its secret: signs call tokens and checks webhooks; keys derived from it seal reminder links and manage secrets.' },
  allowedOrigins: { name: 'BALIE_ALLOWED_ORIGINS', ...text('origins, comma separated'), description: 'The municipal sites (`https://www.example.nl`, comma separated) whose pages may call the citizen API.' },
  consoleAccessCode: { name: 'BALIE_CONSOLE_CODE', ...text(), secret: true, description: 'Development fallback: a shared code that signs in to the console as `medewerker`. Required without `BALIE_EMPLOYEE_OIDC_ISSUER`; leave unset in production.' },
  employeeOidcIssuer: { name: 'BALIE_EMPLOYEE_OIDC_ISSUER', ...urlWith('https:', 'http:'), description: "The municipality's OpenID Connect provider where employees sign in." },
  employeeOidcClientId: { name: 'BALIE_EMPLOYEE_OIDC_CLIENT_ID', ...text(), description: 'With the issuer: this server\'s client id there.' },
  employeeOidcClientSecret: { name: 'BALIE_EMPLOYEE_OIDC_CLIENT_SECRET', ...text(), secret: true, description: 'With the issuer: the client secret.' },
  employeeOidcRedirectUri: { name: 'BALIE_EMPLOYEE_OIDC_REDIRECT_URI', ...urlWith('https:', 'http:'), description: "With the issuer: this server's `/api/console/login/callback` as registered there." },
  employeeOidcRoleClaim: { name: 'BALIE_EMPLOYEE_OIDC_ROLE_CLAIM', ...text('a claim name'), default: 'balie_role', description: 'The claim that carries `medewerker` or `beheerder`.' },
  staticDir: { name: 'BALIE_STATIC_DIR', ...text('a directory'), default: 'the `dist/` the server was built into', description: 'The built widget, served at `/widget/`.' },
  redisUrl: { name: 'REDIS_URL', ...urlWith('redis:', 'rediss:'), secret: true, description: 'Queue changes between instances over Redis pub/sub instead of Postgres `LISTEN/NOTIFY`, and rate limits counted across instances. The server does not start when Redis does not answer.' },
  redisChannel: { name: 'REDIS_CHANNEL', ...text(), default: 'balie_queue', description: 'Separates deployments sharing one Redis.' },
  smtpUrl: { name: 'SMTP_URL', ...urlWith('smtp:', 'smtps:'), secret: true, description: 'Booking mail (confirmation with `.ics` and manage link, move, cancel, reminders) through this SMTP server. Without it mail is off and the log says so.' },
  mailFrom: { name: 'BALIE_MAIL_FROM', ...text('a sender'), description: 'With `SMTP_URL`: the sender, e.g. `Gemeente X <noreply@x.nl>`.' },
  caldavUsername: { name: 'BALIE_CALDAV_USERNAME', ...text(), description: "The balie's account on the CalDAV server of the config's `appointmentBackends` (with the password, or neither)." },
  caldavPassword: { name: 'BALIE_CALDAV_PASSWORD', ...text(), secret: true, description: 'Its password.' },
  retentionIntervalMinutes: { name: 'BALIE_RETENTION_INTERVAL_MINUTES', ...positive, default: '60', description: 'How often the retention purge runs.' },
  ticketTtlMinutes: { name: 'BALIE_TICKET_TTL_MINUTES', ...positive, default: '240', description: 'How long a ticket may wait before it expires.' },
  sweepIntervalSeconds: { name: 'BALIE_SWEEP_INTERVAL_SECONDS', ...positive, default: '30', description: 'How often expired tickets are ended.' },
  mollieApiKey: { name: 'BALIE_MOLLIE_API_KEY', ...text('a Mollie API key (test_… or live_…)'), secret: true, description: "Mollie's API key: payments in the call (iDEAL, Bancontact) are on with it and the config's `payments`." },
  mollieApiEndpoint: { name: 'BALIE_MOLLIE_API_ENDPOINT', ...urlWith('https:'), default: "Mollie's own", description: "Mollie's API root; the demo and the tests point it at the payment simulator (`demo/payment-simulator/`)." },
  mollieCaFile: { name: 'BALIE_MOLLIE_CA_FILE', ...text('the path of a PEM file'), description: "A CA to trust for Mollie's API instead of the public ones: only for the simulator's test CA." },
  clamd: {
    name: 'BALIE_CLAMD',
    expected: 'the path of clamd\'s Unix socket, or tcp://host:port',
    parse: (raw: string) => (raw.startsWith('/') || /^tcp:\/\/[^/\s]+:\d+$/.test(raw) ? raw : undefined),
    description: "ClamAV's `clamd` (Debian `clamav-daemon`, signatures kept fresh by `freshclam`): PDF files sent in a call are scanned there before anyone sees them. Without it PDFs are refused; photos are always re-encoded.",
  },
  documentKey: {
    name: 'BALIE_DOCUMENT_KEY',
    expected: 'at least 32 characters',
    parse: (raw: string) => (raw.length >= 32 ? raw : undefined),
    secret: true,
    description: "Seals the key of every document sent in a call (AES-256-GCM at rest). Unset: a key derived from `LIVEKIT_API_SECRET`. Changing either makes the stored documents unreadable.",
  },
  publicUrl: { name: 'BALIE_PUBLIC_URL', ...urlWith('https:', 'http:'), description: "This server's URL as the payment provider and citizens reach it (webhook, return page). Required with `BALIE_MOLLIE_API_KEY`." },
  ...(Object.fromEntries(
    (Object.keys(DEFAULT_RETENTION_PERIODS) as (keyof RetentionPeriods)[]).map((period) => [
      `retention.${period}`,
      { name: retentionEnvName(period), ...positive, default: String(Number(DEFAULT_RETENTION_PERIODS[period].toFixed(4))), description: `Days to keep ${RETENTION_MEANING[period]}.` },
    ]),
  ) as Record<`retention.${keyof RetentionPeriods}`, Setting<number>>),
  ...(Object.fromEntries(
    (Object.keys(SESSION_ENV) as (keyof SessionLifetimes)[]).map((lifetime) => [
      `sessions.${lifetime}`,
      { name: SESSION_ENV[lifetime], ...positive, default: String(DEFAULT_SESSION_LIFETIMES[lifetime] / 60), description: `Minutes: ${SESSION_MEANING[lifetime]}.` },
    ]),
  ) as Record<`sessions.${keyof SessionLifetimes}`, Setting<number>>),
} satisfies Record<string, Setting<unknown>>;

type Table = typeof SETTINGS;
/** The parsed settings: each one's value, or `undefined` when its variable is unset. */
export type Settings = { [K in keyof Table]: ReturnType<Table[K]['parse']> };

/**
 * Reads every setting of {@link SETTINGS} from `env`. An empty variable counts as unset. A value
 * that does not fit throws one line naming the variable, what was expected and what was given
 * (a secret's value is not repeated).
 */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const settings: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw = env[setting.name];
    if (raw === undefined || raw === '') continue;
    const value = setting.parse(raw);
    if (value === undefined) {
      const problem = setting.secret ? undefined : setting.problem?.(raw);
      if (problem) throw new EnvError(`balie-server: ${setting.name} must be ${setting.expected}; ${problem}`);
      const given = setting.secret ? 'a value that does not fit' : `"${raw.slice(0, 80)}"`;
      throw new EnvError(`balie-server: ${setting.name} must be ${setting.expected}, got ${given}`);
    }
    settings[key] = value;
  }
  return settings as Settings;
}

/** The README's settings table, made from {@link SETTINGS}. */
export function settingsTable(): string {
  const rows = (Object.values(SETTINGS) as Setting<unknown>[]).map(
    (s) => `| \`${s.name}\` | ${s.default ?? '–'} | ${s.secret ? 'yes' : ''} | ${s.description} |`,
  );
  return ['| variable | default | secret | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
