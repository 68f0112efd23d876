import type { FastifyPluginAsync } from 'fastify';
import { consolePageRedirectRoute, consolePageRoute } from '../../protocol/routes/system.js';
import { pageSecurityHeaders } from '../http/page-security.js';
import { routesFor } from '../http/route.js';

/** Options of {@link consolePage}. */
export interface ConsolePageOptions {
  /** LiveKit's signalling URL, or each node's; the page must be allowed to connect to them and their HTTP API. */
  livekitUrl: string | readonly string[];
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

/** The console page's security headers: those of every page; see {@link pageSecurityHeaders}. */
export const consolePageHeaders = pageSecurityHeaders;

/** Serves the console page at `/medewerker/`. */
export const consolePage: FastifyPluginAsync<ConsolePageOptions> = async (app, options) => {
  const headers = consolePageHeaders(options.livekitUrl);
  const html = renderConsolePage();
  const route = routesFor(app, 'balie-console');
  route(consolePageRedirectRoute, (_request, reply) => reply.redirect('/medewerker/', 308));
  route(consolePageRoute, (_request, reply) =>
    reply.headers(headers).type('text/html; charset=utf-8').send(html),
  );
};
