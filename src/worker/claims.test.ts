/**
 * The worker's per-tick queries are served by indexes (migration 072), on every store: at 100,000
 * integrations a claim that reads the platform's rows one by one held SQLite's only connection for a
 * quarter of a second or more on every tick (bench:scale). A plan without an index fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { dueRefreshesClaim, dueValidationsClaim, healedIncidentsQuery, unscheduledQuery } from './claims.ts';
import { queryPlan } from './query-plan.ts';

for (const target of storeTargets()) {
  describe(`worker queries on ${target.name}`, () => {
    let rt: TestRuntime;
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open() });
    });
    afterAll(async () => {
      await rt.close();
    });

    const plan = async (query: Parameters<typeof queryPlan>[1]) => (await queryPlan(rt.store, query, { avoidSeqScan: true })).join('\n');
    // SQLite names a full read "SCAN integrations" (a walk of an index without a range is "SCAN … USING INDEX");
    // PostgreSQL "Seq Scan on integrations".
    const FULL_READ = /\bSCAN integrations\b|Seq Scan on integrations/;
    // Which index serves a query is checked on SQLite, whose planner has no statistics and always picks
    // the same; PostgreSQL picks among equally cheap indexes of an empty table, so there only "an index".
    const sqlite = target.name === 'sqlite';

    it('claims due refreshes through the next-refresh and expiry ranges, not a walk of the platform', async () => {
      const p = await plan(dueRefreshesClaim(rt, 'test', 'kick', 8, Date.now()));
      expect(p).not.toMatch(FULL_READ);
      if (sqlite) expect(p).toMatch(/MULTI-INDEX OR[\s\S]*integrations_platform_next_refresh[\s\S]*integrations_platform_expiry/);
    });

    it('claims due validations through the validation index', async () => {
      const p = await plan(dueValidationsClaim(rt, 'twitch', 8, Date.now()));
      expect(p).not.toMatch(FULL_READ);
      // One range of the (platform, due) index, not a walk of the platform's rows.
      if (sqlite) expect(p).toMatch(/integrations_platform_validation \(platform=\? AND <expr><\?\)/);
    });

    it('finds unscheduled rows and healed incidents through indexes', async () => {
      const unscheduled = await plan(unscheduledQuery(rt, 500));
      const incidents = await plan(healedIncidentsQuery(rt, 100));
      expect(unscheduled).not.toMatch(FULL_READ);
      expect(incidents).not.toMatch(FULL_READ);
      if (sqlite) {
        expect(unscheduled).toMatch(/integrations_next_refresh/);
        expect(incidents).toMatch(/integrations_incident/);
      }
    });
  });
}
