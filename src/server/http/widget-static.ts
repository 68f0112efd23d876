import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { widgetFilesRoute } from '../../protocol/routes/system.js';
import { ApiError } from './api-error.js';
import { routesFor } from './route.js';

/** Options of {@link widgetStatic}. */
export interface WidgetStaticOptions {
  /** The built widget (`dist/`). */
  root: string;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built widget at `/widget/`. Module scripts are fetched in CORS mode, so every file
 * carries `Access-Control-Allow-Origin: *` (no credentials involved) and
 * `Cross-Origin-Resource-Policy: cross-origin` (for embedding pages that set COEP). A handful of
 * lines instead of a dependency: the files are few and small, and the path check is the part
 * that matters.
 */
export const widgetStatic: FastifyPluginAsync<WidgetStaticOptions> = async (app, options) => {
  const root = resolve(options.root);

  const route = routesFor(app, 'balie-widget-files');
  route(widgetFilesRoute, async (request, reply) => {
    const relative = request.params['*'];
    const file = resolve(root, relative);
    // resolve() has already collapsed any "..": what is left must still be inside root.
    if (relative.includes('\0') || !file.startsWith(root + sep)) throw notFound(relative);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw notFound(relative);
    return reply
      .headers({
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
        // Unversioned names for now: revalidate every time rather than serve a stale widget.
        'cache-control': 'no-cache',
      })
      .send(await readFile(file));
  });
};

function notFound(relative: string): ApiError {
  return new ApiError(
    404,
    'not_found',
    `balie-widget: no file "${relative.slice(0, 200)}" in the widget build`,
  );
}
