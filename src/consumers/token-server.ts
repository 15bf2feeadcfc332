/**
 * The Companion token server (the "custom token server" of Companion's Twitch API module): an
 * integration may enable a GUID-shaped token-server id (crypto.randomUUID: 122 random bits, contains
 * "-" as Companion checks). `GET /v1/token-server?id=`
 * answers the bare access token, valid for at least token_server.min_validity (refreshed first when it
 * is not, within the pace rule of refresh/schedule.ts). The id is shown once and stored hashed;
 * enabling again rotates it; `token_server.allowed_cidrs` can restrict who may call.
 */
import { auditIntegration } from '../audit/integration-event.ts';
import ipaddr from 'ipaddr.js';
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { randomGuid } from '../crypto/random.ts';
import { findIntegration } from '../integrations/repository.ts';
import { accountOf, actorOf, type Caller } from '../access/caller.ts';
import type { Consumer } from './consumer.ts';
import type { ConsumerContext } from './context.ts';
import { cachedAnswer, consumerError, readToken } from './token-read.ts';
import type { ConsumerService } from './service.ts';
import { singleFlight } from '../refresh/single-flight.ts';
import { hash } from 'node:crypto';

export const TOKEN_SERVER_PATH = '/v1/token-server';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TokenServerCreated {
  tokenServerId: string;
  /** Companion appends `?id=<token_server_id>` itself. */
  url: string;
}

/** What enabling, rotating and disabling need besides the foundation: this instance forgets the ids it remembered. */
type ManagementDeps = Deps & { readonly consumers: Pick<ConsumerService, 'forgetTokenServers'> };

export async function enableTokenServer(deps: ManagementDeps, caller: Caller, integrationId: string): Promise<TokenServerCreated> {
  const actor = actorOf(caller);
  const row = await findIntegration(deps.store.db, { accountId: accountOf(caller) }, integrationId);
  if (!row) throw notFound('integration');
  const id = randomGuid();
  const now = deps.clock.now();
  await deps.store.db
    .insertInto('token_servers')
    .values({ integration_id: row.id, account_id: row.account_id, id_hash: sha256Hex(id), created_by: actor.actor.id ?? null, created_at: now, last_used_at: null })
    .onConflict((oc) => oc.column('integration_id').doUpdateSet({ id_hash: sha256Hex(id), created_by: actor.actor.id ?? null, created_at: now, last_used_at: null }))
    .execute();
  // A rotated id stops working here at once (on other instances within tokens.read_cache_ms).
  deps.consumers.forgetTokenServers();
  await auditIntegration(deps, row, actor, 'integration.token_server_enabled');
  return { tokenServerId: id, url: `${deps.config.server.public_url}${TOKEN_SERVER_PATH}` };
}

export async function disableTokenServer(deps: ManagementDeps, caller: Caller, integrationId: string): Promise<void> {
  const actor = actorOf(caller);
  const row = await findIntegration(deps.store.db, { accountId: accountOf(caller) }, integrationId);
  if (!row) throw notFound('integration');
  const res = await deps.store.db.deleteFrom('token_servers').where('integration_id', '=', row.id).executeTakeFirst();
  deps.consumers.forgetTokenServers();
  if (Number(res.numDeletedRows) === 0) throw notFound('token server');
  await auditIntegration(deps, row, actor, 'integration.token_server_disabled');
}

/** Parsed token_server.allowed_cidrs: address and prefix length (a bare address is a /32 or /128). */
export type AddressRanges = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

export function parseRanges(list: readonly string[]): AddressRanges {
  return list.map((entry) => (entry.includes('/') ? ipaddr.parseCIDR(entry) : ([ipaddr.parse(entry), entry.includes(':') ? 128 : 32] as [ipaddr.IPv4 | ipaddr.IPv6, number])));
}

/** Whether `ip` is in one of the ranges (always, when there are none). */
function inRanges(ranges: AddressRanges, ip: string): boolean {
  if (ranges.length === 0) return true;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(ip);
  } catch {
    return false;
  }
  return ranges.some(([range, bits]) => addr.kind() === range.kind() && addr.match(range as never, bits));
}

/** Whether `ip` may call the token server (always, when no allowed_cidrs are configured). */
export function callerAllowed(allowed: readonly string[], ip: string): boolean {
  return inRanges(parseRanges(allowed), ip);
}

type TokenServerConsumer = Extract<Consumer, { kind: 'token_server' }>;

export interface TokenServerIds {
  /** The consumer of a token-server id, remembered for at most tokens.read_cache_ms; undefined when unknown. */
  known(idHash: string): TokenServerConsumer | undefined;
  /** Looks the id up in the database (and remembers it); requests asking meanwhile share the query. */
  lookUp(idHash: string): Promise<TokenServerConsumer | undefined>;
  /** Forgets every remembered id (one was rotated or disabled). */
  forget(): void;
}

const MAX_REMEMBERED = 1000;

/**
 * Token-server ids by hash, as service keys are remembered (authenticate.ts): Companion instances ask
 * for the same id all day, and a database query per call made this route four times slower than the
 * internal token read. Rotating or disabling an id forgets them all on this instance; other instances
 * stop honouring it within the TTL, as they do for a deleted service key.
 */
export function createTokenServerIds(ctx: ConsumerContext): TokenServerIds {
  const ttl = ctx.config.tokens.read_cache_ms;
  const remembered = new Map<string, { consumer: TokenServerConsumer; at: number }>();
  // When a remembered id expires under load, every call of that moment used to query the database
  // together (the PostgreSQL Companion p99 of 54 ms in bench/README.md): they share one query now.
  const loading = new Map<string, Promise<TokenServerConsumer | undefined>>();
  const load = async (idHash: string): Promise<TokenServerConsumer | undefined> => {
    const server = await ctx.store.db.selectFrom('token_servers').select(['integration_id', 'account_id']).where('id_hash', '=', idHash).executeTakeFirst();
    if (!server) {
      remembered.delete(idHash);
      return undefined;
    }
    const consumer: TokenServerConsumer = { kind: 'token_server', id: `token_server:${server.integration_id}`, label: 'Companion token server', accountId: server.account_id, integrationId: server.integration_id };
    if (ttl > 0) {
      if (remembered.size > MAX_REMEMBERED) remembered.clear();
      remembered.set(idHash, { consumer, at: ctx.clock.now() });
    }
    return consumer;
  };
  return {
    known(idHash) {
      const hit = remembered.get(idHash);
      return hit && ctx.clock.now() - hit.at < ttl ? hit.consumer : undefined;
    },
    lookUp: (idHash) => singleFlight(loading, idHash, () => load(idHash)),
    forget() {
      remembered.clear();
      // A lookup already running may have read the id before it was rotated: later calls do not wait on it.
      loading.clear();
    },
  };
}

/**
 * The bare access token for a token-server id; a wrong or disabled id is a 404. `allowed`:
 * token_server.allowed_cidrs, parsed. A remembered id whose token is cached and valid long enough is
 * answered at once (no promise); anything else takes the database and, if needed, a refresh.
 */
export function serveTokenServer(ctx: ConsumerContext, ids: TokenServerIds, allowed: AddressRanges, id: string | undefined, ip: string): string | Promise<string> {
  if (!inRanges(allowed, ip)) throw new AppError('TOKEN_SERVER_FORBIDDEN', 'this address may not use the token server');
  if (!id || !GUID.test(id)) throw notFound('token server');
  // Companion fetches only every 15 minutes: the token must outlive that (token_server.min_validity).
  const validForMs = ctx.config.token_server.min_validity;
  const idHash = hash('sha256', id.toLowerCase(), 'hex');
  const known = ids.known(idHash);
  const fast = known && cachedAnswer(ctx, known, known.integrationId, ip, validForMs);
  if (fast) return fast.access_token;
  return servedSlowly(ctx, ids, known, idHash, ip, validForMs);
}

/**
 * serveTokenServer's answer when it is ready at once — an allowed caller, a remembered id, its token
 * cached and valid long enough — else undefined, having done nothing (the read is counted only when
 * answered): the server's hot path (http/hot-routes.ts) asks this and leaves anything else to the route.
 */
export function tokenServerAnswerNow(ctx: ConsumerContext, ids: TokenServerIds, allowed: AddressRanges, id: string, ip: string): string | undefined {
  if (!GUID.test(id) || !inRanges(allowed, ip)) return undefined;
  const known = ids.known(hash('sha256', id.toLowerCase(), 'hex'));
  return known && cachedAnswer(ctx, known, known.integrationId, ip, ctx.config.token_server.min_validity)?.access_token;
}

function servedSlowly(ctx: ConsumerContext, ids: TokenServerIds, known: TokenServerConsumer | undefined, idHash: string, ip: string, validForMs: number): Promise<string> {
  return (async () => {
    let consumer = known;
    try {
      consumer ??= await ids.lookUp(idHash);
    } catch (err) {
      throw consumerError(ctx, err); // a database outage is a 503 with Retry-After, never a 500
    }
    if (!consumer) throw notFound('token server');
    return (await readToken(ctx, consumer, consumer.integrationId, ip, { validForMs })).access_token;
  })();
}
