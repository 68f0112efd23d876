import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./site/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

/**
 * The municipal websites: a plain static site on its own origin that embeds the widget with one
 * script tag, under a strict Content-Security-Policy (no inline script or style, no eval) — as a
 * careful municipality would serve it. Voorbeeldstad lives at `/`, Stad Kustrode under
 * `/kustrode/`; each page may load scripts from and talk to its own municipality's balie server only.
 */
export async function startDemoSite(options: {
  host?: string;
  port?: number;
  /**
   * The balie server of the municipality a page belongs to, by the page's path. `undefined`: that
   * part of the site is not served (the page answers 404).
   */
  balieOrigin: (path: string) => string | undefined;
  livekitUrl: () => string | readonly string[];
  /** The demo mailbox's page, served at `/mailbox/`. */
  mailboxPage?: () => string | undefined;
}): Promise<DemoSite> {
  const server: Server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const mailbox = path === '/mailbox/' || path === '/mailbox' ? options.mailboxPage?.() : undefined;
    if (mailbox !== undefined) {
      return void response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .end(mailbox);
    }
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    const balie = options.balieOrigin(path);
    if (!file.startsWith(root) || balie === undefined) return void response.writeHead(404).end();
    try {
      let body = await readFile(file, 'utf8');
      body = body.replaceAll('{{BALIE_ORIGIN}}', balie);
      const livekitUrls = options.livekitUrl();
      // Each node's signalling and HTTP origin, when LiveKit runs on several without one name.
      const livekit = (typeof livekitUrls === 'string' ? [livekitUrls] : livekitUrls).flatMap((url) => {
        const { protocol, host, origin } = new URL(url);
        return [origin, `${protocol === 'wss:' ? 'https' : 'http'}://${host}`];
      });
      response.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': [
          "default-src 'self'",
          `script-src 'self' ${balie}`,
          `connect-src 'self' ${balie} ${livekit.join(' ')}`,
          "style-src 'self'",
          "img-src 'self' data:",
          "media-src 'self' blob: mediastream:",
          "object-src 'none'",
          "base-uri 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Niet gevonden');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
