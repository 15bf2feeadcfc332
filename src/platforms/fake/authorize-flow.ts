/**
 * The authorize step every fake shares: read the platform's parameters, check client, redirect URI
 * and scopes, then either auto-approve (302 to the redirect URI with a code) or show the consent
 * page, whose form posts back here and is answered with a 303 to the redirect URI.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthorizeRequest, FakeAuthServer, Result } from './auth-server.ts';
import { renderConsentPage } from './consent.ts';
import type { FakeKnobs, FakeUser } from './types.ts';

export type AuthorizeFailureKind = 'invalid_request' | 'unknown_client' | 'bad_redirect' | 'invalid_scope' | 'unsupported_response_type';

export interface AuthorizeFailure {
  kind: AuthorizeFailureKind;
  detail: string;
}

/** How one platform spells its authorize step. */
export interface AuthorizeProtocol {
  /** Reads and checks the platform's own parameters (required ones, response_type, PKCE). */
  parse(params: Readonly<Record<string, string>>): Result<AuthorizeRequest, AuthorizeFailure>;
  /** The redirect after approval (`?code=…&state=…` plus what the platform adds). */
  approved(req: AuthorizeRequest, code: string, scopes: readonly string[]): string;
  /** The redirect after the user pressed Deny. */
  denied(req: AuthorizeRequest): string;
  /** The platform's answer to a request it refuses: an error page or JSON, or a redirect with `error=`. */
  refuse(reply: FastifyReply, failure: AuthorizeFailure, req: AuthorizeRequest | undefined): FastifyReply;
  describeScope(scope: string): string;
  /** Rewrites the raw authorize URL before it is read (to play a front-end bug such as Kick's loopback rewrite [K1]). */
  rewriteUrl?(url: string, knobs: FakeKnobs): string;
}

/** Flattens a parsed query; a parameter given twice is refused (RFC 6749 §3.1). */
function singleValued(query: unknown): Result<Record<string, string>, AuthorizeFailure> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(v)) return { ok: false, error: { kind: 'invalid_request', detail: `parameter ${k} is repeated` } };
    if (typeof v === 'string') out[k] = v;
  }
  return { ok: true, value: out };
}

/** The query parameters of a URL (absolute or a path), each once. */
function queryParams(url: string): Result<Record<string, string>, AuthorizeFailure> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URL(url, 'http://fake.invalid').searchParams) {
    if (k in params) return { ok: false, error: { kind: 'invalid_request', detail: `parameter ${k} is repeated` } };
    params[k] = v;
  }
  return { ok: true, value: params };
}

/** Parses and checks an authorize request against the server's clients, redirect rules and scopes. */
function checkAuthorize(server: FakeAuthServer<FakeKnobs>, protocol: AuthorizeProtocol, params: Record<string, string>): Result<AuthorizeRequest, { failure: AuthorizeFailure; req?: AuthorizeRequest }> {
  const parsed = protocol.parse(params);
  if (!parsed.ok) return { ok: false, error: { failure: parsed.error } };
  const req = parsed.value;
  if (!server.knowsClient(req.clientId)) return { ok: false, error: { failure: { kind: 'unknown_client', detail: 'unknown client_id' } } };
  if (!server.redirectAllowed(req.redirectUri)) return { ok: false, error: { failure: { kind: 'bad_redirect', detail: 'redirect_uri is not registered for this client' } } };
  const unknown = server.unknownScopes(req.scopes);
  if (unknown.length > 0 && server.knobs.unknownScopes === 'reject') {
    return { ok: false, error: { failure: { kind: 'invalid_scope', detail: `invalid scope requested: '${unknown[0]}'` }, req } };
  }
  return { ok: true, value: req };
}

/** Approves or denies a checked request; returns the redirect URL. */
function decide(server: FakeAuthServer<FakeKnobs>, protocol: AuthorizeProtocol, req: AuthorizeRequest, decision: 'approve' | 'deny', user: FakeUser | undefined): string {
  if (decision === 'deny') {
    server.counters.denials++;
    return protocol.denied(req);
  }
  if (!user) throw new Error('no such test user');
  server.counters.approvals++;
  const code = server.issueCode(req, user);
  const known = new Set(server.definition.knownScopes);
  return protocol.approved(req, code, req.scopes.filter((s) => known.has(s)));
}

/**
 * The programmatic consent: what pressing Authorize (or Deny) on the page would do, without HTTP.
 * Returns the redirect URL carrying `code` and `state` (or `error`). Throws when the platform
 * would refuse the request itself (unknown client, bad redirect URI …).
 */
export function approveUrl(server: FakeAuthServer<FakeKnobs>, protocol: AuthorizeProtocol, authorizationUrl: string, options: { user?: string; deny?: boolean } = {}): string {
  const flat = queryParams(protocol.rewriteUrl ? protocol.rewriteUrl(authorizationUrl, server.knobs) : authorizationUrl);
  if (!flat.ok) throw new Error(`authorize refused (invalid_request): ${flat.error.detail}`);
  const params = flat.value;
  server.counters.authorizeCalls++;
  server.log({ endpoint: 'authorize', status: 302 });
  const checked = checkAuthorize(server, protocol, params);
  if (!checked.ok) throw new Error(`authorize refused (${checked.error.failure.kind}): ${checked.error.failure.detail}`);
  const user = server.findUser(options.user);
  if (!options.deny && !user) throw new Error(`no test user "${options.user ?? server.knobs.defaultUser}"; users: ${server.users.map((u) => u.login).join(', ')}`);
  return decide(server, protocol, checked.value, options.deny ? 'deny' : 'approve', user);
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/** Registers GET (page or auto-approve) and POST (the form's decision) on `path`. */
export function registerAuthorize(app: FastifyInstance, server: FakeAuthServer<FakeKnobs>, protocol: AuthorizeProtocol, path: string, routeConfig: Record<string, unknown>): void {
  const cssHref = `${app.prefix}/_fake/consent.css`;

  app.get(path, { config: routeConfig }, async (request, reply) => {
    server.counters.authorizeCalls++;
    const flat = queryParams(protocol.rewriteUrl ? protocol.rewriteUrl(request.url, server.knobs) : request.url);
    if (!flat.ok) return protocol.refuse(reply, flat.error, undefined);
    const checked = checkAuthorize(server, protocol, flat.value);
    if (!checked.ok) {
      server.log({ endpoint: 'authorize', status: 400 });
      return protocol.refuse(reply, checked.error.failure, checked.error.req);
    }
    if (server.knobs.autoApprove) {
      server.log({ endpoint: 'authorize', status: 302 });
      return reply.redirect(decide(server, protocol, checked.value, 'approve', server.findUser(undefined)), 302);
    }
    server.log({ endpoint: 'authorize', status: 200 });
    const page = renderConsentPage({
      platformName: server.definition.name,
      clientId: checked.value.clientId,
      scopes: checked.value.scopes.map((scope) => ({ scope, description: protocol.describeScope(scope) })),
      users: server.users,
      defaultUser: server.findUser(undefined),
      params: flat.value,
      action: pathOf(request),
      cssHref,
    });
    return reply.code(200).type('text/html; charset=utf-8').send(page);
  });

  app.post(path, { config: routeConfig }, async (request, reply) => {
    const flat = singleValued(request.body);
    if (!flat.ok) return protocol.refuse(reply, flat.error, undefined);
    const { decision, user: userId, ...params } = flat.value;
    const checked = checkAuthorize(server, protocol, params);
    if (!checked.ok) return protocol.refuse(reply, checked.error.failure, checked.error.req);
    const user = server.findUser(userId);
    if (decision !== 'deny' && (decision !== 'approve' || !user)) {
      return reply.code(400).type('text/plain; charset=utf-8').send('choose a user and press Authorize or Deny');
    }
    server.log({ endpoint: 'authorize', status: 303 });
    return reply.redirect(decide(server, protocol, checked.value, decision, user), 303);
  });
}

/** `uri` with parameters appended to its query (keeping any it already has). */
export function redirectWith(uri: string, params: readonly (readonly [string, string | undefined])[]): string {
  const url = new URL(uri);
  for (const [k, v] of params) if (v !== undefined) url.searchParams.append(k, v);
  return url.toString();
}
