/**
 * What every chat adapter shares: one authenticated call whose failures become PlatformErrors the
 * chat capability can act on (401 → `invalid_token` and 403 naming a scope → `insufficient_scope`, 429 with
 * the seconds to wait from Retry-After or a rate-limit reset header, a network failure of a send
 * marked `maybeDelivered`), and the timeout arithmetic of the capability table.
 */
import type { ChatCapabilities } from './chat-types.ts';
import { ChatRefused, PlatformError } from './errors.ts';
import { failureFromResponse, oauthError, type ErrorNormaliser } from './oauth/classify.ts';
import { isSuccess, send, type OutboundRequest, type OutboundResponse, type PlatformHttp } from './oauth/http.ts';
import { parseRateLimitReset, parseRetryAfter } from './oauth/retry-after.ts';

export interface ChatRequest extends Omit<OutboundRequest, 'headers' | 'form'> {
  /** The whole Authorization header value (`Bearer …`, Trovo `OAuth …`). */
  authorization: string;
  headers?: Record<string, string>;
}

export interface ChatRequestOptions {
  /** A send: a network failure after connecting may have delivered it (`maybeDelivered`). */
  send?: boolean;
  /** The platform may put an error envelope in a 2xx body (Trovo). */
  errorsOn200?: boolean;
  /** Reads a failure answer that is the platform's refusal on its own terms ("user is already banned"). */
  refusal?: (res: OutboundResponse) => ChatRefused | undefined;
}

/** Causes that prove the request never left (nothing can have been delivered). */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/** Sends one chat or moderation call; resolves with a 2xx answer, rejects with a PlatformError. */
export async function chatRequest(http: PlatformHttp, req: ChatRequest, normalise: ErrorNormaliser, options: ChatRequestOptions = {}): Promise<OutboundResponse> {
  let res: OutboundResponse;
  try {
    res = await send(http, { ...req, headers: { authorization: req.authorization, ...req.headers } });
  } catch (err) {
    if (options.send && err instanceof PlatformError && err.kind === 'network' && !NOT_SENT.test(String((err.cause as Error | undefined)?.message))) {
      throw new PlatformError({
        platform: http.platform,
        kind: 'network',
        maybeDelivered: true,
        message: `${http.name} did not answer the ${req.purpose}; the message may have been delivered, so it is not sent again`,
        cause: err.cause,
      });
    }
    throw err;
  }
  if (isSuccess(res) && !(options.errorsOn200 && normalise(res.status, res.json, res.text))) return res;
  const refused = options.refusal?.(res);
  if (refused) throw refused;
  throw chatFailure(http, req.purpose, res, normalise);
}

/** Classifies a failed chat answer (see the file comment). */
export function chatFailure(http: PlatformHttp, purpose: string, res: OutboundResponse, normalise: ErrorNormaliser): PlatformError {
  if (res.status === 401) {
    const n = normalise(res.status, res.json, res.text);
    return oauthError(http, purpose, n?.kind === 'oauth' && n.code === 'insufficient_scope' ? 'insufficient_scope' : 'invalid_token', 401);
  }
  if (res.status === 403) {
    // A missing scope is the grant's fault (reconnect to fix it); any other 403 is the platform's refusal (not a moderator …).
    const n = normalise(res.status, res.json, res.text);
    if ((n?.kind === 'oauth' && n.code === 'insufficient_scope') || /scope/i.test(res.text)) return oauthError(http, purpose, 'insufficient_scope', 403);
    return new PlatformError({ platform: http.platform, kind: 'status', httpStatus: 403, message: `${http.name} refused the ${purpose} (HTTP 403): the sender may not do this in this channel` });
  }
  const failure = failureFromResponse(http, purpose, res, normalise);
  if (failure.httpStatus !== 429 || failure.retryAfter !== undefined) return failure;
  const now = http.now();
  const retryAfter =
    parseRetryAfter(res.headers.get('retry-after'), now) ?? parseRateLimitReset(res.headers.get('ratelimit-reset') ?? res.headers.get('x-ratelimit-reset'), now);
  if (retryAfter === undefined) return failure;
  return new PlatformError({ platform: http.platform, kind: 'status', httpStatus: 429, retryAfter, message: `${failure.message}; retry after ${retryAfter} s` });
}

/** A platform's refusal code, kept only when it looks like a code (nothing the platform wrote goes out verbatim). */
export function refusalCode(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : fallback;
}

/** The body of a 2xx answer as JSON, or undefined when it has none. */
export function jsonOf(res: OutboundResponse): unknown {
  return res.isJson ? res.json : undefined;
}

/**
 * A requested timeout in the platform's unit: rounded up to whole units and clamped to the
 * platform's range. Returns the value to send (in units) and the seconds that amounts to.
 */
export function timeoutUnits(timeout: NonNullable<ChatCapabilities['timeout']>, durationS: number): { units: number; appliedS: number } {
  const clamped = Math.min(Math.max(durationS, timeout.minSeconds), timeout.maxSeconds);
  const units = Math.ceil(clamped / timeout.unitSeconds);
  return { units, appliedS: Math.min(units * timeout.unitSeconds, timeout.maxSeconds) };
}

/** Cuts a reason to the platform's longest (in code points), or drops it where the platform takes none. */
export function fitReason(caps: Pick<ChatCapabilities, 'maxReasonLength'>, reason: string | undefined): string | undefined {
  if (reason === undefined || caps.maxReasonLength === null) return undefined;
  return [...reason].slice(0, caps.maxReasonLength).join('');
}
