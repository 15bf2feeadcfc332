/**
 * Live tool connections across instances (issue 18): 3 Bifrost processes on one PostgreSQL with one
 * enabled OBS tool → exactly one holds its connection; an action sent to any instance reaches OBS
 * (the others forward it through the database); SIGKILL the holder → another takes the connection
 * within the lease time and actions through the survivors still reach OBS.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeySpec } from '../../src/crypto/keyring.ts';
import { openStore } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTool } from '../../src/tools/tools-service.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createApiKey, createMember } from '../support/auth.ts';
import { callerOf } from '../support/callers.ts';
import { startFakeObs, type FakeObs } from '../../src/tools/fakes/obs-server.ts';
import { freePort, freshSchema, spawnInstance, waitFor, TEST_DATABASE_URL, type Child } from './support.ts';

/** The tool lease's default length (src/tools/live/connections.ts); a takeover waits at most this plus a renewal period. */
const LEASE_MS = 15_000;

describe.skipIf(!TEST_DATABASE_URL)('3 instances on one PostgreSQL, one OBS tool', () => {
  const encryptionKey = generateKeySpec('k1');
  let rt: TestRuntime;
  let obs: FakeObs;
  let drop: () => Promise<void>;
  let headers: Record<string, string>;
  let toolId = '';
  const children: (Child & { url: string })[] = [];

  beforeAll(async () => {
    obs = await startFakeObs({ password: 'multi-obs-pass' });
    const { schema, drop: dropSchema } = await freshSchema(TEST_DATABASE_URL!);
    drop = dropSchema;
    const store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: schema });
    await migrateToLatest(store);
    rt = await testRuntime({ store, env: { BIFROST_ENCRYPTION_KEYS: encryptionKey } });
    const member = await createMember(rt, { role: 'owner' });
    headers = (await createApiKey(rt, { ...member, permissions: ['tools:control', 'connections:read'] })).headers;
    toolId = (await createTool(rt, callerOf(member.accountId), { kind: 'obs', port: obs.port, password: 'multi-obs-pass' })).id;
    for (let slot = 0; slot < 3; slot++) {
      const child = spawnInstance({
        MULTI_DATABASE_URL: TEST_DATABASE_URL!,
        MULTI_PG_SCHEMA: schema,
        MULTI_POOL_SIZE: '4',
        BIFROST_ENCRYPTION_KEYS: encryptionKey,
        BIFROST_PORT: String(await freePort()),
        BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), `bifrost-tools-${slot}-`)),
      });
      const url = await waitFor(child, 'READY');
      children.push({ ...child, url: url.replace('localhost', '127.0.0.1') });
    }
  });

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await rt?.close();
    await drop?.();
    await obs?.close();
  });

  const holder = async () => (await rt.store.db.selectFrom('connection_leases').selectAll().where('key', '=', `tool:${toolId}`).executeTakeFirst())?.owner;
  const holderSlot = async () => {
    const owner = await holder();
    return children.findIndex((c) => owner !== undefined && owner.split(':')[1] === String(c.proc.pid));
  };
  const switchVia = (slot: number, scene: string) =>
    fetch(`${children[slot]!.url}/v1/tools/${toolId}/obs/program-scene`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ scene }) });

  it('connects the tool from exactly one instance', async () => {
    await vi.waitFor(async () => {
      const state = await fetch(`${children[0]!.url}/v1/tools/${toolId}`, { headers });
      expect((await state.json()).connection_state).toBe('connected');
    }, { timeout: 30_000, interval: 200 });
    expect(await holderSlot()).toBeGreaterThanOrEqual(0);
    // Two renewal periods later, still one connection and one identification.
    await new Promise((resolve) => setTimeout(resolve, (2 * LEASE_MS) / 3 + 1_000));
    expect(obs.clients()).toBe(1);
    expect(obs.counts.identified).toBe(1);
  });

  it('runs an action sent to any instance on OBS', async () => {
    const scenes = ['Gameplay', 'Starting Soon', 'Gameplay'];
    for (let slot = 0; slot < 3; slot++) {
      const res = await switchVia(slot, scenes[slot]!);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(obs.studio.programScene).toBe(scenes[slot]);
    }
    expect(obs.clients()).toBe(1);
  });

  it('hands the connection to another instance within the lease time when the holder dies', async () => {
    const dead = await holderSlot();
    children[dead]!.proc.kill('SIGKILL');
    await children[dead]!.exited;
    const killedAt = Date.now();
    await vi.waitFor(async () => {
      const slot = await holderSlot();
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(slot).not.toBe(dead);
      expect(obs.clients()).toBe(1);
      expect(obs.counts.identified).toBe(2);
    }, { timeout: LEASE_MS + 15_000, interval: 200 });
    // Within the lease plus one renewal period of the taker, and a little scheduling slack.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + LEASE_MS / 3 + 6_000);
    const survivors = [0, 1, 2].filter((s) => s !== dead);
    for (const [i, slot] of survivors.entries()) {
      const scene = i === 0 ? 'Starting Soon' : 'Gameplay';
      await vi.waitFor(async () => expect((await switchVia(slot, scene)).status).toBe(200), { timeout: 10_000, interval: 250 });
      expect(obs.studio.programScene).toBe(scene);
    }
  });
});
