/** Pieces every fake plugin uses: the form-body parser, the consent stylesheet, and request readers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CONSENT_CSS } from './consent.ts';

/** Adds (inside the fake's own plugin scope) a parser for form bodies and the consent page's stylesheet. */
export function installFakeBasics(app: FastifyInstance, routeConfig: Record<string, unknown>): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(String(body))) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    done(null, out);
  });
  app.get('/_fake/consent.css', { config: routeConfig }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CONSENT_CSS),
  );
}

/** First string value of a parameter in an object (query or body). */
export function param(source: unknown, name: string): string | undefined {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** A parameter from the body, or else the query string (Twitch accepts either [T9]). */
export function bodyOrQuery(request: FastifyRequest, name: string): string | undefined {
  return param(request.body, name) ?? param(request.query, name);
}

/** The token after `scheme` in the Authorization header (case-insensitive scheme), or undefined. */
export function authToken(request: FastifyRequest, schemes: readonly string[]): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^(\S+)\s+(\S+)$/.exec(header.trim());
  if (!m || !schemes.some((s) => s.toLowerCase() === m[1]!.toLowerCase())) return undefined;
  return m[2];
}

/** Whether the Authorization header uses a scheme other than the ones allowed. */
export function hasWrongScheme(request: FastifyRequest, schemes: readonly string[]): boolean {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.trim() !== '' && authToken(request, schemes) === undefined;
}

/** Seconds left until `expiresAt` (ms), at least 0. */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.floor((expiresAt - now) / 1000));
}
