import type { FastifyBaseLogger } from 'fastify';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { LivekitOptions } from './call-tokens.js';

/** The LiveKit admin actions this server takes. */
export interface RoomCloser {
  /** Deletes a room, disconnecting everyone in it. Never throws: a failure is logged. */
  deleteRoom(room: string): Promise<void>;
}

/** LiveKit's HTTP API lives on the same host as its signalling socket: ws→http, wss→https. */
export function livekitApiUrl(signallingUrl: string): string {
  const url = new URL(signallingUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  return url.origin;
}

/**
 * Deletes rooms through LiveKit's RoomService. The ticket has already ended in our store when this
 * runs, and LiveKit closes an empty room on its own, so a failure here is worth a log line, not a
 * failed request. The timeout keeps an unreachable LiveKit from holding the employee's click.
 */
export function createRoomCloser(
  livekit: LivekitOptions,
  log: FastifyBaseLogger,
  requestTimeoutSeconds = 5,
  /** With several nodes: the one to call now (any node serves the room service). */
  nodeUrl: () => string = () => livekit.url,
): RoomCloser {
  const clients = new Map<string, RoomServiceClient>();
  const client = (url: string) => {
    const api = livekitApiUrl(url);
    let found = clients.get(api);
    if (!found) {
      found = new RoomServiceClient(api, livekit.apiKey, livekit.apiSecret, { requestTimeout: requestTimeoutSeconds });
      clients.set(api, found);
    }
    return found;
  };
  return {
    async deleteRoom(room) {
      try {
        await client(nodeUrl()).deleteRoom(room);
      } catch (error) {
        log.warn(
          { err: error, room },
          'balie-livekit: could not delete the room; LiveKit will close it when empty',
        );
      }
    },
  };
}
