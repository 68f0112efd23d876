import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain ESM script without type declarations
import { startLivekit } from '../scripts/livekit.mjs';
import { balieConfigSchema, formatIssues, parse, type BalieConfig } from '../src/protocol/index.js';
import { startServer } from '../src/server/main.js';
import { openStore } from '../src/server/store/index.js';
import { startDemoSite } from './site-server.js';

export interface LivekitProcess {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}

export interface Stack {
  /** The Voorbeeldstad site, on its own origin. */
  siteUrl: string;
  /** The balie server: API, widget script, employee page. */
  balieUrl: string;
  consoleUrl: string;
  consoleAccessCode: string;
  livekit: LivekitProcess;
  close(): Promise<void>;
}

export interface StackOptions {
  livekitBin: string;
  /** Reuse a running livekit-server instead of starting one (it is then not stopped). */
  livekit?: LivekitProcess;
  sitePort?: number;
  siteHost?: string;
  baliePort?: number;
  /** Where PGlite keeps its data; in memory when absent. */
  dataDir?: string;
  /** `postgres://…` instead of PGlite. */
  databaseUrl?: string;
  consoleAccessCode?: string;
  ticketTtlSeconds?: number;
  sweepIntervalMs?: number;
  configFile?: string;
  logger?: boolean;
}

const defaultConfig = fileURLToPath(new URL('./config/voorbeeldstad.json', import.meta.url));
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

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
    const livekit: LivekitProcess = options.livekit ?? (await startLivekit({ bin: options.livekitBin }));
    if (!options.livekit) cleanups.push(() => livekit.stop());
    let balieOrigin = '';
    const site = await startDemoSite({
      host: options.siteHost ?? 'localhost',
      port: options.sitePort,
      balieOrigin: () => balieOrigin,
      livekitUrl: () => livekit.url,
    });
    cleanups.push(() => site.close());
    const db = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
    // Cleanups run in reverse: the server (and its event streams) stops before its store closes.
    cleanups.push(() => db.close());
    const consoleAccessCode = options.consoleAccessCode ?? randomBytes(6).toString('hex');
    const server = await startServer({
      host: '127.0.0.1',
      port: options.baliePort ?? 0,
      config: await loadConfig(options.configFile ?? defaultConfig),
      db,
      livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
      allowedOrigins: [site.url],
      consoleAccessCode,
      staticDir: distDir,
      ticketTtlSeconds: options.ticketTtlSeconds,
      sweepIntervalMs: options.sweepIntervalMs,
      logger: options.logger ?? false,
    });
    cleanups.push(() => server.close());
    balieOrigin = server.url;
    return {
      siteUrl: site.url,
      balieUrl: server.url,
      consoleUrl: `${server.url}/medewerker/`,
      consoleAccessCode,
      livekit,
      close: async () => {
        for (const cleanup of cleanups.reverse()) await cleanup().catch((e: Error) => console.error(`demo: ${e.message}`));
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}
