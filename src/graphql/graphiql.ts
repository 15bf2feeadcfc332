/**
 * The Content-Security-Policy of the GraphiQL page only (off unless [graphql] graphiql = true):
 * Mercurius's GraphiQL pulls React and GraphiQL from unpkg.com, styles inline and registers a service
 * worker. Everything else keeps the app's strict policy (src/http/security-headers.ts).
 */
const UNPKG = 'https://unpkg.com';

export const GRAPHIQL_CSP = [
  "default-src 'self'",
  `script-src 'self' ${UNPKG}`,
  `style-src 'self' 'unsafe-inline' ${UNPKG}`,
  `img-src 'self' data: ${UNPKG}`,
  `font-src 'self' data: ${UNPKG}`,
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
