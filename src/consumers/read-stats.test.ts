/** The read counter's batched flush, on every store: exact counts, one audit event per pair and hour, last-used times, deleted rows skipped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { callerOf } from '../../test/support/callers.ts';
import { createServiceKey } from './service-keys.ts';
import { enableTokenServer } from './token-server.ts';
import { createReadStats } from './read-stats.ts';
import type { Consumer } from './consumer.ts';

const INTERNAL: Consumer = { kind: 'internal', id: 'internal', label: 'internal service key' };

for (const target of storeTargets()) {
  describe(`token read counts (${target.name})`, () => {
    let fake: FakeHandle<TwitchFakeKnobs>;
    let rt: TestRuntime;
    beforeAll(async () => {
      fake = await startFake();
      rt = await testRuntime({ store: await target.open() });
    });
    afterAll(async () => {
      await rt.close();
      await fake.close();
    });

    it('writes many pairs per flush with exact counts, one audit event per pair, and last-used times; a deleted integration is skipped, not the others', async () => {
      const accountId = await seedAccount(rt);
      const rows = [];
      for (let i = 0; i < 5; i++) rows.push(await seedIntegration(rt, fake as never, { accountId, user: `reader${i}` }));
      const key = await createServiceKey(rt, callerOf(accountId), { name: 'counted' });
      const keyConsumer: Consumer = { kind: 'service_key', id: key.id, label: 'service key counted', accountId, integrationIds: null, platforms: null, permissions: new Set() };
      await enableTokenServer(rt, callerOf(accountId), rows[0]!.id);
      const serverConsumer: Consumer = { kind: 'token_server', id: `token_server:${rows[0]!.id}`, label: 'Companion token server', accountId, integrationId: rows[0]!.id };
      const stats = createReadStats(rt);

      for (const [n, row] of rows.entries()) for (let i = 0; i <= n; i++) stats.record(INTERNAL, row, null);
      stats.record(keyConsumer, rows[1]!, '127.0.0.1');
      stats.record(serverConsumer, rows[0]!, '127.0.0.1');
      await stats.flush();
      // The second interval: one row gone meanwhile fails its foreign key; the others still count.
      for (const row of rows) stats.record(INTERNAL, row, null);
      await rt.store.db.deleteFrom('consumer_reads').where('integration_id', '=', rows[4]!.id).execute();
      await rt.store.db.deleteFrom('token_servers').where('integration_id', '=', rows[4]!.id).execute();
      await rt.store.db.deleteFrom('integrations').where('id', '=', rows[4]!.id).execute();
      await stats.stop();

      const counts = await rt.store.db.selectFrom('consumer_reads').select(['consumer', 'integration_id', 'read_count']).execute();
      const count = (consumer: string, id: string) => counts.find((c) => c.consumer === consumer && c.integration_id === id)?.read_count;
      for (const [n, row] of rows.slice(0, 4).entries()) expect(count('internal', row.id), `integration ${n}`).toBe(n + 2);
      expect(count('internal', rows[4]!.id)).toBeUndefined();
      expect(count(key.id, rows[1]!.id)).toBe(1);
      expect(count(serverConsumer.id, rows[0]!.id)).toBe(1);

      const audits = await rt.store.db.selectFrom('audit_events').select(['actor_id', 'target_id']).where('action', '=', 'integration.token_read').execute();
      expect(audits.filter((a) => a.actor_id === 'internal').map((a) => a.target_id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(audits.filter((a) => a.actor_id !== 'internal')).toHaveLength(2);
      const keyRow = await rt.store.db.selectFrom('service_keys').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow();
      expect(keyRow.last_used_at).not.toBeNull();
      const server = await rt.store.db.selectFrom('token_servers').select('last_used_at').where('integration_id', '=', rows[0]!.id).executeTakeFirstOrThrow();
      expect(server.last_used_at).not.toBeNull();
    });
  });
}
