/** The Companion token server (GET url?id=… → the bare token) over real HTTP, driven exactly as the Companion Twitch API module drives it. */
import { callerOf } from '../../test/support/callers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import { callerAllowed, enableTokenServer } from './token-server.ts';

let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let app: App;
let origin: string;

beforeAll(async () => {
  fake = await startFake({ knobs: { accessTokenLifetime: 3600 } });
  rt = await tokensRuntime({ fake: fake as never });
  app = await buildApp(rt);
  origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  await app.close();
  await rt.close();
  await fake.close();
});

/** What the Companion module does: GET the configured URL + "?id=" + id, strip quotes, use the body as the token. */
async function companionGetToken(url: string, id: string): Promise<{ status: number; token: string; type: string | null }> {
  const res = await fetch(url + '?id=' + id);
  const body = await res.text();
  return { status: res.status, token: body.replace(/"/g, ''), type: res.headers.get('content-type') };
}

describe('Companion token server', () => {
  it('hands the Companion module a valid bare token, refreshed when needed; a disabled or wrong id is a 404', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'channel', expiresInMs: -1000 });
    const enabled = await app.inject({ method: 'POST', url: `/v1/integrations/${row.id}/token-server`, headers: owner.headers });
    expect(enabled.statusCode).toBe(200);
    const { token_server_id: id, url } = enabled.json() as { token_server_id: string; url: string };
    expect(id).toContain('-');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(url).toBe(`${rt.config.server.public_url}/v1/token-server`);
    const stored = await rt.store.db.selectFrom('token_servers').selectAll().where('integration_id', '=', row.id).executeTakeFirstOrThrow();
    expect(stored.id_hash).not.toContain(id);

    const served = await companionGetToken(`${origin}/v1/token-server`, id);
    expect(served.status).toBe(200);
    expect(served.type).toMatch(/^text\/plain/);
    expect(served.token).toMatch(/^[a-z0-9]{30}$/);
    // Valid at the platform: the expired stored token was refreshed first.
    expect(fake.state.introspect(served.token)).toBeDefined();
    expect(fake.counters.refreshes).toBe(1);

    // Rotating makes the old id stop working.
    const rotated = (await app.inject({ method: 'POST', url: `/v1/integrations/${row.id}/token-server`, headers: owner.headers })).json().token_server_id as string;
    expect((await companionGetToken(`${origin}/v1/token-server`, id)).status).toBe(404);
    expect((await companionGetToken(`${origin}/v1/token-server`, rotated)).status).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/v1/integrations/${row.id}/token-server`, headers: owner.headers })).statusCode).toBe(204);
    expect((await companionGetToken(`${origin}/v1/token-server`, rotated)).status).toBe(404);
    expect((await companionGetToken(`${origin}/v1/token-server`, 'not-a-guid')).status).toBe(404);
    expect((await fetch(`${origin}/v1/token-server`)).status).toBe(404);
  });

  it('hands out only tokens valid for token_server.min_validity (20 min): 10 minutes left is refreshed first, 30 is not', async () => {
    for (const [minutesLeft, refreshed] of [[10, true], [30, false]] as const) {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'channel', expiresInMs: minutesLeft * 60_000 });
      const { token_server_id: id } = (await app.inject({ method: 'POST', url: `/v1/integrations/${row.id}/token-server`, headers: owner.headers })).json() as { token_server_id: string };
      const before = fake.counters.refreshes;
      const served = await companionGetToken(`${origin}/v1/token-server`, id);
      expect(served.status).toBe(200);
      expect(fake.counters.refreshes - before).toBe(refreshed ? 1 : 0);
      const stored = storedTokens(rt, (await rt.store.db.selectFrom('integrations').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()));
      expect(served.token).toBe(stored.accessToken);
      if (!refreshed) expect(served.token).toBe(storedTokens(rt, row).accessToken);
    }
  });

  it('another account cannot enable a token server for an integration it does not own', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const stranger = await memberSession(app, rt, { role: 'owner' });
    const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'channel' });
    expect((await app.inject({ method: 'POST', url: `/v1/integrations/${row.id}/token-server`, headers: stranger.headers })).statusCode).toBe(404);
  });

  it('token_server.allowed_cidrs restricts callers', () => {
    expect(callerAllowed([], '203.0.113.9')).toBe(true);
    expect(callerAllowed(['192.168.0.0/16', '127.0.0.1'], '127.0.0.1')).toBe(true);
    expect(callerAllowed(['192.168.0.0/16'], '192.168.4.20')).toBe(true);
    expect(callerAllowed(['192.168.0.0/16'], '::ffff:192.168.4.20')).toBe(true);
    expect(callerAllowed(['192.168.0.0/16'], '10.0.0.1')).toBe(false);
    expect(callerAllowed(['fd00::/8'], 'fd12::1')).toBe(true);
    expect(callerAllowed(['10.0.0.0/8'], 'garbage')).toBe(false);
  });
});

describe('Companion token server with tokens shorter than min_validity', () => {
  it('hands out the freshest token, refreshing at most once per half lifetime however often Companion asks', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const shortFake = await startFake({ clock, knobs: { accessTokenLifetime: 900 } });
    const shortRt = await tokensRuntime({ fake: shortFake as never, clock });
    const shortApp = await buildApp(shortRt);
    try {
      const row = await seedIntegration(shortRt, shortFake as never, { accountId: await seedAccount(shortRt), type: 'channel', expiresInMs: 60_000 });
      const { tokenServerId: id } = await enableTokenServer(shortRt, callerOf(row.account_id!), row.id);
      const refreshedAt: number[] = [];
      for (let i = 0; i < 60; i++) {
        const before = shortFake.counters.refreshes;
        const res = await shortApp.inject({ method: 'GET', url: `/v1/token-server?id=${id}` });
        expect(res.statusCode, res.body).toBe(200);
        if (shortFake.counters.refreshes > before) refreshedAt.push(clock.now());
        const stored = (await shortRt.store.db.selectFrom('integrations').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
        expect(res.body).toBe(storedTokens(shortRt, stored).accessToken);
        clock.advance(30_000);
      }
      // 30 minutes of asking every 30 s with 15-minute tokens: a refresh every 7.5 minutes, no more.
      expect(refreshedAt.length).toBeGreaterThanOrEqual(4);
      expect(refreshedAt.length).toBeLessThanOrEqual(5);
      for (let k = 1; k < refreshedAt.length; k++) expect(refreshedAt[k]! - refreshedAt[k - 1]!).toBeGreaterThanOrEqual(450_000);
    } finally {
      await shortApp.close();
      await shortRt.close();
      await shortFake.close();
    }
  });
});

describe('Companion token server with the read cache on (tokens.read_cache_ms)', () => {
  it('remembers an id for the TTL only, forgets it at once when rotated here, and never serves a token shorter than min_validity from the cache', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const cachedFake = await startFake({ clock, knobs: { accessTokenLifetime: 4 * 3600 } });
    const cachedRt = await tokensRuntime({ fake: cachedFake as never, clock, tokens: { read_cache_ms: 1000 } });
    const cachedApp = await buildApp(cachedRt);
    const get = (id: string) => cachedApp.inject({ method: 'GET', url: `/v1/token-server?id=${id}` });
    try {
      const accountId = await seedAccount(cachedRt);
      const row = await seedIntegration(cachedRt, cachedFake as never, { accountId, type: 'channel', expiresInMs: 4 * 3600_000 });
      const { tokenServerId: id } = await enableTokenServer(cachedRt, callerOf(accountId), row.id);
      const first = await get(id);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.body).toBe(storedTokens(cachedRt, row).accessToken);
      expect(first.headers['cache-control']).toBe('no-store');

      // Another instance disables it (the row goes): this one honours the id for at most the TTL.
      await cachedRt.store.db.deleteFrom('token_servers').where('integration_id', '=', row.id).execute();
      expect((await get(id)).statusCode).toBe(200);
      clock.advance(1000);
      expect((await get(id)).statusCode).toBe(404);

      // Rotated on this instance: the old id stops at once, within the TTL.
      const { tokenServerId: second } = await enableTokenServer(cachedRt, callerOf(accountId), row.id);
      expect((await get(second)).statusCode).toBe(200);
      const { tokenServerId: third } = await enableTokenServer(cachedRt, callerOf(accountId), row.id);
      expect((await get(second)).statusCode).toBe(404);
      expect((await get(third)).statusCode).toBe(200);

      // A token cached with 10 minutes left is not handed out (min_validity is 20 minutes): it is refreshed first.
      const short = await seedIntegration(cachedRt, cachedFake as never, { accountId, type: 'bot', expiresInMs: 10 * 60_000 });
      const { tokenServerId: shortId } = await enableTokenServer(cachedRt, callerOf(accountId), short.id);
      await cachedRt.consumers.readToken({ kind: 'internal', id: 'internal', label: 'test' }, short.id); // now in the read cache
      const before = cachedFake.counters.refreshes;
      const served = await get(shortId);
      expect(served.statusCode, served.body).toBe(200);
      expect(cachedFake.counters.refreshes - before).toBe(1);
      expect(served.body).not.toBe(storedTokens(cachedRt, short).accessToken);
    } finally {
      await cachedApp.close();
      await cachedRt.close();
      await cachedFake.close();
    }
  });
});
