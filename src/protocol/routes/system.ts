import type { BalieConfig } from '../config.js';
import { responseOf, type RouteDescriptor } from './route.js';

// Health checks, pages and static files: no body, nobody to authenticate, same origin.

/** Liveness: the process answers. */
export const healthzRoute = { method: 'GET', path: '/healthz', auth: 'public' } as const satisfies RouteDescriptor;

/** Readiness: the database answers too. */
export const readyzRoute = { method: 'GET', path: '/readyz', auth: 'public' } as const satisfies RouteDescriptor;

/** The municipality's configuration, which the widget reads first. */
export const configRoute = {
  method: 'GET',
  path: '/api/config',
  response: responseOf<BalieConfig>(),
  auth: 'public',
  rateLimit: 120,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** The built widget's files (`dist/`). */
export const widgetFilesRoute = { method: 'GET', path: '/widget/*', auth: 'public' } as const satisfies RouteDescriptor;

/** The console page, without and with its trailing slash. */
export const consolePageRedirectRoute = { method: 'GET', path: '/medewerker', auth: 'public' } as const satisfies RouteDescriptor;
export const consolePageRoute = { method: 'GET', path: '/medewerker/', auth: 'public' } as const satisfies RouteDescriptor;

/** The guest's (interpreter's) page, opened from a guest link. */
export const guestPageRoute = { method: 'GET', path: '/gast/', auth: 'public' } as const satisfies RouteDescriptor;

/** LiveKit's room and participant events; the handler checks the signature. */
export const livekitWebhookRoute = { method: 'POST', path: '/api/livekit/webhook', auth: 'webhook' } as const satisfies RouteDescriptor;
