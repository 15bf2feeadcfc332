/**
 * buildApp: the whole HTTP application (REST, docs, later GraphQL and the dashboard) without
 * listening, so tests drive it in-process with `app.inject()`. `server.ts` listens.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyInstance, type RawServerDefault } from 'fastify';
import { createServer, ServerResponse, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';
import { installErrorHandler } from './error-handler.ts';
import { installNotFound } from './not-found.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installOpenApi } from './openapi.ts';
import { requiresAccessDeclaration } from './route-access.ts';
import { routeModules, upgradeRouteModules } from './routes/index.ts';
import { installAuth } from './auth-hook.ts';
import { VERSION } from '../version.ts';
import { lazyChildLogger } from '../log.ts';
import { createHotRoutes, type HotRoutes } from './hot-routes.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/**
 * Request logging, except on routes marked quietLog (token reads, health probes) below log.level
 * debug: those log only an answer of 400 or more (a wrong key, a needs_reauth, a 5xx), so failed
 * and refused reads stay visible while the all-day successful ones are counted, not logged.
 */
class QuietRoutesLogController extends LogController {
  readonly #log: Runtime['log'];

  constructor(log: Runtime['log']) {
    super({});
    this.#log = log;
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    // Decided once per request and kept on it: routeOptions is a getter that builds an object per call.
    request.quietLog = request.routeOptions.config?.quietLog === true && !this.#log.isLevelEnabled('debug');
    if (!request.quietLog) super.incomingRequest(request, reply, metadata);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (!request.quietLog) return super.requestCompleted(error, request, reply, metadata);
    if (!error && reply.statusCode < 400) return;
    // There was no "incoming request" line: this one names the request itself.
    const line = { req: request, res: reply, responseTime: reply.elapsedTime, ...(error ? { err: error } : {}) };
    if (error || reply.statusCode >= 500) reply.log.error(line, 'request errored');
    else reply.log.info(line, 'request refused');
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether this request is logged only when it fails (QuietRoutesLogController). */
    quietLog: boolean;
  }
}

export async function buildApp(rt: Runtime): Promise<App> {
  const { server } = rt.config;
  // Set once the routes are known; until then every request is Fastify's.
  let hot: HotRoutes = () => false;
  let closing = false;
  const app = Fastify({
    // Fastify's own server, with the hot path (hot-routes.ts) in front of its handler.
    serverFactory: (handler, options) => serverWithHotPath((req, res) => hot(req, res) || handler(req, res), options as unknown as ServerOptions),
    loggerInstance: rt.log as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger as never,
    logController: new QuietRoutesLogController(rt.log),
    bodyLimit: server.body_limit,
    // X-Forwarded-For is honoured only from configured proxies (AS-6); otherwise the peer address is the client.
    trustProxy: server.trusted_proxies.length > 0 ? [...server.trusted_proxies] : false,
    // Never take a request id from the client: it is logged and echoed in 5xx messages.
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('quietLog', false);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRoute', (route) => {
    if (requiresAccessDeclaration(route.url) && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access); see src/http/route-access.ts`);
    }
  });

  installErrorHandler(app, rt.store);
  installNotFound(app);
  const headers = await installSecurityHeaders(app, { https: server.public_url.startsWith('https:') });
  // Without its hooks: they parsed cookies and prepared a Set-Cookie map on every request, token reads
  // included. Only the auth hook reads the session cookie (it parses the header itself) and only
  // sessions.ts sets one (with serializeCookie).
  await app.register(cookie, { hook: false });
  installAuth(app, rt);
  await installOpenApi(app, { publicUrl: server.public_url, version: VERSION });

  for (const mod of routeModules) await app.register(mod(rt));
  await registerUpgradeRoutes(app, rt);

  // Fastify answers 503 while closing; the hot path leaves those requests to it.
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  await app.ready();
  hot = createHotRoutes(rt, { headers, trustProxy: server.trusted_proxies.length > 0, closing: () => closing });
  return app;
}

/** What Fastify gives a server factory: the options it would have created its own server with. */
interface ServerOptions {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket?: number;
  http?: object;
}

/** The HTTP server Fastify would create (its timeouts and limits), calling `listener` for each request. */
function serverWithHotPath(listener: RequestListener, options: ServerOptions): Server {
  const httpServer = createServer(options.http ?? {}, listener);
  httpServer.keepAliveTimeout = options.keepAliveTimeout;
  httpServer.requestTimeout = options.requestTimeout;
  httpServer.setTimeout(options.connectionTimeout);
  if ((options.maxRequestsPerSocket ?? 0) > 0) httpServer.maxRequestsPerSocket = options.maxRequestsPerSocket!;
  return httpServer;
}

/**
 * The WebSocket routes in a scope of their own, with the one @fastify/websocket registration: the
 * plugin adds an onRequest and an onResponse hook and wraps the handler of every route in its scope,
 * which registered at the root cost every token read and health probe. The server's one `upgrade`
 * listener hands upgrades for those routes' paths to the plugin and routes any other upgrade through
 * Fastify itself, where a sandbox fake's socket hook takes its own path over and an ordinary route
 * answers over HTTP, after which the socket is closed. One plugin registration only: each adds its
 * own `upgrade` listener, and a second fails every upgrade the first took ("already assigned socket").
 */
async function registerUpgradeRoutes(app: App, rt: Runtime): Promise<void> {
  const plugin = new EventEmitter();
  const paths = new Set<string>();
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '/').split('?', 1)[0]!.replace(/(.)\/+$/, '$1');
    if (paths.has(path)) {
      plugin.emit('upgrade', req, socket, head);
      return;
    }
    // Node takes its own error listener off an upgraded socket.
    socket.on('error', () => socket.destroy());
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.once('finish', () => socket.end());
    app.routing(req, res);
  };
  app.server.on('upgrade', onUpgrade);
  app.addHook('onClose', (_app, done) => {
    app.server.off('upgrade', onUpgrade);
    done();
  });
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      if (route.websocket) paths.add(route.url);
    });
    await scope.register(websocket, { options: { server: plugin as never } });
    for (const mod of upgradeRouteModules) await scope.register(mod(rt));
  });
}
