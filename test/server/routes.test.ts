import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { allRoutes, routeKey } from '../../src/protocol/routes/index.js';
import { DEFAULT_RATE_LIMITS } from '../../src/server/http/rate-limit.js';
import { createMollieProvider } from '../../src/server/payments/mollie-provider.js';
import { ALLOWED_ORIGIN, assertApiError, bearer, takeTicket, testApp, testConfig, useTestStore } from './helpers.js';

const issuer = 'https://idp.invalid';

/** Every route the full app registers, as `METHOD /path`, from Fastify's own route table. */
function registeredRoutes(build: () => FastifyInstance): { app: FastifyInstance; routes: Set<string> } {
  const routes = new Set<string>();
  const app = build();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // HEAD is Fastify's own twin of every GET; OPTIONS the preflights CORS answers.
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.add(`${method} ${route.url}`);
    }
  });
  return { app, routes };
}

describe('the route table', () => {
  const db = useTestStore();

  it('has a descriptor for every route the server registers, and a route for every descriptor', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'balie-widget-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    // Every optional part on, so every route exists.
    const { app, routes } = registeredRoutes(() =>
      testApp(t, db, {
        staticDir: dir,
        identity: {
          providers: [{ id: 'digid', issuer, clientId: 'balie', clientSecret: 'secret', redirectUri: 'https://balie.invalid/api/identity/callback' }],
          returnUrlAllowlist: ['https://www.testdorp.nl/'],
        },
        employeeLogin: { issuer, clientId: 'console', clientSecret: 'secret', redirectUri: 'https://balie.invalid/api/console/login/callback' },
        config: { ...testConfig, payments: { method: 'ideal' } },
        payments: {
          provider: createMollieProvider({ apiKey: 'test_notUsedByThisTest000000000000000', apiEndpoint: 'https://127.0.0.1:1/v2/' }),
          publicUrl: 'https://balie.invalid',
        },
      }),
    );
    await app.ready();
    const described = new Set(allRoutes.map(routeKey));
    assert.deepEqual([...routes].filter((r) => !described.has(r)).sort(), [], 'registered without a descriptor');
    assert.deepEqual([...described].filter((r) => !routes.has(r)).sort(), [], 'described but not registered');
    assert.equal(described.size, allRoutes.length, 'no route is described twice');
  });

  it('limits every route a citizen or guest can call', () => {
    const open = allRoutes.filter((r) => r.crossOrigin && r.rateLimit === undefined).map(routeKey);
    assert.deepEqual(open, []);
    assert.equal(DEFAULT_RATE_LIMITS['POST /api/guests'], 20);
    assert.equal(DEFAULT_RATE_LIMITS['GET /api/slots'], 60);
  });
});

describe('routes from their descriptors', () => {
  const db = useTestStore();

  it('answers a body that does not fit with a 400 naming the plugin and the field', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({ method: 'POST', url: '/api/tickets', payload: { product: 7 } });
    assertApiError(response, 400, 'bad_request');
    assert.match(response.json().error.message, /^balie-tickets: .*product/);
  });

  it('gives the console API no CORS, and the citizen API CORS for allowed origins', async (t) => {
    const app = testApp(t, db);
    const preflight = (url: string) =>
      app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
      });
    const citizen = await preflight('/api/guests');
    assert.equal(citizen.statusCode, 204);
    assert.equal(citizen.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.equal(citizen.headers['access-control-allow-credentials'], undefined);
    const withCookie = await preflight('/api/tickets');
    assert.equal(withCookie.headers['access-control-allow-credentials'], 'true');
    const console = await preflight('/api/console/tickets/00000000-0000-4000-8000-000000000000/admit');
    assert.equal(console.headers['access-control-allow-origin'], undefined);
    assert.equal(console.statusCode, 404);
  });

  it('refuses a console route without a session before the handler runs', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({ method: 'GET', url: '/api/console/figures' });
    assertApiError(response, 401, 'unauthorized');
  });

  it('lets one ticket hold at most five event streams (a page in the call follows two)', async (t) => {
    const app = testApp(t, db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { secret } = await takeTicket(app);
    const { port } = app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/api/tickets/current/events`;
    const controllers: AbortController[] = [];
    t.after(() => controllers.forEach((c) => c.abort()));
    const open = async () => {
      const controller = new AbortController();
      controllers.push(controller);
      return fetch(url, { headers: bearer(secret), signal: controller.signal });
    };
    for (let i = 0; i < 5; i++) assert.equal((await open()).status, 200);
    const sixth = await open();
    assert.equal(sixth.status, 429);
    assert.equal((await sixth.json()).error.code, 'rate_limited');
    assert.match(sixth.headers.get('retry-after') ?? '', /^\d+$/);
  });
});
