/**
 * Security headers on every response (AS-8 / F-16): a strict CSP, frame-ancestors 'none', nosniff,
 * Referrer-Policy no-referrer, HSTS when served over https, and no-store on API responses.
 *
 * helmet decides the headers; it runs once at start against a recording response, and each request
 * gets the recorded list (running helmet's middleware chain per request, or @fastify/helmet's
 * rebuilding it, was most of a token read's cost: bench/README.md). Headers that only mean something
 * for a document a browser renders (COOP, X-Frame-Options, Origin-Agent-Cluster and helmet's legacy
 * ones) go on HTML responses only; every response, JSON and errors included, gets the ones that protect
 * any resource: CSP, nosniff, Referrer-Policy, Cross-Origin-Resource-Policy and HSTS.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Headers that protect any response, whatever its type. */
const EVERY_RESPONSE: ReadonlySet<string> = new Set([
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-resource-policy',
  'strict-transport-security',
]);

export interface SecurityHeaders {
  /** Name/value pairs for every response. */
  all: readonly (readonly [string, string])[];
  /** Name/value pairs added to HTML documents. */
  documents: readonly (readonly [string, string])[];
}

/** Runs helmet once with Bifrost's options and splits what it sets into the two lists. */
export function securityHeaders(options: { https: boolean }): SecurityHeaders {
  const apply = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // HSTS only makes sense (and is only honoured) over https.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const recorded: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    removeHeader() {},
  };
  let failed: unknown;
  // helmet's middleware is synchronous for these options (no nonce functions), so `next` runs before this returns.
  apply({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return {
    all: recorded.filter(([name]) => EVERY_RESPONSE.has(name.toLowerCase())),
    documents: recorded.filter(([name]) => !EVERY_RESPONSE.has(name.toLowerCase())),
  };
}

/**
 * The headers every answer starts with, lower-cased as a reply holds them: the security headers for
 * any response and Cache-Control: no-store — API answers may carry tokens or account data, never
 * cached (OA-18). A route (static assets, the dashboard's index) that sets its own Cache-Control
 * replaces it.
 */
export function baseHeaders(headers: SecurityHeaders): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries([...headers.all.map(([name, value]) => [name.toLowerCase(), value]), ['cache-control', 'no-store']]));
}

/** Installs the headers on every reply and returns the base set (the hot path sends the same). */
export async function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<Readonly<Record<string, string>>> {
  const headers = securityHeaders(options);
  const base = baseHeaders(headers);
  // On Fastify's reply, which writes them with the answer's own headers in one pass. Set on the raw
  // response they were validated twice and merged at writeHead: most of a health probe's cost above
  // bare Fastify (bench/README.md). Errors and 404s go through the reply too; a route that hijacks
  // the reply hands them on with hijackWithHeaders.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(base);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      for (const [name, value] of headers.documents) reply.header(name, value);
    }
    done(null, payload);
  });
  return base;
}

/**
 * Takes the reply over (a stream writing its own head) with the headers the reply carries so far —
 * the security headers among them — set on the raw response. Every hijacking route of the API uses
 * this instead of `reply.hijack()` (security-headers.test.ts checks).
 */
export function hijackWithHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string | number | string[]);
  }
  reply.hijack();
}
