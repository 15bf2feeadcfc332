/**
 * Fake Kick (id.kick.com OAuth 2.1 + public API users) for tests and sandbox mode: PKCE S256 and
 * state required [K1], client secret required [K1], rotating refresh tokens with a grace window
 * [K1][K4], revoke by query string (form body accepted too) answering `OK` [K1][K6], introspect with
 * a `{data, message}` envelope [K1], the three error shapes seen in the wild [K1][K6][K7g], and (as a
 * knob) the front end's rewrite of the first `127.0.0.1` to `localhost` [K1].
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { baseUrlsUnder } from '../definition.ts';
import { registerAuthorize, redirectWith, type AuthorizeProtocol } from '../fake/authorize-flow.ts';
import { startFakeServer, type FakeHandle, type StartFakeOptions } from '../fake/harness.ts';
import { baseKnobs, refreshModes } from '../fake/knobs.ts';
import { authToken, installFakeBasics, param } from '../fake/plugin-kit.ts';
import { faultOn, handleToken, sendJson, type Answer, type TokenDialect, oauthTokenParams } from '../fake/token-flow.ts';
import type { FakeDefinition, FakeKnobs, FakePluginOptions, FakeUser } from '../fake/types.ts';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { KICK_BASE_URLS } from './index.ts';
import { FakeKickWebhooks, kickWebhooksPlugin } from './fake-webhooks.ts';
import { KICK_OFFICIAL_SCOPES } from './scopes.ts';
import { registerKickChat } from './fake-chat.ts';

export interface KickFakeKnobs extends FakeKnobs {
  /** Token-endpoint error shape: RFC `{error,error_description}` [K7g], the docs' `{"error":"Invalid request"}` [K1], or `{message}` [K6]. */
  errorShape: 'oauth' | 'docs' | 'message';
  /** Play Kick's front-end bug: the first `127.0.0.1` in an authorize URL becomes `localhost` [K1]. */
  loopbackRewriteBug: boolean;
  /** Sends per sender and channel in a sliding window before 429 (20 per 30 s, the figure Bifrost assumes: Kick publishes none [K7b]). */
  chatLimit: { messages: number; windowMs: number };
  /** Channel (broadcaster user id) → user ids that moderate it; the broadcaster always does. */
  moderators: Record<string, string[]>;
}

/** Test users: integer ids [K6]. */
const KICK_USERS: readonly FakeUser[] = [
  { id: '123456', login: 'Scorfly', displayName: 'Scorfly', email: 'user@domain.tld' },
  { id: '4815162', login: 'streamer_one', displayName: 'streamer_one', email: 'streamer@example.test' },
  { id: '9000001', login: 'bifrost_bot', displayName: 'bifrost_bot' },
];

const GRANT_TEXT =
  'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

function shaped(server: FakeAuthServer<KickFakeKnobs>, kind: 'invalid_grant' | 'invalid_client' | 'invalid_request', detail: string): Answer {
  const status = kind === 'invalid_client' ? 401 : 400;
  switch (server.knobs.errorShape) {
    case 'docs':
      return [400, { error: 'Invalid request' }];
    case 'message':
      return [status, { message: kind === 'invalid_grant' ? 'Invalid refresh token' : kind === 'invalid_client' ? 'Invalid client credentials' : detail }];
    default:
      return [status, { error: kind, error_description: kind === 'invalid_grant' ? GRANT_TEXT : kind === 'invalid_client' ? 'Client authentication failed' : detail }];
  }
}

function dialectFor(server: FakeAuthServer<KickFakeKnobs>): TokenDialect {
  return {
    pkce: 'required',
    statusBody: (status) => ({ data: {}, message: status === 429 ? 'Too Many Requests' : 'Internal Server Error' }),
    invalidClient: () => shaped(server, 'invalid_client', 'client authentication failed'),
    invalidGrant: (reason) => (reason === 'pkce_missing' ? shaped(server, 'invalid_request', 'code_verifier is required') : shaped(server, 'invalid_grant', reason)),
    invalidRequest: (detail) => shaped(server, 'invalid_request', detail),
    success: (t) => ({ access_token: t.accessToken, token_type: 'Bearer', refresh_token: t.refreshToken, expires_in: t.expiresIn, scope: t.scopes.join(' ') }),
  };
}

const REQUIRED = ['client_id', 'response_type', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method'] as const;

const authorize: AuthorizeProtocol = {
  parse(q) {
    // Every parameter is required, state and PKCE included [K1].
    const missing = REQUIRED.find((k) => !q[k]);
    if (missing) return { ok: false, error: { kind: 'invalid_request', detail: `missing ${missing}` } };
    if (q.response_type !== 'code') return { ok: false, error: { kind: 'unsupported_response_type', detail: 'response_type must be code' } };
    if (q.code_challenge_method !== 'S256') return { ok: false, error: { kind: 'invalid_request', detail: 'code_challenge_method must be S256' } };
    return {
      ok: true,
      value: { clientId: q.client_id!, redirectUri: q.redirect_uri!, scopes: q.scope!.split(' ').filter(Boolean), state: q.state, codeChallenge: q.code_challenge, codeChallengeMethod: 'S256', offline: true, forceConsent: false },
    };
  },
  approved: (req, code) => redirectWith(req.redirectUri, [['code', code], ['state', req.state]]),
  denied: (req) => redirectWith(req.redirectUri, [['error', 'access_denied'], ['state', req.state]]),
  // Kick answers a bad authorize request with 400 `{"error":"Invalid request"}` [K1].
  refuse: (reply) => reply.code(400).type('application/json').send(JSON.stringify({ error: 'Invalid request' })),
  describeScope: (scope) => KICK_OFFICIAL_SCOPES.find((s) => s.scope === scope)?.description ?? scope,
  // Only the query is rewritten: the real host is id.kick.com, while this fake's own host may be 127.0.0.1.
  rewriteUrl: (url, knobs) => {
    const q = url.indexOf('?');
    return (knobs as KickFakeKnobs).loopbackRewriteBug && q !== -1 ? url.slice(0, q) + url.slice(q).replace('127.0.0.1', 'localhost') : url;
  },
};

const unauthorized: Answer = [401, { data: {}, message: 'Unauthorized' }];

const plugin: FastifyPluginAsync<FakePluginOptions<KickFakeKnobs>> = async (app, { server, routeConfig = {} }) => {
  installFakeBasics(app, routeConfig);
  registerAuthorize(app, server, authorize, '/oauth/authorize', routeConfig);
  registerKickChat(app, server, routeConfig);
  const dialect = dialectFor(server);
  // Webhooks (event subscriptions, public key, POST /events sending signed deliveries) with this fake's tokens.
  const hooks = new FakeKickWebhooks(async (url, init) => ({ status: (await fetch(url, init)).status }), () => server.now());
  await app.register(kickWebhooksPlugin, { hooks, tokenUser: (t) => server.introspect(t)?.user.id, routeConfig });

  app.post('/oauth/token', { config: routeConfig }, async (request, reply) => {
    return handleToken(server, request, reply, oauthTokenParams((name) => param(request.body, name)), dialect);
  });

  app.post('/oauth/revoke', { config: routeConfig }, async (request, reply) => {
    server.counters.revocations++;
    if (await faultOn(server, 'revoke', request, reply, dialect.statusBody)) return reply;
    // Documented in the query string [K1]; gokick sends the same fields as a form body [K6].
    const token = param(request.query, 'token') ?? param(request.body, 'token');
    const hint = param(request.query, 'token_hint_type') ?? param(request.body, 'token_hint_type');
    if (!token) return sendJson(server, reply, 'revoke', [400, { error: 'Invalid request' }]);
    server.revokeToken(token, hint === 'refresh_token');
    server.log({ endpoint: 'revoke', status: 200 });
    return reply.code(200).type('text/plain; charset=utf-8').send('OK');
  });

  app.post('/oauth/token/introspect', { config: routeConfig }, async (request, reply) => {
    server.counters.validations++;
    if (await faultOn(server, 'validate', request, reply, dialect.statusBody)) return reply;
    const token = authToken(request, ['Bearer']);
    if (!token) return sendJson(server, reply, 'validate', unauthorized);
    const live = server.introspect(token);
    if (!live) return sendJson(server, reply, 'validate', [200, { data: { active: false }, message: 'OK' }]);
    const data = { active: true, client_id: live.clientId, token_type: 'user', scope: live.scopes.join(' '), exp: Math.floor(live.expiresAt / 1000) };
    return sendJson(server, reply, 'validate', [200, { data, message: 'OK' }], live.grantId);
  });

  app.get('/public/v1/users', { config: routeConfig }, async (request, reply) => {
    server.counters.whoamiCalls++;
    if (await faultOn(server, 'whoami', request, reply, dialect.statusBody)) return reply;
    const live = server.introspect(authToken(request, ['Bearer']));
    if (!live) return sendJson(server, reply, 'whoami', unauthorized);
    if (!live.scopes.includes('user:read')) return sendJson(server, reply, 'whoami', [403, { data: {}, message: 'Forbidden: missing scope user:read' }]);
    const u = live.user;
    const user = { email: live.user.email ?? '', name: u.login, profile_picture: `https://files.kick.com/images/user/${u.id}/profile_image/default.webp`, user_id: Number(u.id) };
    return sendJson(server, reply, 'whoami', [200, { data: [user], message: 'OK' }], live.grantId);
  });
};

const upper = (n: number) => randomBytes(n).toString('base64url').replace(/[^A-Za-z0-9]/g, 'X').toUpperCase();

export const kickFake: FakeDefinition<KickFakeKnobs> = {
  slug: 'kick',
  name: 'Kick',
  users: KICK_USERS,
  knownScopes: KICK_OFFICIAL_SCOPES.map((s) => s.scope),
  defaultKnobs: () => ({
    ...baseKnobs({
      defaultUser: KICK_USERS[1]!.login,
      // "reusable/flexible" since 2025-11-25 with an undocumented window [K4]: 60 s here, a knob to change.
      refreshMode: refreshModes.rotatingWithGrace(60),
      accessTokenLifetime: 7200, // [K1][K6]
      refreshTokenLifetime: 30 * 86_400, // a user report, unverified [K7c]
      unknownScopes: 'ignore', // Kick's behaviour for unknown scopes is undocumented
    }),
    errorShape: 'oauth',
    loopbackRewriteBug: false,
    chatLimit: { messages: 20, windowMs: 30_000 },
    moderators: { [KICK_USERS[1]!.id]: [KICK_USERS[2]!.id] },
  }),
  baseUrls: (root) => baseUrlsUnder(root, KICK_BASE_URLS),
  newToken: (kind) => upper(kind === 'code' ? 24 : 36),
  authorize,
  plugin,
};

/** Starts a fake Kick on 127.0.0.1 (ephemeral port). */
export function startFake(options: StartFakeOptions<KickFakeKnobs> = {}): Promise<FakeHandle<KickFakeKnobs>> {
  return startFakeServer(kickFake, options);
}
