/**
 * buildApp: the whole HTTP application (REST, docs, later GraphQL and the dashboard) without
 * listening, so tests drive it in-process with `app.inject()`. `server.ts` listens.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';
import { installErrorHandler } from './error-handler.ts';
import { installNotFound } from './not-found.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installOpenApi } from './openapi.ts';
import { requiresAccessDeclaration } from './route-access.ts';
import { routeModules } from './routes/index.ts';
import { installAuth } from '../accounts/auth-hook.ts';
import { VERSION } from '../version.ts';
import { lazyChildLogger } from '../log.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export async function buildApp(rt: Runtime): Promise<App> {
  const { server } = rt.config;
  const app = Fastify({
    loggerInstance: rt.log as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger as never,
    // Routes marked quietLog (token reads, health probes) are not request-logged below log.level debug.
    logController: new LogController({
      disableRequestLogging: (request: { routeOptions?: { config?: { quietLog?: boolean } } }) =>
        request.routeOptions?.config?.quietLog === true && !rt.log.isLevelEnabled('debug'),
    }),
    bodyLimit: server.body_limit,
    // X-Forwarded-For is honoured only from configured proxies (AS-6); otherwise the peer address is the client.
    trustProxy: server.trusted_proxies.length > 0 ? [...server.trusted_proxies] : false,
    // Never take a request id from the client: it is logged and echoed in 5xx messages.
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRoute', (route) => {
    if (requiresAccessDeclaration(route.url) && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access); see src/http/route-access.ts`);
    }
  });

  installErrorHandler(app);
  installNotFound(app);
  await installSecurityHeaders(app, { https: server.public_url.startsWith('https:') });
  await app.register(cookie);
  installAuth(app, rt);
  await installOpenApi(app, { publicUrl: server.public_url, version: VERSION });

  for (const mod of routeModules) await app.register(mod(rt));

  await app.ready();
  return app;
}
