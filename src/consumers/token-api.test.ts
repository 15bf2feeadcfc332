/** The internal token API over HTTP: consumer authentication, grants, errors, the thundering herd, 401 reports, bots. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';

const OLD_KEY = 'old-internal-key-0123456789';
const NEW_KEY = 'new-internal-key-9876543210';
let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let app: App;

beforeAll(async () => {
  fake = await startFake({ knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 3600 } });
  rt = await tokensRuntime({ fake: fake as never, env: { INTERNAL_SERVICE_KEY: `${NEW_KEY},${OLD_KEY}` } });
  app = await buildApp(rt);
});
afterAll(async () => {
  await app.close();
  await rt.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.knobs.refreshMode = refreshModes.strict;
});

const internal = (key = NEW_KEY) => ({ 'x-internal-secret': key });
const token = (id: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: `/internal/integrations/${id}/token`, headers });

describe('POST /internal/integrations/{id}/token', () => {
  it('answers the access token with its metadata, never the refresh token, not cacheable', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: await seedAccount(rt) });
    const res = await token(row.id, internal());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_at', 'integration_type', 'platform', 'platform_user_id', 'platform_username', 'scopes', 'token_type']);
    expect(body).toMatchObject({ access_token: storedTokens(rt, row).accessToken, token_type: 'bearer', platform: 'twitch', integration_type: 'bot' });
    expect(res.body).not.toContain(storedTokens(rt, row).refreshToken!);
    expect(fake.counters.tokenCalls).toBe(0);
  });

  it('accepts every configured internal key (rotation) and refuses others with 401', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null });
    expect((await token(row.id, internal(OLD_KEY))).statusCode).toBe(200);
    const attempts: Record<string, string>[] = [internal('wrong'), internal(''), {}, { authorization: 'Bearer bfs_nope' }, { authorization: `Bearer ${NEW_KEY}` }];
    for (const headers of attempts) {
      const res = await token(row.id, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('CONSUMER_UNAUTHENTICATED');
      // OA-18: refusals are not cacheable either.
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('refreshes first when the token is not valid for the read margin', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null, expiresInMs: 60_000 });
    const res = await token(row.id, internal());
    expect(res.statusCode).toBe(200);
    expect(new Date(res.json().expires_at).getTime() - Date.now()).toBeGreaterThan(rt.config.tokens.read_margin);
    expect(fake.counters.refreshes).toBe(1);
  });

  it('500 concurrent reads of one expired integration: one refresh at the fake, the same new token for all', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null, expiresInMs: -1000 });
    fake.knobs.latencyMs = 50;
    const answers = await Promise.all(Array.from({ length: 500 }, () => token(row.id, internal())));
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(fake.counters.refreshes).toBe(1);
    expect(new Set(answers.map((a) => a.json().access_token)).size).toBe(1);
    expect(fake.state.introspect(answers[0]!.json().access_token)).toBeDefined();
  });

  it('distinct documented errors: 404 unknown, 409 needs_reauth with reason, 503 with Retry-After when the platform is down', async () => {
    expect((await token('int_unknown', internal())).json().error.code).toBe('NOT_FOUND');
    expect((await token('twitch', internal())).statusCode).toBe(404);
    const dead = await seedIntegration(rt, fake as never, { accountId: null, expiresInMs: -1000 });
    fake.state.revokeUser(dead.platform_user_id);
    const reauth = await token(dead.id, internal());
    expect(reauth.statusCode).toBe(409);
    expect(reauth.json().error).toMatchObject({ code: 'NEEDS_REAUTH', details: { reason: 'invalid_grant' } });
    const down = await seedIntegration(rt, fake as never, { accountId: null, expiresInMs: -1000 });
    fake.knobs.forceStatus = 502;
    const res = await token(down.id, internal());
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { platform: 'twitch' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('hands out a still-valid token while the platform is down, rather than none', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null, expiresInMs: 60_000 });
    fake.knobs.forceStatus = 503;
    const res = await token(row.id, internal());
    expect(res.statusCode).toBe(200);
    expect(res.json().access_token).toBe(storedTokens(rt, row).accessToken);
  });

  it('takes an id of the longest routable length to the lookup (404), and refuses an over-long token-server id with a 400 naming querystring.id', async () => {
    const res = await token('int_'.padEnd(200, 'x'), internal());
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const companion = await app.inject({ method: 'GET', url: `/v1/token-server?id=${'a'.repeat(101)}` });
    expect(companion.statusCode).toBe(400);
    expect(companion.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'querystring.id' } });
  });

  it('records reads per consumer, with one token_read audit event per hour', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null });
    for (let i = 0; i < 3; i++) await token(row.id, internal());
    await rt.consumers.flushReads();
    for (let i = 0; i < 2; i++) await token(row.id, internal());
    await rt.consumers.flushReads();
    const stats = await rt.store.db.selectFrom('consumer_reads').selectAll().where('integration_id', '=', row.id).execute();
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ consumer: 'internal', read_count: 5 });
    const audits = await rt.store.db.selectFrom('audit_events').select('action').where('target_id', '=', row.id).where('action', '=', 'integration.token_read').execute();
    expect(audits).toHaveLength(1);
  });

  it('answers a repeated read from the cache with the same token, and keeps successful token reads out of the info request log', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null });
    const first = await token(row.id, internal());
    const second = await token(row.id, internal());
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const logged = () => rt.logs.text().split('\n').filter((l) => l.includes(`/internal/integrations/${row.id}/token`)).length;
    expect(logged()).toBe(0);
    // A refused read is logged (with its status), so a wrong or guessed key stays visible.
    expect((await token(row.id, internal('wrong'))).statusCode).toBe(401);
    expect(rt.logs.text().split('\n').filter((l) => l.includes(`/internal/integrations/${row.id}/token`) && l.includes('"statusCode":401'))).toHaveLength(1);
    const quietCount = logged();
    // Other consumer routes are request-logged as usual; at debug, token reads are too.
    await app.inject({ method: 'GET', url: '/internal/platforms/twitch/bot', headers: internal() });
    expect(rt.logs.text()).toContain('/internal/platforms/twitch/bot');
    rt.log.level = 'debug';
    try {
      await token(row.id, internal());
      expect(logged()).toBeGreaterThan(quietCount);
    } finally {
      rt.log.level = 'info';
    }
  });
});

describe('POST /internal/integrations/{id}/token/invalid', () => {
  it('many reports of one 401: exactly one forced refresh, everyone gets the new token', async () => {
    const row = await seedIntegration(rt, fake as never, { accountId: null });
    fake.knobs.latencyMs = 30;
    const answers = await Promise.all(Array.from({ length: 50 }, () => app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token/invalid`, headers: internal() })));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(fake.counters.refreshes).toBe(1);
    const tokens = new Set(answers.map((a) => a.json().access_token));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(storedTokens(rt, row).accessToken);
    // A late report about the token just replaced refreshes nothing.
    await app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token/invalid`, headers: internal() });
    expect(fake.counters.refreshes).toBe(1);
  });
});

describe('service keys', () => {
  it('are created once, read only their account and grants, and stop working when deleted', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const mine = await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'channel' });
    const myBot = await seedIntegration(rt, fake as never, { accountId: owner.accountId, botIdentifier: 'helper' });
    const theirs = await seedIntegration(rt, fake as never, { accountId: await seedAccount(rt) });
    const created = await app.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'chat bot', integration_ids: [myBot.id] } });
    expect(created.statusCode).toBe(201);
    const { key, id, prefix } = created.json();
    expect(key).toMatch(/^bfs_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    const listed = await app.inject({ method: 'GET', url: '/v1/service-keys', headers: owner.headers });
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain(key);

    const bearer = { authorization: `Bearer ${key}` };
    expect((await token(myBot.id, bearer)).statusCode).toBe(200);
    expect((await token(mine.id, bearer)).json().error.code).toBe('NOT_GRANTED');
    expect((await token(theirs.id, bearer)).statusCode).toBe(404);
    await rt.consumers.flushReads();
    const used = await app.inject({ method: 'GET', url: '/v1/service-keys', headers: owner.headers });
    expect(used.json().items[0].last_used_at).not.toBeNull();

    const stored = await rt.store.db.selectFrom('service_keys').select('key_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key);
    expect((await app.inject({ method: 'DELETE', url: `/v1/service-keys/${id}`, headers: owner.headers })).statusCode).toBe(204);
    expect((await token(myBot.id, bearer)).statusCode).toBe(401);
  });

  it('cannot grant another account\'s integrations; viewers cannot create keys', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const theirs = await seedIntegration(rt, fake as never, { accountId: await seedAccount(rt) });
    const res = await app.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'x', integration_ids: [theirs.id] } });
    expect(res.statusCode).toBe(400);
    const viewer = await memberSession(app, rt, { role: 'viewer' });
    expect((await app.inject({ method: 'POST', url: '/v1/service-keys', headers: viewer.headers, payload: { name: 'x' } })).statusCode).toBe(403);
  });
});

describe('GET /internal/platforms/{slug}/bot', () => {
  it("answers the account's default bot, else the instance's global bot", async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const key = (await app.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'poster' } })).json().key as string;
    const bearer = { authorization: `Bearer ${key}` };
    await rt.store.db.deleteFrom('integrations').where('account_id', 'is', null).execute();
    expect((await app.inject({ method: 'GET', url: '/internal/platforms/twitch/bot', headers: bearer })).json().error.code).toBe('NO_BOT');
    const global = await seedIntegration(rt, fake as never, { accountId: null, botIdentifier: 'global', isDefaultBot: true });
    const fallback = await app.inject({ method: 'GET', url: '/internal/platforms/twitch/bot', headers: bearer });
    expect(fallback.json()).toMatchObject({ integration_id: global.id, is_global: true });
    await seedIntegration(rt, fake as never, { accountId: owner.accountId, botIdentifier: 'second' });
    const mine = await seedIntegration(rt, fake as never, { accountId: owner.accountId, botIdentifier: 'main', isDefaultBot: true });
    const own = await app.inject({ method: 'GET', url: '/internal/platforms/twitch/bot', headers: bearer });
    expect(own.json()).toMatchObject({ integration_id: mine.id, is_global: false, bot_identifier: 'main' });
    const viaInternal = await app.inject({ method: 'GET', url: `/internal/platforms/twitch/bot?account_id=${owner.accountId}`, headers: internal() });
    expect(viaInternal.json().integration_id).toBe(mine.id);
    expect((await app.inject({ method: 'GET', url: '/internal/platforms/nope/bot', headers: bearer })).statusCode).toBe(404);
  });

  it('skips a bot that needs re-auth and says so; with none left it names the broken bot and who can fix it', async () => {
    const accountId = await seedAccount(rt);
    await rt.store.db.deleteFrom('integrations').where('account_id', 'is', null).execute();
    const global = await seedIntegration(rt, fake as never, { accountId: null, botIdentifier: 'global', isDefaultBot: true });
    const mine = await seedIntegration(rt, fake as never, { accountId, botIdentifier: 'main', isDefaultBot: true });
    const markBroken = (id: string) => rt.store.db.updateTable('integrations').set({ status: 'needs_reauth', status_reason: 'invalid_grant' }).where('id', '=', id).execute();
    const ask = () => app.inject({ method: 'GET', url: `/internal/platforms/twitch/bot?account_id=${accountId}`, headers: internal() });

    expect((await ask()).json()).toMatchObject({ integration_id: mine.id, skipped: [] });
    await markBroken(mine.id);
    const fellBack = (await ask()).json();
    expect(fellBack).toMatchObject({ integration_id: global.id, is_global: true });
    expect(fellBack.skipped).toEqual([expect.objectContaining({ integration_id: mine.id, is_global: false, reason: 'needs_reauth' })]);

    await markBroken(global.id);
    const none = await ask();
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('NO_BOT');
    expect(none.json().error.message).toContain('the global bot');
    expect(none.json().error.message).toContain('needs re-auth');
    expect(none.json().error.details.skipped.map((s: { integration_id: string }) => s.integration_id)).toEqual([mine.id, global.id]);
    const globalOnly = await app.inject({ method: 'GET', url: '/internal/platforms/twitch/bot', headers: internal() });
    expect(globalOnly.json().error.details.skipped).toEqual([expect.objectContaining({ integration_id: global.id, is_global: true, fix: expect.stringContaining('instance admin') })]);
  });
});
