import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain ESM script without type declarations
import { startLivekit } from '../scripts/livekit.mjs';
import { balieConfigSchema, formatIssues, parse, type BalieConfig } from '../src/protocol/index.js';
import { startBalieInstance } from './balie-instance.js';
import { freePort } from './free-port.js';
import { startDemoEmployeeLogin } from './digid-simulator/demo-employees.js';
import { startDemoIdentity } from './digid-simulator/demo-identity.js';
import { startDemoMailbox, type DemoMailbox } from './mailbox.js';
import { SIMULATOR_API_KEY, SIMULATOR_CA_FILE, startPaymentSimulator, type PaymentSimulator } from './payment-simulator/payment-simulator.js';
import { startRadicale, type Radicale } from './radicale.js';
import { startClamd } from './clamd.js';
import type { Db } from '../src/server/store/index.js';
import { JWKS_PATH } from '../src/server/identity/index.js';
import { startDemoSite } from './site-server.js';

export interface LivekitProcess {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
  /**
   * Stops it and starts it again on the same ports with the same keys, for fault tests: `crash`
   * (default) kills it, `shutdown` stops it gracefully, closing every room and telling each
   * participant to leave. `whileDown` runs before it starts again. Resolves once it answers.
   */
  restart(options?: { how?: 'crash' | 'shutdown'; whileDown?: () => Promise<void> }): Promise<void>;
}

export interface Stack {
  /** The Voorbeeldstad site, on its own origin. */
  siteUrl: string;
  /** The balie server: API, widget script, employee page. */
  balieUrl: string;
  consoleUrl: string;
  consoleAccessCode: string;
  /** The demo's mailbox page (`<siteUrl>/mailbox/`) and what it received. */
  mailboxUrl: string;
  mailbox: DemoMailbox;
  /** The Mollie simulator both municipalities pay through (issue 16): its checkout pages, its calls. */
  payments: PaymentSimulator;
  livekit: LivekitProcess;
  /** The balie server's store, for tests that check what it wrote down (the audit log). */
  db: Db;
  /** With the `caldav` option: the CalDAV server and the employees' calendars the appointments go to. */
  calendars?: { radicale: Radicale; paths: string[] };
  /** The second municipality, when started with the `kustrode` option. */
  kustrode?: {
    /** Its product page on the same site, under `/kustrode/`. */
    pageUrl: string;
    /** Its own balie server. */
    balieUrl: string;
    consoleUrl: string;
  };
  close(): Promise<void>;
}

/** Stad Kustrode: a second municipality with its own balie server, config and house style. */
export interface KustrodeOptions {
  baliePort?: number;
  /** Where its PGlite keeps its data; in memory when absent. Always PGlite, never `databaseUrl`. */
  dataDir?: string;
}

export interface StackOptions {
  livekitBin: string;
  /** Reuse a running livekit-server instead of starting one (it is then not stopped). */
  livekit?: LivekitProcess;
  /**
   * Use these running nodes of one multi-node LiveKit (`startLivekitCluster`, not stopped by the
   * stack) instead: `LIVEKIT_URL` lists them all, as for nodes without a load balancer in front,
   * and `livekit` is the first.
   */
  livekitNodes?: LivekitProcess[];
  sitePort?: number;
  siteHost?: string;
  baliePort?: number;
  /** Where PGlite keeps its data; in memory when absent. */
  dataDir?: string;
  /** `postgres://…` instead of PGlite. */
  databaseUrl?: string;
  /** With `databaseUrl`: the schema (created when missing). Default `public`. */
  databaseSchema?: string;
  consoleAccessCode?: string;
  ticketTtlSeconds?: number;
  sweepIntervalMs?: number;
  configFile?: string;
  logger?: boolean;
  /**
   * Keep Voorbeeldstad's appointments in two employees' CalDAV calendars (Anna's and Piet's, one
   * desk each) on a Radicale of its own, instead of the balie's store. Needs Debian's radicale
   * (installed when running as root). `storage` keeps the calendars between runs; `port` fixes it.
   */
  caldav?: { port?: number; storage?: string };
  /**
   * Also run Stad Kustrode (`config/kustrode.json`, pages under `/kustrode/`), sharing
   * livekit-server, the identity simulators and the mailbox. Only `npm start` turns this on.
   */
  kustrode?: KustrodeOptions;
  /**
   * Scan PDF files sent in a call (issue 15) with a real clamd of its own (Debian's clamav-daemon,
   * with the EICAR test signature; see demo/clamd.ts), as production does. Without it the balie
   * refuses PDFs and only photos can be sent.
   */
  clamd?: boolean;
}

/**
 * The config of `npm start`: Voorbeeldstad with opening hours, walk-in hours and DigiD levels.
 * Stacks started without `configFile` (the end-to-end tests, screenshots, benchmarks) get the
 * walking skeleton's config instead: no walk-in hours and no login, so "join now" works at any
 * hour a test runs.
 */
export const voorbeeldstadConfig = fileURLToPath(new URL('./config/voorbeeldstad.json', import.meta.url));
export const kustrodeConfig = fileURLToPath(new URL('./config/kustrode.json', import.meta.url));
const defaultConfig = fileURLToPath(new URL('./config/e2e-skeleton.json', import.meta.url));

export async function loadConfig(file: string): Promise<BalieConfig> {
  const parsed = parse(balieConfigSchema, JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.ok) throw new Error(`demo: ${file} does not fit the config format:\n${formatIssues(parsed.issues)}`);
  return parsed.value;
}

/**
 * Everything the demo and the end-to-end tests run: livekit-server, the balie server and the
 * municipal site, each on loopback, the site on a different origin than the balie server.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const given = options.livekitNodes?.[0] ?? options.livekit;
    const livekit: LivekitProcess = given ?? (await startLivekit({ bin: options.livekitBin }));
    if (!given) cleanups.push(() => livekit.stop());
    const livekitUrls = options.livekitNodes?.map((node) => node.url) ?? [livekit.url];
    let balieOrigin = '';
    let kustrodeOrigin = '';
    const mailbox = await startDemoMailbox();
    cleanups.push(() => mailbox.close());
    // The payment provider is a separate server, reached through Mollie's own client (issue 16).
    const payments = await startPaymentSimulator();
    cleanups.push(() => payments.close());
    const site = await startDemoSite({
      host: options.siteHost ?? 'localhost',
      port: options.sitePort,
      balieOrigin: (path) => (!path.startsWith('/kustrode/') ? balieOrigin : options.kustrode ? kustrodeOrigin : undefined),
      livekitUrl: () => livekitUrls,
      mailboxPage: () => mailbox.page(),
    });
    cleanups.push(() => site.close());
    // The provider must know the callbacks before the servers start: fix the ports first.
    const baliePort = options.baliePort || (await freePort());
    const kustrodePort = options.kustrode ? options.kustrode.baliePort || (await freePort()) : 0;
    const callback = (port: number) => `http://127.0.0.1:${port}/api/identity/callback`;
    const demoIdentity = await startDemoIdentity({
      callbackUrl: callback(baliePort),
      otherCallbackUrls: options.kustrode ? [callback(kustrodePort)] : [],
      // The DigiD simulator fetches the balie's public keys where a broker would.
      jwksUri: `http://127.0.0.1:${baliePort}${JWKS_PATH}`,
    });
    cleanups.push(() => demoIdentity.close());
    // Employees sign in at the municipality's own provider: a staff simulator per municipality.
    const staffLogin = async (port: number) => {
      const started = await startDemoEmployeeLogin(`http://127.0.0.1:${port}/api/console/login/callback`);
      cleanups.push(() => started.simulator.close());
      return started.env;
    };
    const consoleAccessCode = options.consoleAccessCode ?? randomBytes(6).toString('hex');
    // Both municipalities' settings, by the names production uses (src/server/settings.ts).
    const shared = {
      LIVEKIT_URL: livekitUrls.join(','),
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      BALIE_ALLOWED_ORIGINS: site.url,
      BALIE_CONSOLE_CODE: consoleAccessCode,
      SMTP_URL: mailbox.url,
      BALIE_MOLLIE_API_KEY: SIMULATOR_API_KEY,
      BALIE_MOLLIE_API_ENDPOINT: payments.apiEndpoint,
      BALIE_MOLLIE_CA_FILE: SIMULATOR_CA_FILE,
      ...(options.ticketTtlSeconds ? { BALIE_TICKET_TTL_MINUTES: String(options.ticketTtlSeconds / 60) } : {}),
      ...(options.sweepIntervalMs ? { BALIE_SWEEP_INTERVAL_SECONDS: String(options.sweepIntervalMs / 1000) } : {}),
      ...demoIdentity.env,
    };
    let config = await loadConfig(options.configFile ?? defaultConfig);
    let calendars: Stack['calendars'];
    if (options.caldav) {
      const radicale = await startRadicale(options.caldav);
      cleanups.push(() => radicale.dispose());
      calendars = { radicale, paths: [await radicale.makeCalendar('anna', 'videobalie'), await radicale.makeCalendar('piet', 'videobalie')] };
      config = inCalendars(config, radicale.url, calendars.paths, `http://127.0.0.1:${baliePort}/medewerker/`);
    }
    let clamdSocket: string | undefined;
    if (options.clamd) {
      const clamd = await startClamd();
      cleanups.push(() => clamd.dispose());
      clamdSocket = clamd.socket;
    }
    const server = await startBalieInstance({
      env: {
        ...shared,
        PORT: String(baliePort),
        ...(clamdSocket ? { BALIE_CLAMD: clamdSocket } : {}),
        BALIE_PUBLIC_URL: `http://127.0.0.1:${baliePort}`,
        ...(calendars ? { BALIE_CALDAV_USERNAME: calendars.radicale.balie.username, BALIE_CALDAV_PASSWORD: calendars.radicale.balie.password } : {}),
        DATA_DIR: options.dataDir,
        DATABASE_URL: options.databaseUrl,
        DATABASE_SCHEMA: options.databaseSchema,
        ...(await staffLogin(baliePort)),
        BALIE_MAIL_FROM: 'Gemeente Voorbeeldstad <noreply@voorbeeldstad.example>',
      },
      config: withReturnUrl(demoIdentity.connect(config, callback(baliePort)), `${site.url}/`),
      logger: options.logger,
    });
    cleanups.push(() => server.close());
    balieOrigin = server.url;
    if (options.kustrode) {
      const kustrode = await startBalieInstance({
        env: {
          ...shared,
          PORT: String(kustrodePort),
          BALIE_PUBLIC_URL: `http://127.0.0.1:${kustrodePort}`,
          DATA_DIR: options.kustrode.dataDir,
          ...(await staffLogin(kustrodePort)),
          BALIE_MAIL_FROM: 'Stad Kustrode <noreply@kustrode.example>',
        },
        config: withReturnUrl(demoIdentity.connect(await loadConfig(kustrodeConfig), callback(kustrodePort)), `${site.url}/kustrode/`),
        logger: options.logger,
      });
      cleanups.push(() => kustrode.close());
      kustrodeOrigin = kustrode.url;
    }
    return {
      siteUrl: site.url,
      balieUrl: server.url,
      consoleUrl: `${server.url}/medewerker/`,
      consoleAccessCode,
      mailboxUrl: `${site.url}/mailbox/`,
      mailbox,
      payments,
      livekit,
      db: server.db,
      ...(calendars ? { calendars } : {}),
      ...(options.kustrode
        ? {
            kustrode: {
              pageUrl: `${site.url}/kustrode/identiteitskaart.html`,
              balieUrl: kustrodeOrigin,
              consoleUrl: `${kustrodeOrigin}/medewerker/`,
            },
          }
        : {}),
      close: async () => {
        for (const cleanup of cleanups.reverse()) await cleanup().catch((e: Error) => console.error(`demo: ${e.message}`));
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}

/** The config with the demo site's pages (on whatever port it got) as a place to come back to. */
function withReturnUrl(config: BalieConfig, url: string): BalieConfig {
  return config.identity ? { ...config, identity: { ...config.identity, returnUrls: [...config.identity.returnUrls, url] } } : config;
}

/** The config with every product that takes appointments kept in these CalDAV calendars. */
function inCalendars(config: BalieConfig, url: string, calendars: string[], consoleUrl: string): BalieConfig {
  return {
    ...config,
    products: config.products.map((p) => (!p.modes || p.modes.includes('afspraak') ? { ...p, appointmentBackend: 'agenda' } : p)),
    appointmentBackends: { agenda: { type: 'caldav', url, calendars, consoleUrl } },
  };
}

