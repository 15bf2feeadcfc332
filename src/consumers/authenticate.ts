/**
 * Recognising a consumer from its request headers: the internal service key (X-Internal-Secret, as
 * documented; a list so it can rotate, compared in constant time) or a service key (Authorization:
 * Bearer bfs_…, looked up by its hash and remembered for at most the read-cache TTL, so a deleted key
 * stops here at once and on other instances within it).
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { SERVICE_KEY_PREFIX, type Consumer } from './consumer.ts';
import { singleFlight } from '../refresh/single-flight.ts';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface ConsumerAuthenticator {
  /**
   * The consumer of these headers, or a 401. The internal key and a remembered service key are
   * answered at once; any other service key with a promise (it needs the database, one query however
   * many requests ask at once), which rejects with 401 when unknown.
   */
  authenticate(headers: Headers): Consumer | Promise<Consumer>;
  /** Forgets the remembered service keys (one was deleted). */
  forgetServiceKeys(): void;
}

const INTERNAL: Consumer = Object.freeze({ kind: 'internal', id: 'internal', label: 'internal service key' });
const MAX_REMEMBERED = 1000;

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

export function createConsumerAuthenticator(deps: Pick<Deps, 'config' | 'store' | 'clock'>): ConsumerAuthenticator {
  const ttl = deps.config.tokens.read_cache_ms;
  /** Service keys by hash. */
  const remembered = new Map<string, { consumer: Consumer; at: number }>();
  /** The configured internal keys as bytes, once (the config is frozen). */
  const internalKeys = deps.config.integrations.internal_service_key.map((k) => Buffer.from(k, 'utf8'));

  /**
   * Constant-time check of a presented internal key against every configured one, with no early exit
   * across keys. Only a key's length can show in the timing, as with any constant-time comparison;
   * the value stays secret. Hashing both sides first hid the length too, but a SHA-256 per request was
   * the largest single cost of a token read (bench/README.md).
   */
  function isInternalKey(presented: string): boolean {
    const mine = Buffer.from(presented, 'utf8');
    let ok = false;
    for (const key of internalKeys) ok = (mine.length === key.length && timingSafeEqual(mine, key)) || ok;
    return ok;
  }

  /** Lookups in flight by key hash: requests that find the remembered key expired together share one query. */
  const loading = new Map<string, Promise<Consumer | undefined>>();

  async function load(keyHash: string): Promise<Consumer | undefined> {
    const row = await deps.store.db.selectFrom('service_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    if (!row) {
      remembered.delete(keyHash);
      return undefined;
    }
    const consumer: Consumer = {
      kind: 'service_key',
      id: row.id,
      label: `service key ${row.name}`,
      accountId: row.account_id,
      integrationIds: parseList(row.integration_ids),
      platforms: parseList(row.platforms),
      permissions: parseList(row.permissions) ?? new Set(),
    };
    if (ttl > 0) {
      if (remembered.size > MAX_REMEMBERED) remembered.clear();
      remembered.set(keyHash, { consumer, at: deps.clock.now() });
    }
    return consumer;
  }

  /** The key's consumer: at once while remembered, otherwise a promise shared by every request asking meanwhile. */
  function serviceKeyConsumer(key: string): Consumer | Promise<Consumer | undefined> {
    const keyHash = hash('sha256', key, 'hex');
    const hit = remembered.get(keyHash);
    if (hit && deps.clock.now() - hit.at < ttl) return hit.consumer;
    return singleFlight(loading, keyHash, () => load(keyHash));
  }

  return {
    authenticate(headers) {
      const secret = headers['x-internal-secret'];
      if (typeof secret === 'string') {
        if (!isInternalKey(secret)) throw unauthenticated();
        return INTERNAL;
      }
      const authorization = headers.authorization;
      if (typeof authorization === 'string') {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
        if (bearer?.startsWith(SERVICE_KEY_PREFIX)) {
          const found = serviceKeyConsumer(bearer);
          if (!(found instanceof Promise)) return found;
          return found.then((consumer) => {
            if (!consumer) throw unauthenticated();
            return consumer;
          });
        }
      }
      throw unauthenticated();
    },
    forgetServiceKeys() {
      remembered.clear();
      // A lookup already running may have read the key before it was deleted: later requests do not wait on it.
      loading.clear();
    },
  };
}
