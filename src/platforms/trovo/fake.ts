/**
 * Fake Trovo for tests and sandbox mode: JSON token calls at exchangetoken/refreshtoken with the
 * client id in a `Client-ID` header [R3][R4], `expires_in` as a string and no scope in token answers
 * [R3][R12], `OAuth` authorization only [R3][R5], validate with `client_ID`/`expire_ts` [R5][R13],
 * camelCase getuserinfo [R5], rotating refresh tokens whose old ones stay valid until expiry, a
 * 50-access-token cap per grant [R3], and `{status,error,message}` errors, optionally on HTTP 200.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { baseUrlsUnder } from '../definition.ts';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { registerAuthorize, redirectWith, type AuthorizeProtocol } from '../fake/authorize-flow.ts';
import { startFakeServer, type FakeHandle, type StartFakeOptions } from '../fake/harness.ts';
import { baseKnobs, refreshModes } from '../fake/knobs.ts';
import { authToken, hasWrongScheme, installFakeBasics, param } from '../fake/plugin-kit.ts';
import { faultOn, handleToken, sendJson, type Answer, type TokenDialect } from '../fake/token-flow.ts';
import type { FakeDefinition, FakeKnobs, FakePluginOptions, FakeUser } from '../fake/types.ts';
import { FakeTrovoChat, registerTrovoChatSocket } from './fake-chat-socket.ts';
import { TROVO_BASE_URLS } from './index.ts';
import { TROVO_SCOPES } from './scopes.ts';
import { registerTrovoChat } from './fake-chat.ts';

export interface TrovoFakeKnobs extends FakeKnobs {
  /** Send error envelopes with HTTP 200 instead of 4xx (whether Trovo does is open [R3]; docs/platforms.md, open questions). */
  errorsOnHttp200: boolean;
  /** Requests per window per client id across the chat calls (1,200 a minute for new apps [R3]). */
  appLimit: { requests: number; windowMs: number };
  /** Channel id → user ids that moderate it; the channel's owner always does. */
  moderators: Record<string, string[]>;
}

/** Test users: `userId` and `channelId` differ [R5]. */
const TROVO_USERS: readonly FakeUser[] = [
  { id: '100000021', login: 'trovo_dev', displayName: 'TrovoDev', email: 'dev@example.test', channelId: '100000031' },
  { id: '100000022', login: 'streamer_one', displayName: 'StreamerOne', email: 'streamer@example.test', channelId: '100000032' },
  { id: '100000023', login: 'bifrost_bot', displayName: 'BifrostBot', channelId: '100000033' },
];

/**
 * Error names other than 11706 (rate limit) and -1000 (internal) are this fake's choice in Trovo's
 * camelCase style: the exact codes are not documented in what was read [R3][R14].
 */
const ERRORS = {
  header: { status: 11702, error: 'invalidHeader', message: 'Client-ID is missing in the request header.' },
  client: { status: 11701, error: 'invalidClientId', message: 'Invalid client id or client secret.' },
  refresh: { status: 11730, error: 'invalidRefreshToken', message: 'Refresh token is invalid or expired.' },
  code: { status: 11716, error: 'invalidAuthCode', message: 'Authorization code is invalid or expired.' },
  accessToken: { status: 11703, error: 'invalidAccessToken', message: 'Invalid access token.' },
  scope: { status: 11704, error: 'noPermission', message: 'The access token lacks the scope this call needs.' },
  params: { status: 1002, error: 'invalidParameters', message: 'Invalid parameters.' },
  capped: { status: 11731, error: 'tooManyAccessTokens', message: 'Too many live access tokens for this refresh token.' },
  rateLimit: { status: 11706, error: 'rateLimitExceeded', message: 'API rate limit exceeded' },
  internal: { status: -1000, error: 'internalServerError', message: 'Internal server error.' },
} as const;

function errorAnswer(server: FakeAuthServer<TrovoFakeKnobs>, httpStatus: number, body: object): Answer {
  return [server.knobs.errorsOnHttp200 ? 200 : httpStatus, body];
}

function dialectFor(server: FakeAuthServer<TrovoFakeKnobs>): TokenDialect {
  return {
    pkce: 'ignored',
    statusBody: (status) => (status === 429 ? ERRORS.rateLimit : ERRORS.internal),
    invalidClient: () => errorAnswer(server, 401, ERRORS.client),
    invalidGrant: (reason, grantType) =>
      errorAnswer(server, 400, reason === 'cap_refused' ? ERRORS.capped : grantType === 'refresh_token' ? ERRORS.refresh : reason === 'redirect_mismatch' ? ERRORS.params : ERRORS.code),
    invalidRequest: () => errorAnswer(server, 400, ERRORS.params),
    // expires_in as a quoted string, no scope field [R3][R12]; token_type varies by source (unverified).
    success: (t) => ({ access_token: t.accessToken, token_type: 'OAuth', expires_in: String(t.expiresIn), refresh_token: t.refreshToken }),
  };
}

const authorize: AuthorizeProtocol = {
  parse(q) {
    if (!q.client_id || !q.redirect_uri) return { ok: false, error: { kind: 'invalid_request', detail: 'client_id and redirect_uri are required' } };
    if (q.response_type !== 'code') return { ok: false, error: { kind: 'unsupported_response_type', detail: 'response_type must be code' } };
    // `scope=a+b+c`: a literal `+` separator, which decodes to a space [R3][R11].
    const scopes = (q.scope ?? '').split(/[ +]/).filter(Boolean);
    return { ok: true, value: { clientId: q.client_id, redirectUri: q.redirect_uri, scopes, state: q.state, offline: true, forceConsent: false } };
  },
  approved: (req, code) => redirectWith(req.redirectUri, [['code', code], ['state', req.state]]),
  denied: (req) => redirectWith(req.redirectUri, [['error', 'access_denied'], ['state', req.state]]),
  refuse: (reply, failure) => reply.code(400).type('application/json').send(JSON.stringify(failure.kind === 'unknown_client' ? ERRORS.client : ERRORS.params)),
  describeScope: (scope) => TROVO_SCOPES.all.find((s) => s.scope === scope)?.description ?? scope,
};

const plugin: FastifyPluginAsync<FakePluginOptions<TrovoFakeKnobs>> = async (app, { server, routeConfig = {} }) => {
  installFakeBasics(app, routeConfig);
  registerAuthorize(app, server, authorize, '/page/login.html', routeConfig);
  const dialect = dialectFor(server);
  const clientIdOf = (request: FastifyRequest) => {
    const v = request.headers['client-id'];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };

  /** Both token URLs: JSON body, client id only from the header [R3]. */
  const tokenRoute = (grant: 'authorization_code' | 'refresh_token') => async (request: FastifyRequest, reply: FastifyReply) => {
    const clientId = clientIdOf(request);
    const p = (name: string) => param(request.body, name);
    if (!clientId) {
      server.counters.tokenCalls++;
      return sendToken(reply, errorAnswer(server, 400, ERRORS.header));
    }
    const grantType = p('grant_type');
    if (grantType !== grant) {
      server.counters.tokenCalls++;
      return sendToken(reply, errorAnswer(server, 400, ERRORS.params));
    }
    return handleToken(server, request, reply, { grantType, clientId, clientSecret: p('client_secret'), code: p('code'), redirectUri: p('redirect_uri'), refreshToken: p('refresh_token') }, dialect);
  };
  const sendToken = (reply: FastifyReply, [status, body]: Answer) => {
    server.log({ endpoint: 'token', status });
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  };
  app.post('/openplatform/exchangetoken', { config: routeConfig }, tokenRoute('authorization_code'));
  app.post('/openplatform/refreshtoken', { config: routeConfig }, tokenRoute('refresh_token'));

  /** The live grant behind `Authorization: OAuth <token>` sent with a matching Client-ID, or the error to answer. */
  const userCall = (request: FastifyRequest) => {
    const clientId = clientIdOf(request);
    if (!clientId) return { error: errorAnswer(server, 400, ERRORS.header) };
    // A Bearer header looks like a bad token to Trovo [R3].
    if (hasWrongScheme(request, ['OAuth'])) return { error: errorAnswer(server, 401, ERRORS.accessToken) };
    const live = server.introspect(authToken(request, ['OAuth']));
    if (!live || live.clientId !== clientId) return { error: errorAnswer(server, 401, ERRORS.accessToken) };
    return { live };
  };

  registerTrovoChat(app, server, routeConfig, { userCall, error: (status, kind) => errorAnswer(server, status, ERRORS[kind]) });
  // Chat service (tokens, the WebSocket at /chat, POST /events); GET /chat stays the chat listing above.
  registerTrovoChatSocket(app, new FakeTrovoChat(server), routeConfig, { socketRoute: false });

  app.get('/openplatform/validate', { config: routeConfig }, async (request, reply) => {
    server.counters.validations++;
    if (await faultOn(server, 'validate', request, reply, dialect.statusBody)) return reply;
    const { live, error } = userCall(request);
    if (!live) return sendJson(server, reply, 'validate', error!);
    const body = { uid: live.user.id, client_ID: live.clientId, nick_name: live.user.displayName, scopes: live.scopes, expire_ts: String(Math.floor(live.expiresAt / 1000)) };
    return sendJson(server, reply, 'validate', [200, body], live.grantId);
  });

  app.post('/openplatform/revoke', { config: routeConfig }, async (request, reply) => {
    server.counters.revocations++;
    if (await faultOn(server, 'revoke', request, reply, dialect.statusBody)) return reply;
    if (!clientIdOf(request)) return sendJson(server, reply, 'revoke', errorAnswer(server, 400, ERRORS.header));
    const token = param(request.body, 'access_token');
    // Revoking the access token ends the grant (assumed; Trovo documents no refresh-token revoke).
    if (!token || !server.revokeToken(token, true)) return sendJson(server, reply, 'revoke', errorAnswer(server, 401, ERRORS.accessToken));
    return sendJson(server, reply, 'revoke', [200, {}]);
  });

  app.get('/openplatform/getuserinfo', { config: routeConfig }, async (request, reply) => {
    server.counters.whoamiCalls++;
    if (await faultOn(server, 'whoami', request, reply, dialect.statusBody)) return reply;
    const { live, error } = userCall(request);
    if (!live) return sendJson(server, reply, 'whoami', error!);
    if (!live.scopes.includes('user_details_self')) return sendJson(server, reply, 'whoami', errorAnswer(server, 403, ERRORS.scope));
    const u = live.user;
    const body = { userId: u.id, userName: u.login, nickName: u.displayName, email: u.email ?? '', profilePic: '', info: '', channelId: u.channelId ?? u.id };
    return sendJson(server, reply, 'whoami', [200, body], live.grantId);
  });
};

export const trovoFake: FakeDefinition<TrovoFakeKnobs> = {
  slug: 'trovo',
  name: 'Trovo',
  users: TROVO_USERS,
  knownScopes: TROVO_SCOPES.all.map((s) => s.scope),
  defaultKnobs: () => ({
    ...baseKnobs({
      defaultUser: TROVO_USERS[1]!.login,
      // The old refresh token stays valid until its own 30-day expiry [R3].
      refreshMode: refreshModes.rotatingWithGrace(30 * 86_400),
      accessTokenLifetime: 14_400,
      refreshTokenLifetime: 30 * 86_400,
      unknownScopes: 'ignore', // undocumented
      accessTokenCap: { max: 50, onExceed: 'refuse' }, // [R3]
    }),
    errorsOnHttp200: false,
    appLimit: { requests: 1_200, windowMs: 60_000 },
    // The bot moderates Streamer One's channel.
    moderators: { [TROVO_USERS[1]!.channelId!]: [TROVO_USERS[2]!.id] },
  }),
  baseUrls: (root) => baseUrlsUnder(root, TROVO_BASE_URLS),
  newToken: () => randomBytes(16).toString('hex'),
  authorize,
  plugin,
};

/** Starts a fake Trovo on 127.0.0.1 (ephemeral port). */
export function startFake(options: StartFakeOptions<TrovoFakeKnobs> = {}): Promise<FakeHandle<TrovoFakeKnobs>> {
  return startFakeServer(trovoFake, options);
}
