/**
 * Starts a real `livekit-server --dev` on loopback for a test, on ports chosen free at run time,
 * and stops it again — also when the test process exits without asking. {@link startLivekitCluster}
 * starts several of them as one multi-node LiveKit over Redis.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `--dev` mode's placeholder credentials, used when the config names no keys. */
const DEV_API_KEY = 'devkey';
const DEV_API_SECRET = 'secret';
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3_000;
/**
 * Servers not yet stopped, with their temp dirs; one 'exit' handler removes them so a crashed test
 * leaves nothing behind.
 * @type {Map<import('node:child_process').ChildProcess, string>}
 */
const running = new Map();
process.once('exit', () => {
  // 'exit' handlers run synchronously: SIGKILL is the only signal sure to land in time, and the
  // temp dir can only go with rmSync.
  for (const [child, dir] of running) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
/** Attempts when a port we found free was taken by someone else before livekit-server bound it. */
const START_ATTEMPTS = 3;

/**
 * Asks the kernel for a port that is free on 127.0.0.1 right now.
 * @param {'tcp' | 'udp'} [protocol]
 * @returns {Promise<number>}
 */
export function freePort(protocol = 'tcp') {
  return new Promise((done, fail) => {
    if (protocol === 'udp') {
      const socket = createSocket('udp4');
      socket.once('error', fail);
      socket.bind(0, '127.0.0.1', () => {
        const { port } = socket.address();
        socket.close(() => done(port));
      });
      return;
    }
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Three distinct ports; the kernel may hand the same just-released port out twice. */
async function pickPorts() {
  const signal = await freePort('tcp');
  let rtcTcp = await freePort('tcp');
  while (rtcTcp === signal) rtcTcp = await freePort('tcp');
  const rtcUdp = await freePort('udp');
  return { signal, rtcTcp, rtcUdp };
}

/**
 * Where a node of a multi-node LiveKit finds the others: livekit-server's own `redis:` config
 * (protocol/redis RedisConfig), a Redis `host:port` and the database number it keeps its node list
 * and room placement in.
 * @typedef {{ address: string, db: number }} LivekitRedis
 */

/**
 * The config keys livekit-server 1.13.5 reads (pkg/config/config.go, mediatransportutil rtcconfig).
 * `node_ip` with `use_external_ip: false` keeps it from asking public STUN servers for an address.
 * `enable_loopback_candidate` lets it offer 127.0.0.1 at all and `ips.includes` offers nothing
 * else: without it, ICE picked the machine's eth0 IPv6 address and media depended on the network.
 * With `redis` the node joins the others that name the same Redis database: LiveKit's multi-node
 * mode, where it places each room on one node and relays the signalling of participants who
 * connected through another node.
 * @param {{ signal: number, rtcTcp: number, rtcUdp: number }} ports
 * @param {LivekitRedis} [redis]
 */
function configYaml(ports, redis) {
  return [
    ...(redis ? ['redis:', `  address: ${redis.address}`, `  db: ${redis.db}`] : []),
    `port: ${ports.signal}`,
    'bind_addresses:',
    '  - 127.0.0.1',
    'rtc:',
    `  tcp_port: ${ports.rtcTcp}`,
    `  udp_port: ${ports.rtcUdp}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    '  ips:',
    '    includes:',
    '      - 127.0.0.1/32',
    '',
  ].join('\n');
}

/**
 * A running livekit-server.
 * @typedef {object} Livekit
 * @property {string} url signal URL for livekit-client, `ws://127.0.0.1:PORT`
 * @property {string} httpUrl the same server over HTTP, for livekit-server-sdk's service clients
 * @property {string} apiKey
 * @property {string} apiSecret
 * @property {string} logFile its log, in its temp dir; empty with `log: true`
 * @property {() => Promise<void>} stop kills it (SIGTERM, SIGKILL after 3 s), removes its temp dir
 * @property {(options?: RestartOptions) => Promise<void>} restart stops it and starts it again on
 *   the same ports with the same keys, resolving once it answers: what a crash and its supervisor,
 *   or an operator's restart, does to calls under way
 */

/**
 * How {@link Livekit.restart} stops the server.
 * @typedef {object} RestartOptions
 * @property {'crash' | 'shutdown'} [how] `crash` (default): SIGKILL, connections just drop and
 *   clients try to resume. `shutdown`: a forced graceful stop that closes every room and tells
 *   each participant to leave, as `kill -TERM` twice does.
 * @property {() => Promise<void>} [whileDown] runs while the server is down; it starts again
 *   afterwards, also when this throws
 */

/**
 * Starts `livekit-server --dev` on loopback and resolves once it answers HTTP.
 * @param {{ bin: string, log?: boolean, redis?: LivekitRedis }} options `bin` from
 *   `findLivekitServer()`; `log: true` streams its log to this process's stderr instead of a file
 *   in its temp dir; `redis` makes it one node of a multi-node LiveKit (see {@link startLivekitCluster}).
 * @returns {Promise<Livekit>}
 */
export async function startLivekit({ bin, log = false, redis }) {
  if (!bin)
    throw new Error(
      'startLivekit: `bin` is required (use findLivekitServer() from scripts/provision.mjs)',
    );
  for (let attempt = 1; ; attempt += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'digitale-balie-livekit-'));
    try {
      return await startOnce({ bin, log, dir, redis });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      const raced = error instanceof Error && /address already in use/i.test(error.message);
      if (!raced || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

/** @param {{ bin: string, log: boolean, dir: string, redis?: LivekitRedis }} options @returns {Promise<Livekit>} */
async function startOnce({ bin, log, dir, redis }) {
  const ports = await pickPorts();
  const configFile = join(dir, 'livekit.yaml');
  await writeFile(configFile, configYaml(ports, redis));
  const logFile = log ? '' : join(dir, 'livekit.log');
  const httpUrl = `http://127.0.0.1:${ports.signal}`;
  let server = await spawnReady({ bin, configFile, logFile, dir, httpUrl });

  /** @type {Promise<void> | undefined} */
  let stopping;
  const stop = () => {
    stopping ??= server
      .kill()
      .then(() => rm(dir, { recursive: true, force: true }))
      .then(() => void running.delete(server.child));
    return stopping;
  };
  /** @param {RestartOptions} [options] */
  const restart = async ({ how = 'crash', whileDown } = {}) => {
    if (stopping) throw new Error('startLivekit: restart() after stop()');
    await server.kill(how === 'shutdown' ? 'drain' : 'SIGKILL');
    running.delete(server.child);
    try {
      await whileDown?.();
    } finally {
      server = await spawnReady({ bin, configFile, logFile, dir, httpUrl });
    }
  };

  return {
    url: `ws://127.0.0.1:${ports.signal}`,
    httpUrl,
    apiKey: DEV_API_KEY,
    apiSecret: DEV_API_SECRET,
    logFile,
    stop,
    restart,
  };
}

/**
 * Runs livekit-server with `configFile` and resolves once it answers HTTP; on failure kills it
 * and rejects with the log's last lines. The caller removes `dir`.
 * @param {{ bin: string, configFile: string, logFile: string, dir: string, httpUrl: string }} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, kill: (how?: 'SIGTERM' | 'SIGKILL' | 'drain') => Promise<void> }>}
 */
async function spawnReady({ bin, configFile, logFile, dir, httpUrl }) {
  const child = spawn(bin, ['--dev', '--config', configFile], {
    stdio: ['ignore', logFile ? 'pipe' : 'inherit', logFile ? 'pipe' : 'inherit'],
  });
  if (logFile) {
    // Appends: after a restart the log keeps what the first run wrote.
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
  }
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  running.set(child, dir);

  /**
   * `SIGTERM` (the default) waits for participants to leave, so SIGKILL follows after the grace
   * time. `drain` is a second SIGTERM: livekit-server (cmd/server/main.go) then stops at once and
   * closes every room, telling each participant to leave (reason SERVER_SHUTDOWN).
   * @param {'SIGTERM' | 'SIGKILL' | 'drain'} [how]
   */
  const kill = async (how = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(how === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM');
      // Its signal handler must have taken the first SIGTERM before the second means "force".
      if (how === 'drain') setTimeout(() => child.kill('SIGTERM'), 200).unref();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilReady(httpUrl, exited, child);
  } catch (error) {
    await kill();
    running.delete(child);
    const tail = logFile ? await lastLines(logFile) : '(log streamed above)';
    throw new Error(`startLivekit: ${error instanceof Error ? error.message : error}\n${tail}`);
  }
  return { child, kill };
}

/**
 * Polls `GET httpUrl/` until it answers 200, the process dies, or the bound runs out.
 * @param {string} httpUrl @param {Promise<{ code: number | null, signal: string | null }>} exited
 * @param {import('node:child_process').ChildProcess} child
 */
async function waitUntilReady(httpUrl, exited, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const { code, signal } = await exited;
      throw new Error(
        `livekit-server exited (code ${code}, signal ${signal}) before answering ${httpUrl}/`,
      );
    }
    try {
      const response = await fetch(`${httpUrl}/`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? String(error.cause ?? error.message) : String(error);
    }
    await Promise.race([exited, new Promise((done) => setTimeout(done, 100))]);
  }
  throw new Error(
    `livekit-server did not answer 200 at ${httpUrl}/ within ${READY_TIMEOUT_MS / 1000} s (${lastProblem})`,
  );
}

/** @param {string} file */
async function lastLines(file, count = 30) {
  const text = await readFile(file, 'utf8').catch((error) => `(log unreadable: ${error.message})`);
  const lines = text.trimEnd().split('\n').slice(-count).join('\n');
  return `last log lines (${file}):\n${lines || '(the log is empty)'}`;
}

/** Redis databases a test cluster may claim, highest first: apps and the balie's tests use 0. */
const CLUSTER_DBS = [15, 14, 13, 12, 11, 10, 9, 8];
/** The key that marks a database as one test cluster's, holding the claimer's pid. */
const CLAIM_KEY = 'digitale-balie:livekit-test-cluster';

/**
 * Several livekit-server nodes, one LiveKit over Redis.
 * @typedef {object} LivekitCluster
 * @property {Livekit[]} nodes each node, with its own signal URL and ports, all with the same keys
 * @property {string[]} urls the nodes' signal URLs, in `nodes` order
 * @property {string[]} nodeIds the ids LiveKit gave the nodes (`ND_…`, as in a participant's
 *   `serverInfo.nodeId`: the node its room lives on), in `nodes` order, read from their logs
 * @property {LivekitRedis} redis the Redis database the nodes share
 * @property {() => Promise<void>} stop stops every node and empties the database it claimed
 */

/**
 * Starts `count` livekit-server nodes in LiveKit's own multi-node mode: each on its own ports,
 * all with the same keys and the same Redis database, where LiveKit keeps its node list and which
 * node each room lives on. The database is claimed for this cluster (one of {@link CLUSTER_DBS}
 * that is empty, or whose claimer's process is gone) so that tests sharing a Redis — and other
 * users of it — never see each other's nodes or rooms. Resolves once every node is in the list.
 * @param {{ bin: string, count?: number, redisUrl?: string, log?: boolean }} options
 * @returns {Promise<LivekitCluster>}
 */
export async function startLivekitCluster({ bin, count = 2, redisUrl = 'redis://127.0.0.1:6379', log = false }) {
  const { Redis } = await import('ioredis');
  const url = new URL(redisUrl);
  const address = `${url.hostname}:${url.port || 6379}`;
  const { db, redis } = await claimDatabase(Redis, redisUrl);
  /** @type {Livekit[]} */
  const nodes = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await redis.flushdb().catch(() => undefined);
    redis.disconnect();
  };
  try {
    for (let i = 0; i < count; i += 1) nodes.push(await startLivekit({ bin, log, redis: { address, db } }));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while ((await redis.hlen('nodes')) < count) {
      if (Date.now() > deadline) throw new Error(`startLivekitCluster: fewer than ${count} nodes registered in Redis db ${db}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const nodeIds = await Promise.all(
    nodes.map(async (node) => (node.logFile ? /"nodeID": "(ND_\w+)"/.exec(await readFile(node.logFile, 'utf8'))?.[1] ?? '' : '')),
  );
  return { nodes, urls: nodes.map((node) => node.url), nodeIds, redis: { address, db }, stop };
}

/**
 * Claims a Redis database for one cluster: an empty one, or one whose claimer has exited (a test
 * killed before it could clean up), which is emptied first.
 * @param {typeof import('ioredis').Redis} Redis @param {string} redisUrl
 */
async function claimDatabase(Redis, redisUrl) {
  const mine = `${process.pid}`;
  for (const db of CLUSTER_DBS) {
    const redis = new Redis(redisUrl, { db, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const claimer = await redis.get(CLAIM_KEY);
    if (claimer !== null && isAlive(Number(claimer))) {
      redis.disconnect();
      continue;
    }
    if (claimer !== null) await redis.flushdb();
    else if ((await redis.dbsize()) > 0) {
      // Someone else's data: not ours to touch.
      redis.disconnect();
      continue;
    }
    if ((await redis.set(CLAIM_KEY, mine, 'NX')) === 'OK') return { db, redis };
    redis.disconnect();
  }
  throw new Error(`startLivekitCluster: no free Redis database among ${CLUSTER_DBS.join(', ')} at ${redisUrl}`);
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}
