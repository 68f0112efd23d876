import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that can stop passing anything on: the "slow calendar server"
 * a real network produces (connections accepted, no answer). Every socket is closed by `close()`.
 */
export interface HoldingProxy {
  url: string;
  /** From now on connections are accepted and held without an answer; open ones are cut. */
  hold(): void;
  /** Passes traffic on again; connections held meanwhile are cut. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(targetPort: number): Promise<HoldingProxy> {
  let holding = false;
  const sockets = new Set<Socket>();
  const held = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (holding) {
      held.add(client); // accepted, never answered
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    hold() {
      holding = true;
      for (const socket of sockets) socket.destroy();
    },
    release() {
      holding = false;
      // A client may keep a connection it opened meanwhile for later requests: cut it, so it reconnects.
      for (const socket of held) socket.destroy();
      held.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
