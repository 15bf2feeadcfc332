/**
 * Requests to a tool held by another instance, in one process: two runtimes over one store (as two
 * instances over one database). The one without the connection forwards through `tool_requests` and
 * gets the holder's answer; a holder that never answers is a 504 after the bound.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { callerOf } from '../../test/support/callers.ts';
import { prefixedId } from '../crypto/random.ts';
import { createTool, getTool } from './tools-service.ts';
import { listObsScenes, setObsProgramScene } from './actions.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import type { Caller } from '../access/caller.ts';

const LINKS = { leaseMs: 3_000, pollMs: 50, timeoutMs: 1_000, backoff: { baseMs: 50, capMs: 400 } };

for (const target of storeTargets()) {
  describe(`forwarded tool requests on ${target.name}`, () => {
    let holder: TestRuntime;
    let other: TestRuntime;
    let obs: FakeObs;
    let links: { stop(): Promise<void> };
    let caller: Caller;
    let toolId = '';

    beforeAll(async () => {
      const store = await target.open();
      holder = await testRuntime({ store, overrides: { server: { port: 18080 } }, seams: { toolLinks: LINKS } });
      other = await testRuntime({ store, overrides: { server: { port: 18080 } }, seams: { toolLinks: LINKS } });
      obs = await startFakeObs();
      const accountId = prefixedId('acc');
      await store.db.insertInto('accounts').values({ id: accountId, name: accountId, created_at: Date.now(), updated_at: Date.now() }).execute();
      caller = callerOf(accountId);
      toolId = (await createTool(holder, caller, { kind: 'obs', port: obs.port })).id;
      links = holder.toolLinks.start();
      await vi.waitFor(async () => expect((await getTool(other, caller, toolId)).connectionState).toBe('connected'), { timeout: 8_000 });
    });
    afterAll(async () => {
      await links?.stop();
      await obs?.close();
      // One store under both runtimes: closing the holder closes it.
      await other?.events.stop();
      await holder?.close();
    });

    it('runs an action sent to the instance without the connection through the holder', async () => {
      expect(other.toolLinks.held()).toEqual([]);
      expect(await setObsProgramScene(other, caller, toolId, { scene: 'Gameplay' })).toEqual({ scene: 'Gameplay' });
      expect(obs.studio.programScene).toBe('Gameplay');
      expect((await listObsScenes(other, caller, toolId)).find((s) => s.current)?.name).toBe('Gameplay');
      await expect(setObsProgramScene(other, caller, toolId, { scene: 'Nowhere' })).rejects.toMatchObject({ code: 'TOOL_TARGET_NOT_FOUND', status: 404 });
      expect(await other.store.db.selectFrom('tool_requests').selectAll().execute()).toEqual([]);
    });

    it('answers 504 when the holder does not answer within the bound', async () => {
      await links.stop();
      // A holder that took the lease and then stopped reading its requests (a hung instance).
      const now = Date.now();
      await holder.store.db.insertInto('connection_leases').values({ key: `tool:${toolId}`, owner: 'ghost', expires_at: now + 60_000 }).onConflict((oc) => oc.column('key').doUpdateSet({ owner: 'ghost', expires_at: now + 60_000 })).execute();
      await holder.store.db.updateTable('tool_states').set({ owner: 'ghost', state: 'connected' }).where('tool_id', '=', toolId).execute();
      await expect(setObsProgramScene(other, caller, toolId, { scene: 'Gameplay' })).rejects.toMatchObject({ code: 'TOOL_TIMEOUT', status: 504 });
      expect(await other.store.db.selectFrom('tool_requests').selectAll().execute()).toEqual([]);
    });
  });
}
