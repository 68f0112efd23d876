import type { FastifyPluginAsync } from 'fastify';
import { livekitApiUrl } from './livekit-rooms.js';

/** Options of {@link consolePage}. */
export interface ConsolePageOptions {
  /** LiveKit's signalling URL; the page must be allowed to connect to it and its HTTP API. */
  livekitUrl: string;
}

/**
 * The employee's page: nothing but the `<balie-medewerker>` element and its module. No inline
 * script, so the CSP can say `script-src 'self'`.
 */
export function renderConsolePage(): string {
  return `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Balie — medewerker</title>
    <script type="module" src="/widget/balie-medewerker.js"></script>
  </head>
  <body>
    <main><balie-medewerker></balie-medewerker></main>
  </body>
</html>
`;
}

/**
 * Security headers of the console page. Scripts only from this origin; network only to this origin
 * and LiveKit; never framed (clickjacking an "admit" button). `style-src 'unsafe-inline'` because
 * Lit falls back to `<style>` elements where constructable stylesheets are missing.
 */
export function consolePageHeaders(livekitUrl: string): Record<string, string> {
  const livekit = new URL(livekitUrl);
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ${livekit.origin} ${livekitApiUrl(livekitUrl)}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
    'cache-control': 'no-cache',
  };
}

/** Serves the console page at `/medewerker/`. */
export const consolePage: FastifyPluginAsync<ConsolePageOptions> = async (app, options) => {
  const headers = consolePageHeaders(options.livekitUrl);
  const html = renderConsolePage();
  app.get('/medewerker', (_request, reply) => reply.redirect('/medewerker/', 308));
  app.get('/medewerker/', (_request, reply) =>
    reply.headers(headers).type('text/html; charset=utf-8').send(html),
  );
};
