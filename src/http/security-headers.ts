/**
 * Security headers on every response (AS-8 / F-16): a strict CSP, frame-ancestors 'none', nosniff,
 * Referrer-Policy no-referrer, HSTS when served over https, and no-store on API responses.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export async function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  // helmet's middleware is built once here: @fastify/helmet rebuilt it on every request, which was
  // a sixth of a token read's cost (bench/README.md). The headers are the same for every route.
  const apply = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // HSTS only makes sense (and is only honoured) over https.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers may carry tokens or account data: never cache them (OA-18). Static assets set their own.
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
