import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy on loopback whose line can be cut and restored; see {@link startTcpProxy}. */
export interface TcpProxy {
  /** The port it listens on, 127.0.0.1. */
  port: number;
  /**
   * Cuts the line: every open connection is dropped, both ways, and new ones are accepted and
   * closed at once — to the client, the service behind went down. The proxy keeps its port.
   */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * Forwards 127.0.0.1:<free port> to `target`. A fault test puts it between the balie server and
 * a shared service (the machine's Postgres) to take that service away from this server alone,
 * without stopping it for everyone else.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = createServer((client) => {
    if (isCut) return void client.destroy();
    track(client);
    const upstream = connect(target);
    track(upstream);
    // A connection that breaks on one side breaks on the other: that is what a dropped line does.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Where a `postgres://` URL points: its host and port (5432 when it names none). */
export function postgresAddress(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname, port: Number(url.port) || 5432 };
}

/** `databaseUrl` with its host and port replaced by the proxy's. */
export function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.href;
}
