/**
 * The token endpoint every fake shares: counts the call, plays faults and latency, checks the client,
 * redeems the code or refreshes, and can drop the connection after rotating. The platform supplies
 * how it reads parameters and how it spells success and errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CodeFailure, FakeAuthServer, IssuedTokens, RefreshFailure } from './auth-server.ts';
import { dropConnection, playFault, takeFault } from './faults.ts';
import type { FakeKnobs } from './types.ts';

export interface TokenParams {
  grantType?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  code?: string | undefined;
  redirectUri?: string | undefined;
  codeVerifier?: string | undefined;
  refreshToken?: string | undefined;
}

/** The RFC 6749 token-request fields under their wire names, read with `read` (form body, query …). */
export function oauthTokenParams(read: (name: string) => string | undefined): TokenParams {
  return {
    grantType: read('grant_type'),
    clientId: read('client_id'),
    clientSecret: read('client_secret'),
    code: read('code'),
    redirectUri: read('redirect_uri'),
    codeVerifier: read('code_verifier'),
    refreshToken: read('refresh_token'),
  };
}

/** An HTTP answer: status and JSON body. */
export type Answer = readonly [status: number, body: unknown];

/** How a platform spells its token-endpoint answers. */
export interface TokenDialect {
  /** PKCE at the token endpoint: required (Kick), checked when a challenge was sent (Google), ignored (Twitch, Trovo). */
  pkce: 'required' | 'if_challenged' | 'ignored';
  /** The platform's 5xx / 429 body. */
  statusBody(status: number): unknown;
  invalidClient(reason: 'unknown_client' | 'missing_secret' | 'bad_secret'): Answer;
  invalidGrant(reason: CodeFailure | RefreshFailure, grantType: string): Answer;
  invalidRequest(detail: string): Answer;
  success(tokens: IssuedTokens, grantType: 'authorization_code' | 'refresh_token'): unknown;
}

function answer(server: FakeAuthServer<FakeKnobs>, reply: FastifyReply, [status, body]: Answer, grantType: string | undefined, grantId?: string): FastifyReply {
  server.log({ endpoint: 'token', grantType, status, grantId });
  return reply.code(status).type('application/json').send(JSON.stringify(body));
}

export async function handleToken(server: FakeAuthServer<FakeKnobs>, request: FastifyRequest, reply: FastifyReply, p: TokenParams, dialect: TokenDialect): Promise<FastifyReply> {
  server.counters.tokenCalls++;
  const fault = takeFault(server, 'token');
  if (fault) {
    await server.latency();
    return playFault(server, fault, request, reply, 'token', dialect.statusBody, p.grantType);
  }
  if (p.grantType !== 'refresh_token') await server.latency();
  if (server.knobs.invalidClient) return answer(server, reply, dialect.invalidClient('unknown_client'), p.grantType);
  if (p.grantType !== 'authorization_code' && p.grantType !== 'refresh_token') {
    return answer(server, reply, dialect.invalidRequest(p.grantType ? 'unsupported grant_type' : 'missing grant_type'), p.grantType);
  }
  const client = server.checkClient(p.clientId, p.clientSecret, server.knobs.requireClientSecret);
  if (client !== 'ok') {
    if (p.grantType === 'refresh_token') await server.latency();
    return answer(server, reply, dialect.invalidClient(client), p.grantType);
  }
  if (p.grantType === 'authorization_code') {
    if (!p.code) return answer(server, reply, dialect.invalidRequest('missing code'), p.grantType);
    const r = server.redeemCode({ clientId: p.clientId!, code: p.code, redirectUri: p.redirectUri, codeVerifier: p.codeVerifier, pkce: dialect.pkce });
    if (!r.ok) return answer(server, reply, dialect.invalidGrant(r.error, p.grantType), p.grantType);
    return answer(server, reply, [200, dialect.success(r.value, 'authorization_code')], p.grantType, r.value.grantId);
  }
  if (!p.refreshToken) {
    await server.latency();
    return answer(server, reply, dialect.invalidRequest('missing refresh token'), p.grantType);
  }
  const r = await server.refresh(p.clientId!, p.refreshToken);
  if (!r.ok) return answer(server, reply, dialect.invalidGrant(r.error, p.grantType), p.grantType, server.grantIdOf(p.refreshToken));
  // The new tokens are committed; the client never hears of them (our crash / lost-response case).
  if (server.knobs.dropAfterRotate) return dropConnection(server, request, reply, 'token', p.grantType);
  return answer(server, reply, [200, dialect.success(r.value, 'refresh_token')], p.grantType, r.value.grantId);
}

/**
 * Plays a fault on a non-token endpoint; whether one was played (the reply is then sent). A boolean,
 * not the reply: a FastifyReply is thenable, so an async function returning it resolves to undefined
 * and the handler would go on to do the real work (a "failed" revoke that revoked).
 */
export async function faultOn(server: FakeAuthServer<FakeKnobs>, endpoint: 'revoke' | 'validate' | 'whoami', request: FastifyRequest, reply: FastifyReply, statusBody: (s: number) => unknown): Promise<boolean> {
  await server.latency();
  const fault = takeFault(server, endpoint);
  if (!fault) return false;
  playFault(server, fault, request, reply, endpoint, statusBody);
  return true;
}

/** Sends a JSON answer on a non-token endpoint and logs it. */
export function sendJson(server: FakeAuthServer<FakeKnobs>, reply: FastifyReply, endpoint: 'revoke' | 'validate' | 'whoami', [status, body]: Answer, grantId?: string): FastifyReply {
  server.log({ endpoint, status, grantId });
  return reply.code(status).type('application/json').send(JSON.stringify(body));
}
