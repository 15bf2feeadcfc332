/**
 * Live events across 3 Bifrost processes with the real Twitch EventSub and Trovo chat connectors
 * against their fakes: a stream.online emitted by the Twitch fake (a type the seeded grant needs no
 * scope for) reaches SSE consumers on every instance; SIGKILL the instance(s) owning the Twitch and
 * the Trovo connection → a surviving instance owns both within the lease time, and a stream.online
 * and a Trovo chat message arrive once and in order.
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
import { insertChannel, openSse, until } from '../support/events.ts';
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
  let trovoId: string;

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
    // Trovo's connector asks who the channel is and for a chat token: the grant carries those scopes.
    const trovo = fakes.fakes.trovo;
    const person = trovo.users[0]!;
    const redirectUri = 'http://127.0.0.1/v1/integrations/callback/test';
    const scopes = ['user_details_self', 'channel_details_self', 'chat_connect'];
    const code = trovo.state.issueCode({ clientId: trovo.credentials.clientId, redirectUri, scopes, offline: true, forceConsent: false }, person);
    const issued = trovo.state.redeemCode({ clientId: trovo.credentials.clientId, code, redirectUri, pkce: 'ignored' });
    if (!issued.ok) throw new Error(issued.error);
    trovoId = await insertChannel(rt, member.accountId, 'trovo', {
      accessToken: issued.value.accessToken,
      refreshToken: issued.value.refreshToken!,
      expiresIn: issued.value.expiresIn,
      userId: person.id,
      login: person.login,
      scopes,
      clientId: trovo.credentials.clientId,
    });
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

  const stateOf = (id: string) => rt.store.db.selectFrom('connector_states').selectAll().where('key', '=', `integration:${id}`).executeTakeFirst();
  const state = () => stateOf(twitchId);
  const emit = async (slug: 'twitch' | 'trovo', type: string, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${fakes.fakes[slug].url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type, ...extra }) });
    expect(res.status, await res.text()).toBeLessThan(300);
  };
  const follow = () => emit('twitch', 'stream.online');

  it('an event reaches every instance, and the connections move when their owner is killed', async () => {
    await until(async () => (await state())?.state === 'connected' && (await stateOf(trovoId))?.state === 'connected', 'Twitch and Trovo connected', 600).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify([await state(), await stateOf(trovoId)])}`);
    });
    const streams = await Promise.all(children.map((c) => openSse(`${c.url}/v1/events?after=0`, apiKey)));
    await follow();
    await until(() => streams.every((s) => s.frames.length === 1), 'the event on every instance', 2000);
    expect(streams.map((s) => s.frames.map((f) => f.event))).toEqual([['stream.online'], ['stream.online'], ['stream.online']]);
    // Kill whoever owns the Twitch and the Trovo connection (one instance, or two when the leases split them).
    const owners = [(await state())!.owner!, (await stateOf(trovoId))!.owner!];
    const victims = children.map((c, i) => (owners.some((o) => o.includes(`:${c.proc.pid}:`)) ? i : -1)).filter((i) => i >= 0);
    expect(victims.length).toBeGreaterThanOrEqual(1);
    for (const i of victims) children[i]!.proc.kill('SIGKILL');
    for (const i of victims) await children[i]!.exited;
    const onLiveInstance = async (id: string) => {
      const s = await stateOf(id);
      return s?.state === 'connected' && !owners.includes(s.owner!);
    };
    await until(async () => (await onLiveInstance(twitchId)) && (await onLiveInstance(trovoId)), 'both connected on a surviving instance', 2000);
    await follow();
    // The connector keeps the channel's Trovo channel id as its cursor: the fake sends to that channel.
    const channel = await rt.store.db.selectFrom('connector_cursors').select('value').where('key', '=', `integration:${trovoId}`).executeTakeFirst();
    await emit('trovo', 'chat.message', channel ? { channel_id: channel.value } : {});
    const survivors = streams.filter((_, i) => !victims.includes(i));
    await until(() => survivors.every((s) => s.frames.length === 3), 'the events after the kill', 400).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(survivors.map((s) => s.frames.map((f) => [f.data.seq, f.event, f.data.platform])))} ${JSON.stringify(await stateOf(trovoId))}`);
    });
    for (const s of survivors) {
      expect(s.frames.map((f) => f.data.seq)).toEqual([1, 2, 3]);
      expect(s.frames.slice(1).map((f) => f.event).sort()).toEqual(['chat.message', 'stream.online']);
    }
    for (const s of streams) s.close();
  });
});
