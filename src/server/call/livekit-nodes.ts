import type { FastifyBaseLogger } from 'fastify';
import { livekitApiUrl } from './livekit-rooms.js';

/** How often each node of a list is asked whether it answers. */
const PROBE_INTERVAL_MS = 3000;
/** How long one probe may take before the node counts as not answering. */
const PROBE_TIMEOUT_MS = 1500;

/** The livekit-server nodes this server sends participants to, and the one it calls itself. */
export interface LivekitNodes {
  /** Every node's signalling URL, as configured. */
  readonly urls: readonly string[];
  /** The node the next participant connects through: the answering nodes in turn. */
  pick(): string;
  /** A node for this server's own API calls (ending a call): the first that answers. */
  apiUrl(): string;
  /** Stops probing. */
  stop(): void;
}

/**
 * The nodes of a LiveKit without a load balancer in front, as `LIVEKIT_URL` lists them. Which node
 * hosts a room is LiveKit's choice (its multi-node mode over Redis): a participant may connect
 * through any node, which relays the signalling to the room's node, and the media goes to the
 * room's node directly. So this only spreads the signalling connections, one participant at a
 * time, round robin over the nodes that answered their last probe (`GET /` on the node's HTTP
 * port, every {@link PROBE_INTERVAL_MS}); a stopped node gets no new participants once its probe
 * failed, and those who were on it get a live node when they rejoin with a fresh token. When no
 * node answers, all are used, as if none were known to be down. One URL is used as it is, unprobed.
 */
export function livekitNodes(urls: readonly string[], options: { log?: FastifyBaseLogger; probeIntervalMs?: number } = {}): LivekitNodes {
  if (urls.length === 0) throw new Error('livekitNodes: no URL');
  const down = new Set<string>();
  let turn = 0;
  const answering = () => {
    const up = urls.filter((url) => !down.has(url));
    return up.length > 0 ? up : urls;
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  if (urls.length > 1) {
    const probe = async (url: string) => {
      const ok = await fetch(`${livekitApiUrl(url)}/`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok === !down.has(url)) return;
      if (ok) down.delete(url);
      else down.add(url);
      options.log?.[ok ? 'info' : 'warn']({ livekitNode: url }, ok ? 'balie-livekit: node answers again' : 'balie-livekit: node does not answer; no new participants go there');
    };
    const probeAll = () => void Promise.all(urls.map(probe));
    probeAll();
    timer = setInterval(probeAll, options.probeIntervalMs ?? PROBE_INTERVAL_MS);
    timer.unref();
  }
  return {
    urls,
    pick() {
      const up = answering();
      const url = up[turn % up.length];
      turn = (turn + 1) % urls.length;
      return url;
    },
    apiUrl: () => answering()[0],
    stop: () => clearInterval(timer),
  };
}
