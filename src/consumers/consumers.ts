/**
 * Token consumers: who reads tokens and what each may read. The instance's internal service key
 * (X-Internal-Secret, as documented; a list so it can rotate, compared in constant time, AS-9) reads every
 * integration; a per-consumer service key (Authorization: Bearer bfs_…) reads its own account's,
 * limited to the integrations and platforms it was granted; a Companion token-server id reads one.
 */
import type { Runtime } from '../runtime.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { AppError } from '../errors/app-error.ts';
import { hash, timingSafeEqual } from 'node:crypto';
import type { AuditActor } from '../integrations/audit-actor.ts';

export const SERVICE_KEY_PREFIX = 'bfs_';

export type Consumer =
  | { kind: 'internal'; id: 'internal'; label: string }
  | { kind: 'service_key'; id: string; label: string; accountId: string; integrationIds: ReadonlySet<string> | null; platforms: ReadonlySet<string> | null }
  | { kind: 'token_server'; id: string; label: string; accountId: string | null; integrationId: string };

declare module 'fastify' {
  interface FastifyRequest {
    consumer?: Consumer;
  }
}

export function consumerActor(consumer: Consumer, ip?: string | null): AuditActor {
  return { actor: { type: 'consumer', id: consumer.id, label: consumer.label }, ip: ip ?? null };
}

function unauthenticated(): AppError {
  return new AppError('CONSUMER_UNAUTHENTICATED', 'send X-Internal-Secret with an internal service key, or Authorization: Bearer bfs_… with a service key');
}

function parseList(json: string | null): ReadonlySet<string> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? new Set(value.filter((v): v is string => typeof v === 'string')) : new Set();
  } catch {
    return new Set();
  }
}

/** Service keys by hash, for at most the read-cache TTL (a deleted key stops here at once, elsewhere within it). */
const keyCaches = new WeakMap<Runtime, Map<string, { consumer: Consumer; at: number }>>();

export function forgetServiceKeys(rt: Runtime): void {
  keyCaches.get(rt)?.clear();
}

async function serviceKeyConsumer(rt: Runtime, key: string): Promise<Consumer | undefined> {
  const keyHash = hash('sha256', key, 'hex');
  const ttl = rt.config.tokens.read_cache_ms;
  let cache = keyCaches.get(rt);
  if (!cache) keyCaches.set(rt, (cache = new Map()));
  const hit = cache.get(keyHash);
  if (hit && rt.clock.now() - hit.at < ttl) return hit.consumer;
  const row = await rt.store.db.selectFrom('service_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  if (!row) {
    cache.delete(keyHash);
    return undefined;
  }
  const consumer: Consumer = {
    kind: 'service_key',
    id: row.id,
    label: `service key ${row.name}`,
    accountId: row.account_id,
    integrationIds: parseList(row.integration_ids),
    platforms: parseList(row.platforms),
  };
  if (ttl > 0) {
    if (cache.size > 1000) cache.clear();
    cache.set(keyHash, { consumer, at: rt.clock.now() });
  }
  return consumer;
}

/** The configured internal keys as bytes, once per key list (the config is frozen). */
const internalKeyBytes = new WeakMap<readonly string[], Buffer[]>();

/**
 * Constant-time check of a presented internal key against every configured one, with no early exit
 * across keys. Only a key's length can show in the timing, as with any constant-time comparison;
 * the value stays secret. Hashing both sides first hid the length too, but a SHA-256 per request was
 * the largest single cost of a token read (bench/README.md).
 */
function isInternalKey(rt: Runtime, presented: string): boolean {
  const keys = rt.config.integrations.internal_service_key;
  let configured = internalKeyBytes.get(keys);
  if (!configured) internalKeyBytes.set(keys, (configured = keys.map((k) => Buffer.from(k, 'utf8'))));
  const mine = Buffer.from(presented, 'utf8');
  let ok = false;
  for (const key of configured) ok = (mine.length === key.length && timingSafeEqual(mine, key)) || ok;
  return ok;
}

const INTERNAL: Consumer = Object.freeze({ kind: 'internal', id: 'internal', label: 'internal service key' });

/**
 * Authenticates a consumer from its headers, or throws 401. The internal key is answered at once;
 * a service key returns a promise (it may need the database), which rejects with 401 when unknown.
 */
export function authenticateConsumer(rt: Runtime, headers: Readonly<Record<string, string | string[] | undefined>>): Consumer | Promise<Consumer> {
  const secret = headers['x-internal-secret'];
  if (typeof secret === 'string') {
    if (!isInternalKey(rt, secret)) throw unauthenticated();
    return INTERNAL;
  }
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (bearer?.startsWith(SERVICE_KEY_PREFIX)) {
      return serviceKeyConsumer(rt, bearer).then((consumer) => {
        if (!consumer) throw unauthenticated();
        return consumer;
      });
    }
  }
  throw unauthenticated();
}

export type ReadDecision = 'ok' | 'not_found' | 'not_granted';

/** Whether a consumer may read an integration's token: others' integrations do not exist for it. */
export function mayRead(consumer: Consumer, row: Pick<IntegrationRow, 'id' | 'account_id' | 'platform'>): ReadDecision {
  switch (consumer.kind) {
    case 'internal':
      return 'ok';
    case 'token_server':
      return row.id === consumer.integrationId ? 'ok' : 'not_found';
    case 'service_key':
      // An account's consumers may also read the instance's global bots (account_id null), its fallback.
      if (row.account_id !== null && row.account_id !== consumer.accountId) return 'not_found';
      if (consumer.integrationIds && !consumer.integrationIds.has(row.id)) return 'not_granted';
      if (consumer.platforms && !consumer.platforms.has(row.platform)) return 'not_granted';
      return 'ok';
  }
}

export function readDenied(decision: Exclude<ReadDecision, 'ok'>): AppError {
  return decision === 'not_found'
    ? new AppError('NOT_FOUND', 'integration not found')
    : new AppError('NOT_GRANTED', 'this service key was not granted this integration or platform');
}
