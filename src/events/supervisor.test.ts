/**
 * The connector supervisor with a connector defined here (no platform's): it runs each connection
 * under a lease, reconnects with jittered exponential backoff, stops retrying on ConnectorGaveUp
 * until the connection changes, hands over a connection whose owner stopped renewing within the
 * lease time (injected clock), and stops a connection at once on disconnect — calling unsubscribe —
 * for an integration and for a StreamElements token. An append that fails (the database away) is
 * retried with backoff while the connection stays up, so the events it holds are stored. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp, type App } from '../http/app.ts';
import { ManualClock } from '../clock.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { chat, insertChannel, until } from '../../test/support/events.ts';
import { prefixedId } from '../crypto/random.ts';
import { generateKeySpec } from '../crypto/keyring.ts';
import { encryptSecret } from '../crypto/envelope.ts';
import { ConnectorGaveUp, type Connector, type ConnectorContext } from '../platforms/event-types.ts';
import type { Deps } from '../deps.ts';
import type { ConnectionInfo } from './connections.ts';
import { readEvents } from './log.ts';

const LEASE_MS = 30_000;

type Step = 'fail' | 'gave_up' | 'hold' | 'burst';

/**
 * A connector that follows a script per connection key; 'hold' connects, emits one event and waits for
 * the abort; 'burst' does the same with three events in one append.
 */
function scripted() {
  const scripts = new Map<string, Step[]>();
  const runs = new Map<string, number>();
  const unsubscribed: string[] = [];
  const tokens: string[] = [];
  /** Keys whose run got past its append. */
  const emitsDone: string[] = [];
  const connectorFor = (info: ConnectionInfo): Connector => ({
    async run(ctx: ConnectorContext) {
      const n = (runs.get(info.key) ?? 0) + 1;
      runs.set(info.key, n);
      tokens.push(await ctx.accessToken());
      const step = scripts.get(info.key)?.shift() ?? 'hold';
      if (step === 'fail') throw new Error(`dropped (run ${n})`);
      if (step === 'gave_up') throw new ConnectorGaveUp('the grant lacks a scope; reconnect');
      ctx.setState({ state: 'connected' });
      const count = step === 'burst' ? 3 : 1;
      await ctx.emit('twitch.eventsub', Array.from({ length: count }, (_, i) => chat(n * 10 + i, `${info.key}-`)));
      emitsDone.push(info.key);
      await ctx.cursor.set(`page-${n}`);
      if (ctx.signal.aborted) return;
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    },
    async unsubscribe(ctx) {
      unsubscribed.push(`${info.key}:${await ctx.accessToken()}`);
    },
  });
  return { scripts, runs, unsubscribed, tokens, emitsDone, connectorFor };
}

async function insertStreamElementsToken(rt: Deps, accountId: string): Promise<string> {
  const id = prefixedId('se');
  await rt.store.db
    .insertInto('streamelements_tokens')
    .values({
      id,
      account_id: accountId,
      platform: 'twitch',
      label: null,
      token_enc: encryptSecret(rt.keyring, `jwt-${id}`, { table: 'streamelements_tokens', column: 'token_enc', rowId: id }),
      token_hint: 'abcd',
      expires_at: null,
      status: 'ok',
      status_reason: null,
      created_at: rt.clock.now(),
    })
    .execute();
  return id;
}

for (const target of storeTargets()) {
  describe(`connector supervisor on ${target.name}`, () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const script = scripted();
    const delays: number[] = [];
    /** Runs at each supervisor wait (after the delay is recorded); a test sets it. */
    let onSleep: (() => Promise<void>) | undefined;
    let rt1: TestRuntime;
    let rt2: TestRuntime;
    let app: App;
    let owner: { accountId: string; headers: Record<string, string> };
    /** One channel per platform per account: each test has its own account. */
    const freshOwner = async () => (owner = await memberSession(app, rt1, { role: 'owner' }));

    beforeAll(async () => {
      const store = await target.open();
      const seams = {
        random: () => 0.5,
        connectorSleep: async (ms: number) => {
          delays.push(ms);
          await onSleep?.();
        },
        connectorFor: script.connectorFor,
      };
      // Both instances hold the same encryption key, as instances of one deployment do.
      const overrides = { events: { lease: LEASE_MS / 1000 }, encryption: { keys: [generateKeySpec('k1')] } };
      rt1 = await testRuntime({ store, clock, overrides, seams });
      // A second instance on the same database (same store object: SQLite is one process).
      rt2 = await testRuntime({ store: { ...store, close: async () => {} }, clock, overrides, seams });
      app = await buildApp(rt1);
    });
    afterAll(async () => {
      await rt2?.events.stop();
      await app?.close();
      await rt1?.close();
    });

    const state = (key: string) => rt1.store.db.selectFrom('connector_states').selectAll().where('key', '=', key).executeTakeFirst();

    it('runs a connection under one lease, reconnecting with jittered exponential backoff', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      script.scripts.set(key, ['fail', 'fail', 'fail', 'hold']);
      delays.length = 0;
      await rt1.events.supervisor.tick();
      await rt2.events.supervisor.tick();
      expect(rt1.events.supervisor.running()).toContain(key);
      expect(rt2.events.supervisor.running()).not.toContain(key);
      await until(async () => (await state(key))?.state === 'connected', 'connected after three failures');
      // Full jitter over 1 s doubling (random 0.5), never under the 1 s floor.
      expect(delays).toEqual([1000, 1000, 2000]);
      expect(script.runs.get(key)).toBe(4);
      expect(script.tokens).toContain(`at-${id}`);
      await until(async () => (await readEvents(rt1, owner.accountId, { after: 0, limit: 100 })).length > 0, 'the emitted event');
      const events = await readEvents(rt1, owner.accountId, { after: 0, limit: 100 });
      expect(events.find((e) => e.sourceId === `${key}-40`)).toMatchObject({ integrationId: id, platform: 'twitch', source: 'twitch.eventsub' });
      await until(async () => (await rt1.store.db.selectFrom('connector_cursors').selectAll().where('key', '=', key).executeTakeFirst())?.value === 'page-4', 'the cursor saved');
    });

    it('retries a failed append with backoff while the connection stays up, and stores the events it held', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      script.scripts.set(key, ['burst']);
      // The database refuses the append: the events table is away until the third retry's wait.
      await sql`alter table events rename to events_away`.execute(rt1.store.db);
      let waits = 0;
      delays.length = 0;
      onSleep = async () => {
        if (++waits === 3) await sql`alter table events_away rename to events`.execute(rt1.store.db);
      };
      try {
        await rt1.events.supervisor.tick();
        await until(() => script.emitsDone.includes(key), 'the append landed');
      } finally {
        onSleep = undefined;
        if (waits < 3) await sql`alter table events_away rename to events`.execute(rt1.store.db);
      }
      // Backoff doubling from 100 ms; the connection was never ended and run again.
      expect(delays).toEqual([100, 200, 400]);
      expect(script.runs.get(key)).toBe(1);
      expect((await state(key))?.state).toBe('connected');
      const stored = (await readEvents(rt1, owner.accountId, { after: 0, limit: 100 })).map((e) => [e.seq, e.sourceId]);
      expect(stored).toEqual([
        [1, `${key}-10`],
        [2, `${key}-11`],
        [3, `${key}-12`],
      ]);
    });

    it('stops on ConnectorGaveUp with state error and the reason, and tries again only when the connection changes', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      script.scripts.set(key, ['gave_up', 'hold']);
      await rt1.events.supervisor.tick();
      await until(async () => (await state(key))?.state === 'error', 'error state');
      expect((await state(key))?.reason).toBe('the grant lacks a scope; reconnect');
      await rt1.events.supervisor.tick();
      await rt1.events.supervisor.tick();
      expect(script.runs.get(key)).toBe(1);
      // Reconnected with new grants: the connection changed, so it runs again.
      await rt1.store.db.updateTable('integrations').set({ scopes: '["more"]' }).where('id', '=', id).execute();
      await rt1.events.supervisor.tick();
      await rt1.events.supervisor.tick();
      await until(async () => (await state(key))?.state === 'connected', 'connected after the change');
      expect(script.runs.get(key)).toBe(2);
    });

    it('hands a connection to another instance within the lease time when its owner stops renewing', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      await rt1.events.supervisor.tick();
      expect(rt1.events.supervisor.running()).toContain(key);
      await until(async () => (await state(key))?.state === 'connected', 'connected on instance 1');
      // Instance 1 stops renewing (as if killed). Before the lease runs out, instance 2 leaves it alone.
      clock.advance(LEASE_MS - 1);
      await rt2.events.supervisor.tick();
      expect(rt2.events.supervisor.running()).not.toContain(key);
      clock.advance(1);
      await rt2.events.supervisor.tick();
      expect(rt2.events.supervisor.running()).toContain(key);
      await until(() => script.runs.get(key) === 2, 'running on instance 2');
      // Instance 1 wakes up: its renewal fails and it lets go.
      await rt1.events.supervisor.tick();
      expect(rt1.events.supervisor.running()).not.toContain(key);
      expect(rt2.events.supervisor.running()).toContain(key);
      clock.advance(1000);
      await rt2.events.supervisor.tick();
      expect(rt2.events.supervisor.running()).toContain(key);
    });

    it('disconnecting an integration stops its connection at once and removes its platform subscriptions', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      await rt1.events.supervisor.tick();
      await until(async () => (await state(key))?.state === 'connected', 'connected');
      const res = await app.inject({ method: 'DELETE', url: `/v1/integrations/${id}`, headers: owner.headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(rt1.events.supervisor.running()).not.toContain(key);
      expect(script.unsubscribed).toContain(`${key}:at-${id}`);
      expect(await state(key)).toBeUndefined();
      expect(await rt1.store.db.selectFrom('connection_leases').selectAll().where('key', '=', key).executeTakeFirst()).toBeUndefined();
    });

    it('a disconnect on another instance stops the connection at the owner’s next renewal', async () => {
      await freshOwner();
      const id = await insertChannel(rt1, owner.accountId);
      const key = `integration:${id}`;
      await rt2.events.supervisor.tick();
      expect(rt2.events.supervisor.running()).toContain(key);
      const res = await app.inject({ method: 'DELETE', url: `/v1/integrations/${id}`, headers: owner.headers });
      expect(res.statusCode, res.body).toBe(200);
      // Instance 1 (which served the request) removed the subscriptions with the still-valid token.
      expect(script.unsubscribed).toContain(`${key}:at-${id}`);
      await rt2.events.supervisor.tick();
      expect(rt2.events.supervisor.running()).not.toContain(key);
    });

    it('removing a StreamElements token stops its connection at once; connections list its state', async () => {
      await freshOwner();
      const se = await insertStreamElementsToken(rt1, owner.accountId);
      const key = `streamelements:${se}`;
      await rt1.events.supervisor.tick();
      await until(async () => (await state(key))?.state === 'connected', 'SE connected');
      expect(script.tokens).toContain(`jwt-${se}`);
      const list = await app.inject({ method: 'GET', url: '/v1/events/connections', headers: owner.headers });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items).toContainEqual({
        key,
        kind: 'streamelements',
        integration_id: null,
        streamelements_token_id: se,
        platform: 'twitch',
        state: 'connected',
        reason: null,
        updated_at: new Date(clock.now()).toISOString(),
      });
      const res = await app.inject({ method: 'DELETE', url: `/v1/streamelements/tokens/${se}`, headers: owner.headers });
      expect(res.statusCode, res.body).toBe(204);
      expect(rt1.events.supervisor.running()).not.toContain(key);
      expect((await app.inject({ method: 'GET', url: '/v1/events/connections', headers: owner.headers })).json().items.map((i: { key: string }) => i.key)).not.toContain(key);
    });
  });
}
