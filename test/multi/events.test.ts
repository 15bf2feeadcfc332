/**
 * Live events across 3 Bifrost processes on one PostgreSQL: an event appended by the instance that
 * owns a connection reaches SSE consumers on the two others (LISTEN/NOTIFY), and when the instance
 * owning a Twitch and a Trovo connection is SIGKILLed another takes both over within the lease time
 * and events flow again, each delivered once and in order. The connectors here long-poll an event
 * source in the test runner (the platforms' own connectors have their own suites against fakes).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeySpec } from '../../src/crypto/keyring.ts';
import { openStore } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { IncomingEvent } from '../../src/platforms/event-types.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createApiKey, createMember } from '../support/auth.ts';
import { chat, insertChannel, openSse, until, type SseFrame } from '../support/events.ts';
import { freePort, freshSchema, spawnInstance, waitFor, TEST_DATABASE_URL, type Child } from './support.ts';

const INSTANCES = 3;
const LEASE_S = 3;
const ENTRY = join(import.meta.dirname, 'events-entry.ts');

describe.skipIf(!TEST_DATABASE_URL)('live events on 3 instances on one PostgreSQL', () => {
  const encryptionKey = generateKeySpec('k1');
  let rt: TestRuntime;
  let drop: () => Promise<void>;
  let source: Server;
  const children: (Child & { url: string })[] = [];
  /** Events waiting per connection key, and the pid that last polled it (its owner). */
  const queues = new Map<string, IncomingEvent[]>();
  const pollers = new Map<string, number>();
  let apiKey: Record<string, string>;
  let twitchKey: string;
  let trovoKey: string;

  beforeAll(async () => {
    const { schema, drop: dropSchema } = await freshSchema(TEST_DATABASE_URL!);
    drop = dropSchema;
    const store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: schema });
    await migrateToLatest(store);
    rt = await testRuntime({ store, env: { BIFROST_ENCRYPTION_KEYS: encryptionKey }, overrides: { events: { enabled: false } } });
    const member = await createMember(rt, { role: 'owner' });
    apiKey = (await createApiKey(rt, { accountId: member.accountId, userId: member.userId, permissions: ['events:read'] })).headers;
    twitchKey = `integration:${await insertChannel(rt, member.accountId, 'twitch')}`;
    trovoKey = `integration:${await insertChannel(rt, member.accountId, 'trovo')}`;

    source = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const key = url.searchParams.get('key')!;
      pollers.set(key, Number(url.searchParams.get('pid')));
      const answer = () => {
        const events = queues.get(key) ?? [];
        queues.set(key, []);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(events));
      };
      if ((queues.get(key) ?? []).length > 0) answer();
      else setTimeout(answer, 100);
    });
    const sourcePort = await freePort();
    await new Promise<void>((r) => source.listen(sourcePort, '127.0.0.1', () => r()));

    const env = {
      MULTI_DATABASE_URL: TEST_DATABASE_URL!,
      MULTI_PG_SCHEMA: schema,
      MULTI_POOL_SIZE: '4',
      BIFROST_ENCRYPTION_KEYS: encryptionKey,
      BIFROST_EVENTS_LEASE: String(LEASE_S),
      MULTI_EVENT_SOURCE: `http://127.0.0.1:${sourcePort}`,
    };
    for (let slot = 0; slot < INSTANCES; slot++) {
      const port = await freePort();
      const child = spawnInstance({ ...env, BIFROST_PORT: String(port), BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), `bifrost-ev-${slot}-`)) }, ENTRY);
      children[slot] = { ...child, url: (await waitFor(child, 'READY')).replace('localhost', '127.0.0.1') };
    }
  });
  afterAll(async () => {
    for (const c of children) if (c && c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c?.exited));
    source?.close();
    await rt?.close();
    await drop?.();
  });

  const seqs = (frames: SseFrame[]) => frames.map((f) => f.data.seq as number);
  const alive = (pid: number | undefined) => children.some((c) => c.proc.pid === pid && c.proc.exitCode === null && c.proc.signalCode === null);
  const push = (key: string, events: IncomingEvent[]) => queues.set(key, [...(queues.get(key) ?? []), ...events]);

  it('delivers an event appended at one instance to consumers on the others, and survives the SIGKILL of the owner', async () => {
    await until(() => pollers.has(twitchKey) && pollers.has(trovoKey), 'both connections running', 2000);
    const streams = await Promise.all(children.map((c) => openSse(`${c.url}/v1/events?after=0`, apiKey)));
    for (const s of streams) expect(s.status).toBe(200);

    push(twitchKey, [chat(1, 'multi-')]);
    await until(() => streams.every((s) => s.frames.length === 1), 'the event on every instance', 2000);
    const owner = pollers.get(twitchKey)!;
    // Every instance delivered it, including the two that did not append it.
    expect(streams.map((s) => seqs(s.frames))).toEqual([[1], [1], [1]]);

    // Move the Trovo connection's owner aside: kill whoever owns Twitch; if it owns Trovo too, both move.
    const victim = children.findIndex((c) => c.proc.pid === owner);
    const killedAt = Date.now();
    children[victim]!.proc.kill('SIGKILL');
    await children[victim]!.exited;
    await until(() => alive(pollers.get(twitchKey)) && alive(pollers.get(trovoKey)), 'both connections owned by a live instance', 4000);
    const tookMs = Date.now() - killedAt;
    // Taken over once the dead owner's lease ran out, plus at most one renewal period.
    expect(tookMs).toBeLessThan((LEASE_S + LEASE_S / 3 + 2) * 1000);

    push(twitchKey, [chat(2, 'multi-'), chat(3, 'multi-')]);
    push(trovoKey, [chat(4, 'multi-')]);
    const survivors = streams.filter((_, i) => i !== victim);
    await until(() => survivors.every((s) => s.frames.length === 4), 'events flowing again', 2000);
    for (const s of survivors) expect(seqs(s.frames)).toEqual([1, 2, 3, 4]);
    for (const s of streams) s.close();
  });
});
