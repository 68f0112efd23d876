import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** See {@link trackIdleSockets}. */
export interface IdleSockets {
  /** Destroys every connection that has no request in flight. */
  destroy(): void;
}

/**
 * Counts requests in flight per connection, so shutdown can drop connections that carry none.
 * Node's `server.close()` only reaps keep-alive connections *between* requests; a connection that
 * was opened but never sent a request (a browser's preconnect, or undici reconnecting after an
 * aborted event stream) holds `close()` until the headers timeout, over a minute.
 */
export function trackIdleSockets(server: Server): IdleSockets {
  const inFlight = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.on('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket: Socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.on('close', () => {
      if (inFlight.has(socket)) inFlight.set(socket, inFlight.get(socket)! - 1);
    });
  });
  return {
    destroy() {
      for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    },
  };
}
