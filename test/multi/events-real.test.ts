/**
 * Live events across 3 Bifrost processes with the real Twitch EventSub and Trovo chat connectors
 * against their fakes: a stream.online emitted by the Twitch fake (a type the seeded grant needs no scope for) reaches SSE consumers on every instance;
 * SIGKILL the instance owning the Twitch connection → another owns it within the lease time and a
 * second one arrives, once and in order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeySpec } from '../../src/crypto/keyring.ts';
import { openStore } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { startAllFakes, type AllFakes } from '../../src/platforms/testing.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createApiKey, createMember } from '../support/auth.ts';
import { seedIntegration } from '../support/token-seed.ts';
import { openSse, until } from '../support/events.ts';
import { freePort, freshSchema, spawnInstance, waitFor, TEST_DATABASE_URL, type Child } from './support.ts';

const LEASE_S = 3;

describe.skipIf(!TEST_DATABASE_URL)('real connectors on 3 instances', () => {
  const encryptionKey = generateKeySpec('k1');
  let fakes: AllFakes;
  let rt: TestRuntime;
  let drop: () => Promise<void>;
  const children: (Child & { url: string })[] = [];
  let apiKey: Record<string, string>;
  let twitchId: string;

  beforeAll(async () => {
    fakes = await startAllFakes({ knobs: { autoApprove: true } });
    const { schema, drop: dropSchema } = await freshSchema(TEST_DATABASE_URL!);
    drop = dropSchema;
    const store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: schema });
    await migrateToLatest(store);
    rt = await testRuntime({ store, env: { ...fakes.env, BIFROST_ENCRYPTION_KEYS: encryptionKey }, platformBaseUrls: fakes.baseUrls, overrides: { events: { enabled: false } } });
    const member = await createMember(rt, { role: 'owner' });
    apiKey = (await createApiKey(rt, { accountId: member.accountId, userId: member.userId, permissions: ['events:read'] })).headers;
    twitchId = (await seedIntegration(rt, fakes.fakes.twitch as never, { accountId: member.accountId, type: 'channel' })).id;
    const env: Record<string, string> = {
      ...fakes.env,
      MULTI_DATABASE_URL: TEST_DATABASE_URL!,
      MULTI_PG_SCHEMA: schema,
      MULTI_POOL_SIZE: '4',
      BIFROST_ENCRYPTION_KEYS: encryptionKey,
      BIFROST_EVENTS_LEASE: String(LEASE_S),
      TWITCH_INTEGRATION_ENDPOINTS: JSON.stringify(fakes.baseUrls.twitch),
      TROVO_INTEGRATION_ENDPOINTS: JSON.stringify(fakes.baseUrls.trovo),
    };
    for (let slot = 0; slot < 3; slot++) {
      const port = await freePort();
      const child = spawnInstance({ ...env, BIFROST_PORT: String(port), BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), `bifrost-evr-${slot}-`)) });
      children[slot] = { ...child, url: (await waitFor(child, 'READY')).replace('localhost', '127.0.0.1') };
    }
  });
  afterAll(async () => {
    for (const c of children) if (c && c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c?.exited));
    await rt?.close();
    await fakes?.close();
    await drop?.();
  });

  const state = () => rt.store.db.selectFrom('connector_states').selectAll().where('key', '=', `integration:${twitchId}`).executeTakeFirst();
  const follow = async () => {
    const res = await fetch(`${fakes.fakes.twitch.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'stream.online' }) });
    expect(res.status, await res.text()).toBeLessThan(300);
  };

  it('an event reaches every instance, and the connection moves when its owner is killed', async () => {
    await until(async () => (await state())?.state === 'connected', 'Twitch connected', 2000);
    const streams = await Promise.all(children.map((c) => openSse(`${c.url}/v1/events?after=0`, apiKey)));
    await follow();
    await until(() => streams.every((s) => s.frames.length === 1), 'the event on every instance', 2000);
    expect(streams.map((s) => s.frames.map((f) => f.event))).toEqual([['stream.online'], ['stream.online'], ['stream.online']]);
    const owner = (await state())!.owner!;
    const victim = children.findIndex((c) => owner.includes(`:${c.proc.pid}:`));
    expect(victim).toBeGreaterThanOrEqual(0);
    children[victim]!.proc.kill('SIGKILL');
    await children[victim]!.exited;
    await until(async () => {
      const s = await state();
      return s?.state === 'connected' && s.owner !== owner;
    }, 'connected on another instance', 2000);
    await follow();
    const survivors = streams.filter((_, i) => i !== victim);
    await until(() => survivors.every((s) => s.frames.length === 2), 'the second event', 2000);
    for (const s of survivors) expect(s.frames.map((f) => f.data.seq)).toEqual([1, 2]);
    for (const s of streams) s.close();
  });
});
