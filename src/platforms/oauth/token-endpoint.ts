/**
 * Token-endpoint calls (authorization_code and refresh_token grants) driven by the capability
 * table: form or JSON body, client id in the body or a header, the secret only in the body
 * (OA-11, RFC 6749 §2.3.1), error bodies on 2xx where the platform sends them.
 */
import type { ClientCredentials, PlatformCapabilities, TokenSet } from '../types.ts';
import { failureFromResponse, oauthError, bodyError, type ErrorNormaliser } from './classify.ts';
import { isSuccess, send, type OutboundResponse, type PlatformHttp } from './http.ts';
import { parseRefreshResponse, parseTokenResponse } from './token-response.ts';

export interface TokenEndpoint {
  /** Where this grant is posted (Trovo has one URL per grant). */
  url: string;
  caps: PlatformCapabilities;
  normaliseError: ErrorNormaliser;
}

const PURPOSE = 'token request';

/** Posts grant parameters with client authentication as the platform wants it; returns the 2xx JSON body. */
async function postToken(http: PlatformHttp, endpoint: TokenEndpoint, credentials: ClientCredentials, grant: Record<string, string | undefined>): Promise<unknown> {
  const { caps } = endpoint;
  if (caps.requiresClientSecret && !credentials.clientSecret) {
    // Sending it anyway would only earn an invalid_client from the platform.
    throw oauthError(http, PURPOSE, 'invalid_client');
  }
  const headers: Record<string, string> = {};
  const params: Record<string, string | undefined> = { ...grant };
  if (caps.clientIdHeader) headers[caps.clientIdHeader] = credentials.clientId;
  else params.client_id = credentials.clientId;
  params.client_secret = credentials.clientSecret || undefined;
  const res = await send(http, {
    method: 'POST',
    url: endpoint.url,
    headers,
    ...(caps.tokenBody === 'json' ? { json: dropUndefined(params) } : { form: params }),
    purpose: PURPOSE,
  });
  return successBody(http, PURPOSE, res, endpoint.normaliseError, caps.errorBodyOn200 === true);
}

/**
 * The JSON body of a 2xx answer; a failure answer (or a 2xx error envelope where the platform uses
 * them) becomes the matching PlatformError.
 */
function successBody(http: PlatformHttp, purpose: string, res: OutboundResponse, normalise: ErrorNormaliser, errorsOn200: boolean): unknown {
  if (!isSuccess(res)) throw failureFromResponse(http, purpose, res, normalise);
  if (errorsOn200 && normalise(res.status, res.json, res.text)) throw failureFromResponse(http, purpose, res, normalise);
  if (!res.isJson) throw bodyError(http, purpose, res.text.trim() === '' ? 'the body is empty' : 'the body is not JSON', res.status);
  return res.json;
}

function dropUndefined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * authorization_code grant (RFC 6749 §4.1.3). The redirect URI is the one sent to authorize; the
 * PKCE verifier goes only where the platform takes PKCE.
 */
export async function exchangeCode(
  http: PlatformHttp,
  endpoint: TokenEndpoint,
  params: { credentials: ClientCredentials; code: string; redirectUri: string; codeVerifier?: string | undefined },
): Promise<TokenSet> {
  const body = await postToken(http, endpoint, params.credentials, {
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: endpoint.caps.pkce === 'S256' ? params.codeVerifier : undefined,
  });
  return parseTokenResponse(http, body, endpoint.caps.defaultAccessTokenLifetime);
}

/**
 * refresh_token grant (RFC 6749 §6). The result always carries a refresh token: the rotated one, or
 * the one presented when the answer has none (see parseRefreshResponse).
 */
export async function refreshToken(http: PlatformHttp, endpoint: TokenEndpoint, params: { credentials: ClientCredentials; refreshToken: string }): Promise<TokenSet> {
  const body = await postToken(http, endpoint, params.credentials, { grant_type: 'refresh_token', refresh_token: params.refreshToken });
  return parseRefreshResponse(http, body, endpoint.caps.defaultAccessTokenLifetime, params.refreshToken);
}

/** A GET/POST to an API or validate endpoint with a user token; returns the 2xx JSON body. */
export async function callWithToken(
  http: PlatformHttp,
  request: { method: 'GET' | 'POST'; url: string; authorization: string; headers?: Record<string, string>; purpose: string },
  normalise: ErrorNormaliser,
  errorsOn200 = false,
): Promise<unknown> {
  const res = await send(http, {
    method: request.method,
    url: request.url,
    headers: { authorization: request.authorization, ...request.headers },
    purpose: request.purpose,
  });
  return successBody(http, request.purpose, res, normalise, errorsOn200);
}
