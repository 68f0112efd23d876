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
 * Files of the widget build (dist/): scripts, source maps, styles, pages and images at any depth,
 * but never the compiled server and protocol beside them, nor the build's own JSON.
 */
// No `.` or `..` segment: `chunks/../server/env.js` must not reach the server beside the widget.
const WIDGET_FILE = /^(?!(?:server|protocol)\/)(?!(?:.*\/)?\.\.?\/)(?:[\w.-]+\/)*[\w.-]+\.(?:js|mjs|map|css|html|svg|png|woff2)$/;

/** A release path segment, e.g. `0.1.0` in `/widget/0.1.0/digitale-balie.js`. */
const VERSION = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

/**
 * Serves the built widget at `/widget/` (revalidated on every use) and at
 * `/widget/<version>/` (cached for a year as immutable), the path a municipality pins together
 * with the entry's `integrity` value: the version is the one `npm run build` wrote to
 * `integrity.json`, and another version is a 404 rather than a file that does not match its hash.
 * Module scripts are fetched in CORS mode, so every file
 * carries `Access-Control-Allow-Origin: *` (no credentials involved) and
 * `Cross-Origin-Resource-Policy: cross-origin` (for embedding pages that set COEP). A handful of
 * lines instead of a dependency: the files are few and small, and the path check is the part
 * that matters.
 */
export const widgetStatic: FastifyPluginAsync<WidgetStaticOptions> = async (app, options) => {
  const root = resolve(options.root);
  const release = await readRelease(root);

  const route = routesFor(app, 'balie-widget-files');
  route(widgetFilesRoute, async (request, reply) => {
    const [first, ...rest] = request.params['*'].split('/');
    const pinned = VERSION.test(first);
    if (pinned && first !== release) {
      throw new ApiError(404, 'not_found', `balie-widget: this server has widget ${release ?? '(no versioned build)'}, not ${first.slice(0, 40)}`);
    }
    const relative = pinned ? rest.join('/') : request.params['*'];
    const file = resolve(root, relative);
    // The pattern admits no "..": and resolve() must still land inside root.
    if (!WIDGET_FILE.test(relative) || !file.startsWith(root + sep)) throw notFound(relative);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw notFound(relative);
    return reply
      .headers({
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
        // A release never changes under its version; the unversioned path always may.
        'cache-control': pinned ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
      .send(await readFile(file));
  });
};

/** The version `npm run build` wrote beside the widget; absent in a build without it. */
async function readRelease(root: string): Promise<string | undefined> {
  const text = await readFile(resolve(root, 'integrity.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const { version } = JSON.parse(text) as { version?: unknown };
  return typeof version === 'string' && VERSION.test(version) ? version : undefined;
}

function notFound(relative: string): ApiError {
  return new ApiError(
    404,
    'not_found',
    `balie-widget: no file "${relative.slice(0, 200)}" in the widget build`,
  );
}
