import type { FastifyInstance } from 'fastify';
import { livekitApiUrl } from '../call/livekit-rooms.js';

/**
 * Security headers for an HTML page of this server (console, guest page, anything later),
 * issue #7. Scripts and styles only from this origin — no `unsafe-inline`, no `unsafe-eval`: the
 * pages have no inline script, and Lit's styles are constructable stylesheets, which CSP does not
 * govern (the same widget runs under `style-src 'self'` on the demo site). Network only to this
 * origin and LiveKit (signalling and its HTTP API). Never framed: clickjacking an "admit" button.
 * Camera, microphone and screen sharing for this origin only, nothing else powerful.
 */
export function pageSecurityHeaders(livekitUrl: string | readonly string[]): Record<string, string> {
  // Each node of a list, by its signalling and its HTTP origin.
  const livekit = (typeof livekitUrl === 'string' ? [livekitUrl] : livekitUrl).flatMap((url) => [new URL(url).origin, livekitApiUrl(url)]);
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ${livekit.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'permissions-policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}

/**
 * Puts {@link pageSecurityHeaders} on every HTML answer of `app`, whichever route sends it, so a
 * page added later cannot ship without them, and `nosniff` on every other answer (JSON above
 * all), so no browser reads an answer as a script or a page it is not. Headers a route set
 * itself are kept.
 */
export function registerPageSecurity(app: FastifyInstance, livekitUrl: string | readonly string[]): void {
  const headers = pageSecurityHeaders(livekitUrl);
  app.addHook('onSend', async function securePages(_request, reply, payload) {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    for (const [name, value] of Object.entries(headers)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}
