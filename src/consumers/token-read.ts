/**
 * Handing a token to a consumer: the access token valid for at least tokens.read_margin (refreshed
 * first through the one refresh path when it is not), never the refresh token. While the platform
 * cannot refresh, a token that is still valid is better than none; an expired one is a 503 with
 * Retry-After, never a stale token and never a 500. Reads obey the pace rule (refresh/schedule.ts): a token
 * issued less than half its lifetime ago is the freshest there is and is handed out as it is.
 */
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { parseScopes } from '../integrations/model.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { openAccessToken } from '../tokens/sealed-tokens.ts';
import type { CachedToken } from '../tokens/token-store.ts';
import { earliestRefreshAt, mayRefresh, validFor } from '../refresh/schedule.ts';
import { singleFlight } from '../refresh/single-flight.ts';
import { consumerActor, mayRead, readDenied, type Consumer } from './consumer.ts';
import type { ConsumerContext } from './context.ts';
import { isUndecryptable, markUndecryptable } from '../refresh/undecryptable.ts';
import type { Attribution } from '../access/caller.ts';

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_at: string;
  scopes: string[];
  platform: string;
  integration_type: 'channel' | 'bot';
  platform_user_id: string;
  platform_username: string;
}

/** Reports arriving this soon after a refresh are about the token it replaced (min_refresh_interval, if longer, applies too). */
const REPORT_COOLDOWN_MS = 10_000;

/** A still-valid token is handed out during an outage only if it lives at least this long. */
const OUTAGE_FLOOR_MS = 5_000;

/**
 * The columns a cached entry keeps: what reads check and answer. Not the whole row, whose sealed
 * secrets and bookkeeping columns doubled what each cached token held, and with it the garbage a burst
 * of cold reads leaves for the old generation (bench:scale, RSS after cold reads).
 */
function cachedRow(row: IntegrationRow): CachedToken['row'] {
  return {
    id: row.id,
    account_id: row.account_id,
    platform: row.platform,
    integration_type: row.integration_type,
    platform_user_id: row.platform_user_id,
    platform_username: row.platform_username,
    scopes: row.scopes,
    status: row.status,
    status_reason: row.status_reason,
    token_expires_at: row.token_expires_at,
    token_version: row.token_version,
    is_active: row.is_active,
    last_refreshed_at: row.last_refreshed_at,
    connected_at: row.connected_at,
  };
}

/** The row with its access token decrypted; a token that cannot be decrypted marks the integration for a reconnect. */
async function entryOf(ctx: ConsumerContext, row: IntegrationRow, actor: Attribution): Promise<CachedToken> {
  try {
    return {
      row: cachedRow(row),
      accessToken: openAccessToken(ctx, row),
      scopes: parseScopes(row.scopes),
      cachedAt: ctx.clock.now(),
    };
  } catch (err) {
    if (isUndecryptable(err)) throw await markUndecryptable(ctx, row, actor);
    throw err;
  }
}

function needsReauth(row: Pick<IntegrationRow, 'status_reason'>): AppError {
  const reason = row.status_reason ?? 'needs_reauth';
  return new AppError('NEEDS_REAUTH', `this integration must be reconnected (${reason})`, { details: { reason } });
}

/** The cached entry, else the row (refusals checked before anything is decrypted) and its token. */
async function load(ctx: ConsumerContext, consumer: Consumer, id: string, ip: string | null): Promise<CachedToken> {
  const hit = ctx.tokens.cached(id);
  if (hit) return hit;
  // Ids start with int_; anything else cannot be an integration (and costs no query).
  const row = id.startsWith('int_') ? await rowOf(ctx, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'integration not found');
  const decision = mayRead(consumer, row);
  if (decision !== 'ok') throw readDenied(decision);
  if (row.status === 'needs_reauth') throw needsReauth(row);
  // Another read of the same query may have decrypted and cached this token version already.
  const shared = ctx.tokens.cached(id);
  if (shared && shared.row.token_version === row.token_version && shared.row.status === row.status) return shared;
  const entry = await entryOf(ctx, row, consumerActor(consumer, ip));
  ctx.tokens.remember(entry);
  return entry;
}

/**
 * The integration's row, one query however many reads miss the cache at once: when a cached entry
 * expires under load every read of that moment used to query the database together (PostgreSQL p99).
 */
function rowOf(ctx: ConsumerContext, id: string): Promise<IntegrationRow | undefined> {
  return singleFlight(ctx.rowReads, id, () => findIntegrationById(ctx.store.db, id));
}

/** Anything unexpected (a database outage, a decryption failure) is a documented 503 for consumers, never a 500. */
export function consumerError(deps: Pick<Deps, 'log'>, err: unknown): AppError {
  if (isAppError(err) && err.status < 500) return err;
  if (isAppError(err) && (err.code === 'PLATFORM_UNAVAILABLE' || err.code === 'REFRESH_IN_PROGRESS' || err.code === 'REFRESH_FAILED' || err.code === 'UNAVAILABLE')) return err;
  deps.log.error({ err }, 'token read failed unexpectedly; answering 503');
  return new AppError('UNAVAILABLE', 'Bifrost cannot hand out this token right now; retry later', { retryAfter: 5 });
}

/**
 * One answer per cache entry (ctx.answers): an entry never changes (a refresh caches a new one), so
 * every read of it gets the same frozen answer, and the token route serializes that object once
 * (consumer-tokens.ts) instead of building and stringifying it per read.
 */
function answerOf(ctx: ConsumerContext, entry: CachedToken): TokenResponse {
  let answer = ctx.answers.get(entry);
  if (!answer) {
    answer = Object.freeze(buildAnswer(entry)) as TokenResponse;
    ctx.answers.set(entry, answer);
  }
  return answer;
}

function buildAnswer(entry: CachedToken): TokenResponse {
  const row = entry.row;
  return {
    access_token: entry.accessToken,
    token_type: 'bearer',
    expires_at: new Date(row.token_expires_at).toISOString(),
    scopes: entry.scopes,
    platform: row.platform,
    integration_type: row.integration_type,
    platform_user_id: row.platform_user_id,
    platform_username: row.platform_username,
  };
}

/**
 * The hot path of every token read: a cached, readable token valid for the read margin is answered
 * without a database query, a promise or an allocation beyond the answer. Anything else (a miss, a
 * refusal, a token to refresh) returns undefined and takes readToken's full path.
 */
export function cachedAnswer(ctx: ConsumerContext, consumer: Consumer, id: string, ip: string | null, validForMs = 0): TokenResponse | undefined {
  const entry = ctx.tokens.cached(id);
  if (!entry || entry.row.status === 'needs_reauth' || mayRead(consumer, entry.row) !== 'ok') return undefined;
  if (!validFor(entry.row, ctx.clock.now(), Math.max(ctx.config.tokens.read_margin, validForMs))) return undefined;
  ctx.reads.record(consumer, entry.row, ip);
  return answerOf(ctx, entry);
}

/** readToken for route handlers: the answer itself when the cache has it, otherwise a promise of it. */
export function readTokenFast(ctx: ConsumerContext, consumer: Consumer, id: string, ip: string | null = null): TokenResponse | Promise<TokenResponse> {
  return cachedAnswer(ctx, consumer, id, ip) ?? readToken(ctx, consumer, id, ip);
}

export interface ReadOptions {
  /** How long the token must stay valid (at least tokens.read_margin): the Companion token server asks for more. */
  validForMs?: number;
}

export async function readToken(ctx: ConsumerContext, consumer: Consumer, id: string, ip: string | null = null, options: ReadOptions = {}): Promise<TokenResponse> {
  try {
    let entry = await load(ctx, consumer, id, ip);
    const decision = mayRead(consumer, entry.row);
    if (decision !== 'ok') throw readDenied(decision);
    if (entry.row.status === 'needs_reauth') throw needsReauth(entry.row);
    const cfg = ctx.config.tokens;
    const validForMs = Math.max(cfg.read_margin, options.validForMs ?? 0);
    if (!validFor(entry.row, ctx.clock.now(), validForMs)) {
      // Held back by the pace rule, the current token is the freshest there is (if it is still valid at all).
      if (mayRefresh(cfg, entry.row, ctx.clock.now())) {
        try {
          const actor = consumerActor(consumer, ip);
          const row = await ctx.refresh.refreshIntegration(id, { trigger: 'consumer', actor, validForMs });
          entry = await entryOf(ctx, row, actor);
          ctx.tokens.remember(entry);
        } catch (err) {
          const transient = isAppError(err) && (err.code === 'PLATFORM_UNAVAILABLE' || err.code === 'REFRESH_IN_PROGRESS' || err.code === 'REFRESH_FAILED');
          if (!transient || !validFor(entry.row, ctx.clock.now(), OUTAGE_FLOOR_MS)) throw err;
          ctx.log.debug({ integration: id, code: (err as AppError).code }, 'refresh not possible now; handing out the still-valid token');
        }
      }
      if (entry.row.status === 'needs_reauth') throw needsReauth(entry.row);
      if (!validFor(entry.row, ctx.clock.now(), 1)) throw expired(ctx, entry.row);
    }
    ctx.reads.record(consumer, entry.row, ip);
    return answerOf(ctx, entry);
  } catch (err) {
    throw consumerError(ctx, err);
  }
}

/** An expired token that cannot be replaced yet: by the time the pace rule allows a refresh, or soon. */
function expired(ctx: ConsumerContext, row: CachedToken['row']): AppError {
  const waitMs = earliestRefreshAt(ctx.config.tokens, row) - ctx.clock.now();
  return new AppError('PLATFORM_UNAVAILABLE', 'the token expired and could not be refreshed yet; retry later', {
    retryAfter: Math.max(2, Math.ceil(waitMs / 1000)),
    details: { platform: row.platform, reason: 'expired' },
  });
}

/**
 * A consumer saw a 401 with the token it was given: one forced refresh of that token version, however
 * many consumers (on however many instances) report it; the others wait for it and get the new token.
 * A report about a token already replaced, or replaced within min_refresh_interval (at least 10 s),
 * refreshes nothing: a bot reporting in a loop gets the current token and never hammers the platform.
 */
export async function reportInvalid(ctx: ConsumerContext, consumer: Consumer, id: string, ip: string | null = null): Promise<TokenResponse> {
  try {
    const row = id.startsWith('int_') ? await findIntegrationById(ctx.store.db, id) : undefined;
    if (!row) throw new AppError('NOT_FOUND', 'integration not found');
    const decision = mayRead(consumer, row);
    if (decision !== 'ok') throw readDenied(decision);
    if (row.status === 'needs_reauth') throw needsReauth(row);
    const cooldownMs = Math.max(REPORT_COOLDOWN_MS, ctx.config.tokens.min_refresh_interval);
    const recentlyRefreshed = row.last_refreshed_at !== null && ctx.clock.now() - row.last_refreshed_at < cooldownMs;
    if (!recentlyRefreshed) await ctx.refresh.refreshIntegration(id, { trigger: 'report', seenVersion: row.token_version, actor: consumerActor(consumer, ip) });
  } catch (err) {
    throw consumerError(ctx, err);
  }
  return readToken(ctx, consumer, id, ip);
}
