/**
 * Fake Google OAuth + YouTube channels.list for tests and sandbox mode: RFC 6749 error bodies
 * [G2][G16], a refresh token only offline and on first consent or prompt=consent [G1], PKCE S256 or
 * plain [G1], refresh answers without refresh_token [G1], tokeninfo with string numbers [G4], revoke
 * ending the whole grant [G5], the 100-grants-per-user cap [G2], Google's API error envelope [G7].
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { baseUrlsUnder } from '../definition.ts';
import { registerAuthorize, redirectWith, type AuthorizeFailure, type AuthorizeProtocol } from '../fake/authorize-flow.ts';
import { escapeHtml } from '../fake/consent.ts';
import { startFakeServer, type FakeHandle, type StartFakeOptions } from '../fake/harness.ts';
import { baseKnobs, refreshModes } from '../fake/knobs.ts';
import { authToken, installFakeBasics, param, secondsLeft } from '../fake/plugin-kit.ts';
import { faultOn, handleToken, sendJson, type Answer, type TokenDialect, oauthTokenParams } from '../fake/token-flow.ts';
import type { FakeDefinition, FakeKnobs, FakePluginOptions, FakeUser } from '../fake/types.ts';
import { YOUTUBE_BASE_URLS } from './index.ts';
import { FakeLiveChat, liveChatPlugin } from './fake-live-chat.ts';
import { YOUTUBE_SCOPES } from './scopes.ts';

export type YouTubeFakeKnobs = FakeKnobs;

/** Test users: the id is the channel id (`UC…`, 24 characters); one Google account owns no channel. */
const YOUTUBE_USERS: readonly FakeUser[] = [
  { id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw', login: '@googledevelopers', displayName: 'Google for Developers', email: 'devs@example.test' },
  { id: 'UCb1fr0stStr3amer0ne000A', login: '@streamerone', displayName: 'Streamer One', email: 'streamer@example.test' },
  { id: 'UCb1fr0stB0tAccount0000B', login: '@bifrostbot', displayName: 'Bifrost Bot' },
  { id: '104858372910374651234', login: 'nochannel', displayName: 'No Channel', hasChannel: false },
];

const oauthErr = (status: number, error: string, description: string): Answer => [status, { error, error_description: description }];

/** Google's API error envelope [G7]. */
const apiErr = (code: number, status: string, reason: string, message: string): Answer => [code, { error: { code, message, errors: [{ message, domain: 'global', reason }], status } }];

const dialect: TokenDialect = {
  pkce: 'if_challenged',
  statusBody: (status) => (status === 429 ? { error: 'rate_limit_exceeded', error_description: 'Rate limit exceeded' } : { error: 'internal_failure', error_description: 'Backend Error' }),
  invalidClient: (reason) =>
    reason === 'unknown_client'
      ? oauthErr(401, 'invalid_client', 'The OAuth client was not found.')
      : reason === 'missing_secret'
        ? oauthErr(400, 'invalid_request', 'client_secret is missing.')
        : oauthErr(401, 'invalid_client', 'Unauthorized'),
  invalidGrant: (reason, grantType) => {
    if (reason === 'redirect_mismatch') return oauthErr(400, 'redirect_uri_mismatch', 'Bad Request');
    if (reason === 'pkce_missing') return oauthErr(400, 'invalid_grant', 'Missing code verifier.');
    if (reason === 'pkce_mismatch') return oauthErr(400, 'invalid_grant', 'Invalid code verifier.');
    return oauthErr(400, 'invalid_grant', grantType === 'refresh_token' ? 'Token has been expired or revoked.' : 'Bad Request');
  },
  invalidRequest: (detail) => oauthErr(400, detail.includes('grant_type') ? 'unsupported_grant_type' : 'invalid_request', detail),
  // refresh_token only when issued (offline + first consent) or rotated (a non-default knob); scope a space string [G1].
  success: (t, grantType) => ({
    access_token: t.accessToken,
    expires_in: t.expiresIn,
    ...(t.refreshToken && (grantType === 'authorization_code' || t.rotated) ? { refresh_token: t.refreshToken } : {}),
    scope: t.scopes.join(' '),
    token_type: 'Bearer',
  }),
};

function errorPage(reply: FastifyReply, status: number, code: string, detail: string): FastifyReply {
  // Google shows an HTML error page, not a redirect, when the client or redirect URI is wrong.
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}: ${escapeHtml(code)}</title></head><body><h1>Access blocked: authorization error</h1><p>Error ${status}: ${escapeHtml(code)}</p><p>${escapeHtml(detail)}</p></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

const REFUSALS: Record<AuthorizeFailure['kind'], [number, string]> = {
  unknown_client: [401, 'invalid_client'],
  bad_redirect: [400, 'redirect_uri_mismatch'],
  invalid_scope: [400, 'invalid_scope'],
  invalid_request: [400, 'invalid_request'],
  unsupported_response_type: [400, 'unsupported_response_type'],
};

const authorize: AuthorizeProtocol = {
  parse(q) {
    if (!q.client_id) return { ok: false, error: { kind: 'invalid_request', detail: 'Missing required parameter: client_id' } };
    if (!q.redirect_uri) return { ok: false, error: { kind: 'invalid_request', detail: 'Missing required parameter: redirect_uri' } };
    if (q.response_type !== 'code') return { ok: false, error: { kind: 'unsupported_response_type', detail: 'response_type must be code' } };
    if (!q.scope) return { ok: false, error: { kind: 'invalid_request', detail: 'Missing required parameter: scope' } };
    const method = q.code_challenge ? (q.code_challenge_method ?? 'plain') : undefined;
    if (method !== undefined && method !== 'S256' && method !== 'plain') return { ok: false, error: { kind: 'invalid_request', detail: 'Invalid code_challenge_method' } };
    return {
      ok: true,
      value: {
        clientId: q.client_id,
        redirectUri: q.redirect_uri,
        scopes: q.scope.split(' ').filter(Boolean),
        state: q.state,
        codeChallenge: q.code_challenge,
        codeChallengeMethod: method,
        offline: q.access_type === 'offline',
        forceConsent: (q.prompt ?? '').split(' ').includes('consent'),
      },
    };
  },
  approved: (req, code, scopes) => redirectWith(req.redirectUri, [['state', req.state], ['code', code], ['scope', scopes.join(' ')]]),
  denied: (req) => redirectWith(req.redirectUri, [['error', 'access_denied'], ['state', req.state]]),
  refuse: (reply, failure) => {
    const [status, code] = REFUSALS[failure.kind];
    return errorPage(reply, status, code, failure.detail);
  },
  describeScope: (scope) => YOUTUBE_SCOPES.all.find((s) => s.scope === scope)?.description ?? scope,
};

const READ_SCOPES = ['youtube', 'youtube.force-ssl', 'youtube.readonly'].map((s) => `https://www.googleapis.com/auth/${s}`);

const plugin: FastifyPluginAsync<FakePluginOptions<YouTubeFakeKnobs>> = async (app, { server, routeConfig = {} }) => {
  installFakeBasics(app, routeConfig);
  registerAuthorize(app, server, authorize, '/o/oauth2/v2/auth', routeConfig);
  // Live chat (liveBroadcasts, liveChatMessages, POST /events) with this fake's tokens.
  await app.register(liveChatPlugin, { chat: new FakeLiveChat(() => server.now()), tokenValid: (t) => server.introspect(t) !== undefined, routeConfig });

  app.post('/token', { config: routeConfig }, async (request, reply) => {
    return handleToken(server, request, reply, oauthTokenParams((name) => param(request.body, name)), dialect);
  });

  app.post('/revoke', { config: routeConfig }, async (request, reply) => {
    server.counters.revocations++;
    if (await faultOn(server, 'revoke', request, reply, dialect.statusBody)) return reply;
    // `token` as a form field or a query parameter [G5]; either kind ends the whole grant.
    const token = param(request.body, 'token') ?? param(request.query, 'token');
    if (!token || !server.revokeToken(token, true)) return sendJson(server, reply, 'revoke', oauthErr(400, 'invalid_token', 'Token expired or revoked'));
    server.log({ endpoint: 'revoke', status: 200 });
    return reply.code(200).type('application/json').send('{}');
  });

  const tokeninfo = async (request: FastifyRequest, reply: FastifyReply) => {
    server.counters.validations++;
    if (await faultOn(server, 'validate', request, reply, dialect.statusBody)) return reply;
    const token = param(request.query, 'access_token') ?? param(request.body, 'access_token') ?? authToken(request, ['Bearer']);
    const live = server.introspect(token);
    if (!live) return sendJson(server, reply, 'validate', oauthErr(400, 'invalid_token', 'Invalid Value'));
    const left = secondsLeft(live.expiresAt, server.now());
    // Numbers as strings, as tokeninfo sends them [G4]; `sub` is the Google account, not the channel.
    const info = { azp: live.clientId, aud: live.clientId, sub: `1${live.user.id.replace(/\D/g, '').padEnd(20, '7').slice(0, 20)}`, scope: live.scopes.join(' '), exp: String(Math.floor(live.expiresAt / 1000)), expires_in: String(left), access_type: 'offline' };
    return sendJson(server, reply, 'validate', [200, info], live.grantId);
  };
  app.get('/tokeninfo', { config: routeConfig }, tokeninfo);
  app.post('/tokeninfo', { config: routeConfig }, tokeninfo);

  app.get('/youtube/v3/channels', { config: routeConfig }, async (request, reply) => {
    server.counters.whoamiCalls++;
    if (await faultOn(server, 'whoami', request, reply, dialect.statusBody)) return reply;
    const live = server.introspect(authToken(request, ['Bearer']));
    if (!live) return sendJson(server, reply, 'whoami', apiErr(401, 'UNAUTHENTICATED', 'authError', 'Request had invalid authentication credentials.'));
    if (param(request.query, 'part') === undefined) return sendJson(server, reply, 'whoami', apiErr(400, 'INVALID_ARGUMENT', 'required', 'Required parameter: part'));
    if (!live.scopes.some((s) => READ_SCOPES.includes(s))) return sendJson(server, reply, 'whoami', apiErr(403, 'PERMISSION_DENIED', 'insufficientPermissions', 'Request had insufficient authentication scopes.'));
    const u = live.user;
    const base = { kind: 'youtube#channelListResponse', etag: 'fake-etag' };
    if (u.hasChannel === false) return sendJson(server, reply, 'whoami', [200, { ...base, pageInfo: { totalResults: 0, resultsPerPage: 5 } }], live.grantId);
    const item = { kind: 'youtube#channel', etag: 'fake-etag', id: u.id, snippet: { title: u.displayName, description: '', customUrl: u.login, publishedAt: '2015-01-01T00:00:00Z', thumbnails: {} } };
    return sendJson(server, reply, 'whoami', [200, { ...base, pageInfo: { totalResults: 1, resultsPerPage: 5 }, items: [item] }], live.grantId);
  });
};

const b64 = (n: number) => randomBytes(n).toString('base64url');

export const youtubeFake: FakeDefinition<YouTubeFakeKnobs> = {
  slug: 'youtube',
  name: 'YouTube',
  users: YOUTUBE_USERS,
  knownScopes: YOUTUBE_SCOPES.all.map((s) => s.scope),
  refreshTokenOnFirstConsentOnly: true,
  defaultKnobs: () =>
    baseKnobs({
      defaultUser: YOUTUBE_USERS[1]!.login,
      refreshMode: refreshModes.nonRotating, // [G1]
      accessTokenLifetime: 3599, // [G15a]
      unknownScopes: 'reject', // Error 400: invalid_scope
      grantsPerUserCap: 100, // current docs; older ones say 25 or 50 (CONFLICT) [G2][G15]
    }),
  baseUrls: (root) => baseUrlsUnder(root, YOUTUBE_BASE_URLS),
  newToken: (kind) => (kind === 'access' ? `ya29.${b64(48)}` : kind === 'refresh' ? `1//0${b64(48)}` : `4/0${b64(32)}`),
  authorize,
  plugin,
};

/** Starts a fake YouTube (Google OAuth + channels.list) on 127.0.0.1 (ephemeral port). */
export function startFake(options: StartFakeOptions<YouTubeFakeKnobs> = {}): Promise<FakeHandle<YouTubeFakeKnobs>> {
  return startFakeServer(youtubeFake, options);
}
