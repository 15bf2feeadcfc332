/** Reads that miss the token cache, and service keys and Companion ids whose remembered entry expired, share one database query (no stampede when an entry expires under load). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import { createConsumerService } from './service.ts';
import type { Consumer } from './consumer.ts';
import { createServiceKey } from './service-keys.ts';
import { enableTokenServer } from './token-server.ts';
import { callerOf } from '../../test/support/callers.ts';

const INTERNAL: Consumer = { kind: 'internal', id: 'internal', label: 'internal service key' };
let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;

beforeAll(async () => {
  fake = await startFake();
  rt = await tokensRuntime({ fake: fake as never });
});
afterAll(async () => {
  await rt.close();
  await fake.close();
});

/** A consumer service of its own (entries remembered for a minute) on a database that counts the queries of one table. */
function countingQueriesOf(table: string): { consumers: ReturnType<typeof createConsumerService>; queries: () => number } {
  const db = rt.store.db;
  let queries = 0;
  const counting = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === 'selectFrom') return (from: never) => (from === table && queries++, target.selectFrom(from));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // The test runtime's read cache is off.
  const config = { ...rt.config, tokens: { ...rt.config.tokens, read_cache_ms: 60_000 } };
  return { consumers: createConsumerService({ ...rt, config, store: { ...rt.store, db: counting } }), queries: () => queries };
}

it('answers 50 simultaneous cache misses of one integration with one row query, and a missing id with 404 to each', async () => {
  const row = await seedIntegration(rt, fake as never, { accountId: await seedAccount(rt) });
  const { consumers, queries } = countingQueriesOf('integrations');
  const answers = await Promise.all(Array.from({ length: 50 }, () => consumers.readToken(INTERNAL, row.id)));
  expect(queries()).toBe(1);
  expect(new Set(answers.map((a) => a.access_token))).toEqual(new Set([storedTokens(rt, row).accessToken]));
  const missing = await Promise.allSettled(Array.from({ length: 3 }, () => consumers.readToken(INTERNAL, 'int_missing')));
  expect(missing.map((m) => m.status === 'rejected' && (m.reason as { code?: string }).code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  expect(queries()).toBe(2);
  await consumers.stop();
});

it('answers a remembered service key at once, and 50 requests with it expired share one lookup', async () => {
  const accountId = await seedAccount(rt);
  const key = (await createServiceKey(rt, callerOf(accountId), { name: 'stampede' })).key;
  const { consumers, queries: lookups } = countingQueriesOf('service_keys');
  const headers = { authorization: `Bearer ${key}` };
  const first = await Promise.all(Array.from({ length: 50 }, () => consumers.authenticate(headers)));
  expect(lookups()).toBe(1);
  expect(new Set(first.map((c) => c.id)).size).toBe(1);
  // Remembered: no promise, no query.
  const again = consumers.authenticate(headers);
  expect(again).not.toBeInstanceOf(Promise);
  expect(lookups()).toBe(1);
  // Forgotten (as when its TTL ends or a key is deleted), the next burst shares one lookup again.
  consumers.forgetServiceKeys();
  await Promise.all(Array.from({ length: 50 }, () => consumers.authenticate(headers)));
  expect(lookups()).toBe(2);
  await expect(Promise.resolve(consumers.authenticate({ authorization: 'Bearer bfs_unknown' }))).rejects.toMatchObject({ code: 'CONSUMER_UNAUTHENTICATED' });
  await consumers.stop();
});

it('remembers a Companion id, and 50 calls with it expired share one lookup', async () => {
  const accountId = await seedAccount(rt);
  const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: 4 * 3600_000 });
  const id = (await enableTokenServer(rt, callerOf(accountId), row.id)).tokenServerId;
  const { consumers, queries: lookups } = countingQueriesOf('token_servers');
  const tokens = await Promise.all(Array.from({ length: 50 }, () => consumers.serveTokenServer(id, '127.0.0.1')));
  expect(lookups()).toBe(1);
  expect(new Set(tokens).size).toBe(1);
  // Remembered: no lookup (the token itself is read again: this runtime's token cache is off).
  expect(await consumers.serveTokenServer(id, '127.0.0.1')).toBe(tokens[0]);
  expect(lookups()).toBe(1);
  consumers.forgetTokenServers();
  await Promise.all(Array.from({ length: 50 }, () => consumers.serveTokenServer(id, '127.0.0.1')));
  expect(lookups()).toBe(2);
  await expect(Promise.resolve(consumers.serveTokenServer('00000000-0000-4000-8000-000000000000', '127.0.0.1'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await consumers.stop();
});
