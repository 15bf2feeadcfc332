/**
 * Fake Twitch (id.twitch.tv + Helix users) for tests and sandbox mode: `{status,message}` errors
 * [T8][T23], scope arrays [T6], token parameters from the body or the query string [T9], validate
 * only with the `OAuth` scheme [T3], Helix requiring Client-Id and Bearer [T9], no PKCE [T10].
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { baseUrlsUnder } from '../definition.ts';
import { registerAuthorize, redirectWith, type AuthorizeProtocol } from '../fake/authorize-flow.ts';
import { startFakeServer, type FakeHandle, type StartFakeOptions } from '../fake/harness.ts';
import { baseKnobs, refreshModes } from '../fake/knobs.ts';
import { authToken, bodyOrQuery, installFakeBasics, secondsLeft } from '../fake/plugin-kit.ts';
import { faultOn, handleToken, sendJson, type Answer, type TokenDialect, oauthTokenParams } from '../fake/token-flow.ts';
import type { FakeDefinition, FakeKnobs, FakePluginOptions, FakeUser } from '../fake/types.ts';
import { eventSubPlugin } from './fake-eventsub.ts';
import { TWITCH_BASE_URLS } from './index.ts';
import { TWITCH_SCOPES } from './scopes.ts';
import { registerTwitchChat } from './fake-chat.ts';

export interface TwitchFakeKnobs extends FakeKnobs {
  /** The twitch-cli mock accepts `Bearer` on /validate; the docs say `OAuth` [T6][T9]. Default false (strict). */
  validateAcceptsBearer: boolean;
  /** Channel (broadcaster id) → user ids that moderate it: 100 sends per 30 s instead of 20, and moderation rights [T12]. */
  moderators: Record<string, string[]>;
  /** Drop every send with this reason (HTTP 200, `is_sent: false`) [T20]; null: drop only banned or timed-out senders. */
  chatDrop: { code: string; message: string } | null;
}

/** Test users (ids are numeric strings; login lower-case, display name may differ in case [T8]). */
const TWITCH_USERS: readonly FakeUser[] = [
  { id: '141981764', login: 'twitchdev', displayName: 'TwitchDev', email: 'twitchdev@example.test' },
  { id: '12826', login: 'streamer_one', displayName: 'Streamer_One', email: 'streamer@example.test' },
  { id: '98765432', login: 'bifrost_bot', displayName: 'Bifrost_Bot' },
];

/** `{"error":"Bad Request","status":400,"message":…}` as the docs show it [T23]. */
const err = (status: number, message: string): Answer => [status, { error: status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error', status, message }];

const REASONS: Record<number, string> = { 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

const dialect: TokenDialect = {
  pkce: 'ignored',
  statusBody: (status) => ({ error: REASONS[status] ?? 'Error', status, message: REASONS[status] ?? 'error' }),
  invalidClient: (reason) => (reason === 'bad_secret' ? err(403, 'invalid client secret') : reason === 'missing_secret' ? err(400, 'missing client secret') : err(400, 'invalid client')),
  invalidGrant: (reason, grantType) =>
    reason === 'redirect_mismatch'
      ? err(400, 'Parameter redirect_uri does not match registered URI')
      : err(400, grantType === 'refresh_token' ? 'Invalid refresh token' : 'Invalid authorization code'),
  invalidRequest: (detail) => err(400, detail),
  success: (t) => ({ access_token: t.accessToken, expires_in: t.expiresIn, refresh_token: t.refreshToken, scope: t.scopes, token_type: 'bearer' }),
};

const authorize: AuthorizeProtocol = {
  parse(q) {
    if (q.response_type !== 'code') return { ok: false, error: { kind: 'unsupported_response_type', detail: 'response_type must be code' } };
    if (!q.client_id) return { ok: false, error: { kind: 'invalid_request', detail: 'missing client_id' } };
    if (!q.redirect_uri) return { ok: false, error: { kind: 'invalid_request', detail: 'missing redirect_uri' } };
    const scopes = (q.scope ?? '').split(' ').filter(Boolean);
    // A code_challenge is ignored: Twitch has no PKCE [T10].
    return { ok: true, value: { clientId: q.client_id, redirectUri: q.redirect_uri, scopes, state: q.state, offline: true, forceConsent: q.force_verify === 'true' } };
  },
  approved: (req, code, scopes) => redirectWith(req.redirectUri, [['code', code], ['scope', scopes.join(' ')], ['state', req.state]]),
  denied: (req) => redirectWith(req.redirectUri, [['error', 'access_denied'], ['error_description', 'The user denied you access'], ['state', req.state]]),
  refuse(reply, failure) {
    const message =
      failure.kind === 'unknown_client' ? 'invalid client' : failure.kind === 'bad_redirect' ? 'Parameter redirect_uri does not match registered URI' : failure.detail;
    const [status, body] = err(400, message);
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  },
  describeScope: (scope) => TWITCH_SCOPES.all.find((s) => s.scope === scope)?.description ?? scope,
};

const plugin: FastifyPluginAsync<FakePluginOptions<TwitchFakeKnobs>> = async (app, { server, routeConfig = {} }) => {
  installFakeBasics(app, routeConfig);
  registerAuthorize(app, server, authorize, '/oauth2/authorize', routeConfig);
  registerTwitchChat(app, server, routeConfig);
  // EventSub: the WebSocket at /ws, Helix subscriptions and the POST /events control.
  await app.register(eventSubPlugin, { server, routeConfig });

  app.post('/oauth2/token', { config: routeConfig }, async (request, reply) => {
    return handleToken(server, request, reply, oauthTokenParams((name) => bodyOrQuery(request, name)), dialect);
  });

  app.post('/oauth2/revoke', { config: routeConfig }, async (request, reply) => {
    server.counters.revocations++;
    if (await faultOn(server, 'revoke', request, reply, dialect.statusBody)) return reply;
    const clientId = bodyOrQuery(request, 'client_id');
    const token = bodyOrQuery(request, 'token');
    if (!server.knowsClient(clientId)) return sendJson(server, reply, 'revoke', err(400, `Invalid client_id: ${clientId ?? ''}`));
    if (!token) return sendJson(server, reply, 'revoke', err(400, 'missing oauth token'));
    // Revoking the access token ends the grant (assumed: what "disconnect" needs; not documented [T6][T9]).
    // An unknown token still answers 200 (library test, unverified [T8]).
    server.revokeToken(token, true);
    server.log({ endpoint: 'revoke', status: 200 });
    return reply.code(200).send();
  });

  app.get('/oauth2/validate', { config: routeConfig }, async (request, reply) => {
    server.counters.validations++;
    if (await faultOn(server, 'validate', request, reply, dialect.statusBody)) return reply;
    const token = authToken(request, server.knobs.validateAcceptsBearer ? ['OAuth', 'Bearer'] : ['OAuth']);
    if (!request.headers.authorization) return sendJson(server, reply, 'validate', err(401, 'missing authorization token'));
    const live = server.introspect(token);
    if (!live) return sendJson(server, reply, 'validate', err(401, 'invalid access token'));
    return sendJson(server, reply, 'validate', [200, { client_id: live.clientId, login: live.user.login, scopes: live.scopes, user_id: live.user.id, expires_in: secondsLeft(live.expiresAt, server.now()) }], live.grantId);
  });

  app.get('/helix/users', { config: routeConfig }, async (request, reply) => {
    server.counters.whoamiCalls++;
    if (await faultOn(server, 'whoami', request, reply, dialect.statusBody)) return reply;
    const clientId = request.headers['client-id'];
    const live = server.introspect(authToken(request, ['Bearer']));
    if (typeof clientId !== 'string' || clientId === '') return sendJson(server, reply, 'whoami', err(401, 'Client ID is missing'));
    if (!live) return sendJson(server, reply, 'whoami', err(401, 'Invalid OAuth token'));
    if (live.clientId !== clientId) return sendJson(server, reply, 'whoami', err(401, 'Client ID and OAuth token do not match'));
    const u = live.user;
    const email = live.scopes.includes('user:read:email') ? { email: u.email } : {};
    const user = { id: u.id, login: u.login, display_name: u.displayName, type: '', broadcaster_type: '', description: '', profile_image_url: '', offline_image_url: '', view_count: 0, ...email, created_at: '2016-12-14T20:32:28.894263Z' };
    return sendJson(server, reply, 'whoami', [200, { data: [user] }], live.grantId);
  });
};

/** Twitch-style tokens: 30 lower-case alphanumerics (access), 50 (refresh) [T21]. */
function twitchToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export const twitchFake: FakeDefinition<TwitchFakeKnobs> = {
  slug: 'twitch',
  name: 'Twitch',
  users: TWITCH_USERS,
  knownScopes: TWITCH_SCOPES.all.map((s) => s.scope),
  defaultKnobs: () => ({
    ...baseKnobs({
      defaultUser: TWITCH_USERS[0]!.login,
      // Twitch "may" rotate [T2]; confidential clients observed keeping the token: non-rotating by default.
      refreshMode: refreshModes.nonRotating,
      accessTokenLifetime: 14_400,
      unknownScopes: 'reject', // 400 "invalid scope requested" [T8]
      accessTokenCap: { max: 50, onExceed: 'revoke_oldest' }, // 50 per refresh token [T12b]; what happens beyond is unverified
    }),
    validateAcceptsBearer: false,
    moderators: { [TWITCH_USERS[1]!.id]: [TWITCH_USERS[2]!.id] },
    chatDrop: null,
  }),
  baseUrls: (root) => baseUrlsUnder(root, TWITCH_BASE_URLS),
  newToken: (kind) => twitchToken(kind === 'refresh' ? 50 : 30),
  authorize,
  plugin,
};

/** Starts a fake Twitch on 127.0.0.1 (ephemeral port). */
export function startFake(options: StartFakeOptions<TwitchFakeKnobs> = {}): Promise<FakeHandle<TwitchFakeKnobs>> {
  return startFakeServer(twitchFake, options);
}
