import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** A loopback HTTP server for benchmark pages. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The same server on another origin, `http://localhost:PORT`: for cross-origin scripts. */
  otherOriginUrl: string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Serves `pages` (path → body) and, under `/dist/`, files from `distDir`. Every answer allows any
 * origin and is never cached, like the balie server's widget files, so each page load is cold.
 */
export async function startStaticServer(pages: Record<string, string>, distDir?: string): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    let body: string | Buffer | undefined = pages[path];
    if (body === undefined && distDir && path.startsWith('/dist/')) {
      const file = resolve(distDir, `.${path.slice('/dist'.length)}`);
      if (file.startsWith(resolve(distDir) + sep)) body = await readFile(file).catch(() => undefined);
    }
    if (body === undefined) return void response.writeHead(404, headers).end();
    response.writeHead(200, { ...headers, 'content-type': types[extname(path)] ?? 'text/plain' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    otherOriginUrl: `http://localhost:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
