/**
 * The token store: its read cache (TTL, forget, off at 0), sealing bound to row and column, and the
 * fenced writes — a reconnect with a stale version and a refresh whose COMMIT never happens both
 * leave the stored tokens as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import { isAppError } from '../errors/app-error.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import { createTokenStore, type CachedToken } from './token-store.ts';
import { openAccessToken, openRefreshToken, sealTokens } from './sealed-tokens.ts';
import { commitRefreshedTokens, replaceTokens } from './token-writes.ts';

const clock = new ManualClock(Date.UTC(2026, 5, 1));

function entry(id: string, at: number): CachedToken {
  return { row: { id } as CachedToken['row'], accessToken: `at-${id}`, scopes: [], cachedAt: at };
}

describe('token read cache', () => {
  const config = (ms: number) => ({ tokens: { read_cache_ms: ms } }) as never;

  it('answers a remembered token until the TTL ends, and forgets on demand', () => {
    const cache = createTokenStore({ config: config(1000), clock });
    cache.remember(entry('int_a', clock.now()));
    cache.remember(entry('int_b', clock.now()));
    expect(cache.cached('int_a')?.accessToken).toBe('at-int_a');
    cache.forget('int_a');
    expect(cache.cached('int_a')).toBeUndefined();
    clock.advance(999);
    expect(cache.cached('int_b')?.accessToken).toBe('at-int_b');
    clock.advance(1);
    expect(cache.cached('int_b')).toBeUndefined();
  });

  it('keeps nothing when tokens.read_cache_ms is 0, and each store has its own entries', () => {
    const off = createTokenStore({ config: config(0), clock });
    off.remember(entry('int_a', clock.now()));
    expect(off.cached('int_a')).toBeUndefined();
    const one = createTokenStore({ config: config(1000), clock });
    const other = createTokenStore({ config: config(1000), clock });
    one.remember(entry('int_a', clock.now()));
    expect(other.cached('int_a')).toBeUndefined();
  });
});

for (const target of storeTargets()) {
  describe(`token store writes on ${target.name}`, () => {
    let fake: FakeHandle<TwitchFakeKnobs>;
    let rt: TestRuntime;
    let accountId: string;

    beforeAll(async () => {
      fake = await startFake({ clock, knobs: { accessTokenLifetime: 3600 } });
      rt = await tokensRuntime({ store: await target.open(), fake: fake as never, clock });
      accountId = await seedAccount(rt);
    });
    afterAll(async () => {
      await rt.close();
      await fake.close();
    });

    it('seals tokens to their row and column: another row or column does not open them', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const sealed = sealTokens(rt, row.id, { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 60, tokenType: 'bearer' });
      expect(openAccessToken(rt, { id: row.id, access_token_enc: sealed.access_token_enc })).toBe('new-access');
      expect(openRefreshToken(rt, { id: row.id, refresh_token_enc: sealed.refresh_token_enc! })).toBe('new-refresh');
      expect(sealed.token_expires_at).toBe(clock.now() + 60_000);
      const misplaced = [
        () => openAccessToken(rt, { id: 'int_other', access_token_enc: sealed.access_token_enc }),
        () => openRefreshToken(rt, { id: row.id, refresh_token_enc: sealed.access_token_enc }),
      ];
      for (const open of misplaced) {
        let code: string | undefined;
        try {
          open();
        } catch (err) {
          code = isAppError(err) ? err.code : 'other';
        }
        expect(code).toBe('DECRYPT_FAILED');
      }
      // A platform that sends no new refresh token keeps the stored one.
      expect(sealTokens(rt, row.id, { accessToken: 'a', expiresIn: 60, tokenType: 'bearer' }, row.refresh_token_enc).refresh_token_enc).toBe(row.refresh_token_enc);
    });

    it('a reconnect with a stale version writes nothing', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const tokens = { accessToken: 'reconnected', refreshToken: 'reconnected-refresh', expiresIn: 3600, tokenType: 'bearer' };
      expect(await replaceTokens(rt, row, tokens, { display_name: 'first' })).toBe(true);
      const after = (await findIntegrationById(rt.store.db, row.id))!;
      expect(after).toMatchObject({ token_version: row.token_version + 1, display_name: 'first' });
      expect(storedTokens(rt, after)).toEqual({ accessToken: 'reconnected', refreshToken: 'reconnected-refresh' });

      expect(await replaceTokens(rt, row, { ...tokens, accessToken: 'stale' }, { display_name: 'second' })).toBe(false);
      const unchanged = (await findIntegrationById(rt.store.db, row.id))!;
      expect(unchanged).toEqual(after);
    });

    it('a refresh whose COMMIT fails keeps the old tokens; one that commits bumps the version', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const lease = (await rt.store.db.updateTable('integrations').set({ refresh_epoch: 7 }).where('id', '=', row.id).returningAll().executeTakeFirst())!;
      const commit = { row: lease, epoch: 7, tokens: { accessToken: 'fresh', refreshToken: 'fresh-refresh', expiresIn: 3600, tokenType: 'bearer' }, nextRefreshAt: (expiresAt: number) => expiresAt - 600_000 };
      await expect(commitRefreshedTokens(rt, { ...commit, beforeCommit: () => { throw new Error('killed before COMMIT'); } })).rejects.toThrow('killed before COMMIT');
      expect(storedTokens(rt, (await findIntegrationById(rt.store.db, row.id))!)).toEqual(storedTokens(rt, row));

      const fresh = await commitRefreshedTokens(rt, { ...commit, beforeCommit: () => {} });
      expect(fresh).toMatchObject({ token_version: row.token_version + 1, status: 'active', last_refresh_result: 'ok', next_refresh_at: clock.now() + 3_000_000 });
      expect(storedTokens(rt, fresh!)).toEqual({ accessToken: 'fresh', refreshToken: 'fresh-refresh' });
      // The same commit again: the version it read is gone, so the fence holds.
      expect(await commitRefreshedTokens(rt, { ...commit, beforeCommit: () => {} })).toBeUndefined();
    });
  });
}
