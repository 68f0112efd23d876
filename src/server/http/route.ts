import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { formatIssues, parse } from '../../protocol/schema.js';
import type { BodyOf, PathParams, RouteDescriptor } from '../../protocol/routes/route.js';
import { ApiError } from './api-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's descriptor, for the hooks that derive CORS, cookies and rate limits from it. */
    route?: RouteDescriptor;
  }
  interface FastifyInstance {
    /** The console session checks, one per role; see {@link registerRouteGuards}. */
    routeGuards?: RouteGuards;
  }
}

/** `onRequest` hooks that let a request through only with a console session of that role. */
export interface RouteGuards {
  employee: onRequestHookHandler;
  beheerder: onRequestHookHandler;
}

/**
 * Makes the console session checks known to {@link routesFor}, before any route is registered.
 * Kept apart from the routes so a plugin registered alone (in a test) brings its own.
 */
export function registerRouteGuards(app: FastifyInstance, guards: RouteGuards): void {
  app.decorate('routeGuards', guards);
}

/** A request as a route's handler sees it: typed path parameters, the validated body. */
export type RouteRequest<R extends RouteDescriptor> = FastifyRequest<{
  Params: PathParams<R['path']>;
  Querystring: Record<string, string | undefined>;
}> & { body: BodyOf<R> };

export type RouteHandler<R extends RouteDescriptor> = (
  this: FastifyInstance,
  request: RouteRequest<R>,
  reply: FastifyReply,
) => unknown;

/**
 * The one way a route is registered: `const route = routesFor(app, 'balie-tickets')`, then
 * `route(createTicketRoute, async (request, reply) => …)`. From the descriptor come the method
 * and path, the body's validation (a 400 `bad_request` naming the plugin and every misfit), the
 * console role check, and — through `config.route`, read by cors.ts, the citizen cookie and
 * rate-limit.ts — CORS, the cookie and the rate limit.
 */
export function routesFor(app: FastifyInstance, plugin: string) {
  function route<R extends RouteDescriptor>(descriptor: R, handler: RouteHandler<R>): void;
  function route<R extends RouteDescriptor>(descriptor: R, hooks: RouteHooks, handler: RouteHandler<R>): void;
  function route<R extends RouteDescriptor>(
    descriptor: R,
    ...args: [RouteHandler<R>] | [RouteHooks, RouteHandler<R>]
  ): void {
    const [hooks, handler] = args.length === 1 ? [{}, args[0]] : args;
    const { body } = descriptor;
    app.route({
      method: descriptor.method,
      url: descriptor.path,
      config: { route: descriptor },
      onRequest: [...guardFor(app, descriptor), ...(hooks.onRequest ? [hooks.onRequest] : [])],
      handler(request, reply) {
        if (body) {
          // A body-less POST counts as `{}` where every field is optional (`{ audioOnly? }`);
          // elsewhere it is a 400 that says an object was expected.
          const empty = request.body === undefined ? parse(body, {}) : undefined;
          const parsed = empty?.ok ? empty : parse(body, request.body);
          if (!parsed.ok) throw new ApiError(400, 'bad_request', `${plugin}: ${formatIssues(parsed.issues)}`);
          request.body = parsed.value;
        }
        return handler.call(this, request as RouteRequest<R>, reply);
      },
    });
    // Browsers ask before a cross-origin call with `Authorization` or JSON. Registered per path so
    // the CORS hook finds the descriptor on the preflight too; an origin it does not allow gets
    // the same 404 as any unknown route.
    if (descriptor.crossOrigin && !app.hasRoute({ method: 'OPTIONS', url: descriptor.path })) {
      app.route({
        method: 'OPTIONS',
        url: descriptor.path,
        config: { route: descriptor },
        handler: (_request, reply) => reply.callNotFound(),
      });
    }
  }
  return route;
}

/** Checks of one route that must run before its body is read (after the role check). */
export interface RouteHooks {
  onRequest?: onRequestHookHandler;
}

function guardFor(app: FastifyInstance, descriptor: RouteDescriptor): onRequestHookHandler[] {
  if (descriptor.auth !== 'employee' && descriptor.auth !== 'beheerder') return [];
  const guard = app.routeGuards?.[descriptor.auth];
  // Fail at start, not open: a console route without its session check must never be served.
  if (!guard) {
    throw new Error(
      `balie-server: ${descriptor.method} ${descriptor.path} needs a console session, but no route guards are registered (registerRouteGuards)`,
    );
  }
  return [guard];
}
