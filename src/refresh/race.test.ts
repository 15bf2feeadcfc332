/**
 * Interleavings (F-2): fast-check's scheduler decides the order in which consumer reads,
 * worker runs and 401 reports on two instances start, and when the platform answers. Under every
 * order: one refresh at the strict-rotation fake, no reuse, one token for every reader, the stored
 * refresh token equal to the platform's latest, and no lease left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { sealTokens } from '../tokens/sealed-tokens.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { Runtime } from '../runtime.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { siblingOf, tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { latestRefreshToken, mintGrant, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import { createWorker } from '../worker/worker.ts';
import type { Consumer } from '../consumers/consumer.ts';

let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let id: string;

beforeAll(async () => {
  fake = await startFake({ knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 3600 } });
  rt = await tokensRuntime({ fake: fake as never });
  id = (await seedIntegration(rt, fake as never, { accountId: null })).id;
});
afterAll(async () => {
  await rt.close();
  await fake.close();
});

const INTERNAL: Consumer = { kind: 'internal', id: 'internal', label: 'test' };
const fastSleep = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An instance whose platform answers only when the scheduler says so. */
function instance(s: fc.Scheduler): Runtime {
  const adapter = rt.platforms.get('twitch')!;
  const scheduled: PlatformAdapter = { ...adapter, refresh: (p) => s.schedule(Promise.resolve(), 'platform answers').then(() => adapter.refresh(p)) };
  return siblingOf<Runtime>(rt, { platforms: new Map([['twitch', scheduled]]) as Runtime['platforms'] }, { sleep: fastSleep });
}

/** A fresh grant and an expired token, as at the start of every run. */
async function reset(): Promise<string> {
  const grant = mintGrant(fake as never);
  await rt.store.db
    .updateTable('integrations')
    .set({
      ...sealTokens(rt, id, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresIn: 3600, tokenType: 'bearer' }),
      token_expires_at: rt.clock.now() - 1000,
      token_version: 1,
      status: 'active',
      status_reason: null,
      incident: null,
      next_refresh_at: null,
      next_attempt_at: null,
      refresh_started_at: null,
      refresh_lease_until: null,
      refresh_lease_owner: null,
      last_refreshed_at: null,
      consecutive_failures: 0,
    })
    .where('id', '=', id)
    .execute();
  return grant.grantId;
}

type Op = { kind: 'read' | 'worker' | 'report'; on: 0 | 1 };
const opArb = fc.record({ kind: fc.constantFrom<Op['kind']>('read', 'read', 'worker', 'report'), on: fc.constantFrom<0 | 1>(0, 1) });

describe('refresh under generated interleavings', () => {
  it('one refresh, one token, no reuse, no lease left — over 1,000 schedules', async () => {
    const reuseBefore = fake.counters.reuseDetections;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArb, { minLength: 2, maxLength: 8 }), async (s, ops) => {
        const grantId = await reset();
        const instances = [instance(s), instance(s)];
        const tokens: string[] = [];
        const run = (op: Op): Promise<unknown> => {
          const inst = instances[op.on]!;
          if (op.kind === 'worker') return createWorker(inst).tick({ settle: true });
          const read = op.kind === 'read' ? inst.consumers.readToken(INTERNAL, id) : inst.consumers.reportInvalid(INTERNAL, id);
          return read.then((t) => tokens.push(t.access_token));
        };
        const all = Promise.allSettled(ops.map((op) => s.schedule(Promise.resolve(), `start ${op.kind} on ${op.on}`).then(() => run(op))));
        let settled = false;
        void all.then(() => (settled = true));
        while (!settled) {
          if (s.count() > 0) await s.waitOne();
          else await fastSleep();
        }
        const outcomes = await all;
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
        expect(fake.counters.refreshesByGrant[grantId]).toBe(1);
        const row = (await findIntegrationById(rt.store.db, id))!;
        expect(row).toMatchObject({ status: 'active', refresh_lease_until: null, token_version: 2 });
        const stored = storedTokens(rt, row);
        expect(stored.refreshToken).toBe(latestRefreshToken(fake as never, grantId));
        expect(new Set(tokens)).toEqual(new Set(tokens.length ? [stored.accessToken] : []));
      }),
      { numRuns: 1000 },
    );
    expect(fake.counters.reuseDetections).toBe(reuseBefore);
  }, 240_000);
});
