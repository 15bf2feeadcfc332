/** The integration rules: one channel, reconnect keeps the link, validation, permissions, credentials, disconnect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, memberSession } from '../../test/support/auth.ts';
import { connectThroughFake, deliverCallback, integrationWorld, startConnect, type IntegrationWorld } from '../../test/support/integrations.ts';

describe('integration rules', () => {
  let world: IntegrationWorld;
  beforeAll(async () => {
    world = await integrationWorld();
  });
  afterAll(async () => world?.close());

  const post = (url: string, payload: unknown, headers = world.owner.headers) => world.app.inject({ method: 'POST', url, headers, payload: payload as never });
  const get = (url: string, headers = world.owner.headers) => world.app.inject({ method: 'GET', url, headers });
  async function channelOf(slug: string) {
    const groups = (await get('/v1/integrations')).json();
    return groups.find((g: { platform_slug: string }) => g.platform_slug === slug).channel;
  }

  it('refuses a second channel on a platform and points to reconnect', async () => {
    expect(await connectThroughFake(world, 'twitch', { integration_type: 'channel' })).toContain('connected=twitch');
    const again = await post('/v1/integrations/platform/twitch/connect', { integration_type: 'channel' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_CONNECTED');
    expect(again.json().error.message).toContain('"reconnect": true');
  });

  it('reconnect keeps the id and replaces tokens and scopes; another platform account is refused and nothing changes', async () => {
    const before = await channelOf('twitch');
    const location = await connectThroughFake(world, 'twitch', { integration_type: 'channel', reconnect: true, scopes: ['user:read:chat', 'bits:read'] });
    expect(location).toBe('/dashboard/connections?connected=twitch');
    const after = await channelOf('twitch');
    expect(after.id).toBe(before.id);
    expect(after.scopes).toContain('bits:read');
    const rowAfter = await world.rt.store.db.selectFrom('integrations').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();

    const twitch = world.fakes.fakes.twitch;
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'channel', reconnect: true });
    expect(new URL(authorization_url).searchParams.get('force_verify')).toBe('true');
    const mismatch = await deliverCallback(world, twitch.approve(authorization_url, { user: twitch.users[1]!.id }));
    expect(mismatch).toBe('/dashboard/connections?error=account_mismatch');
    const unchanged = await world.rt.store.db.selectFrom('integrations').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(unchanged).toEqual(rowAfter);
  });

  it('validates bot identifiers, scopes and the body, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ integration_type: 'bot' }, 'bot_identifier'],
      [{ integration_type: 'bot', bot_identifier: 'Has Spaces' }, 'bot_identifier'],
      [{ integration_type: 'bot', bot_identifier: 'x'.repeat(33) }, 'bot_identifier'],
      [{ integration_type: 'channel', bot_identifier: 'nope' }, 'bot_identifier'],
      [{ integration_type: 'bot', bot_identifier: 'ok', scopes: ['not:a:scope'] }, 'scopes'],
      [{ integration_type: 'robot' }, 'integration_type'],
      [{ integration_type: 'bot', bot_identifier: 'ok', extra: 1 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/v1/integrations/platform/kick/connect', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    const unknownPlatform = await post('/v1/integrations/platform/mixer/connect', { integration_type: 'channel' });
    expect(unknownPlatform.statusCode).toBe(400);
  });

  it('always requests the required scopes', async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'bot', bot_identifier: 'scoped', scopes: ['bits:read'] });
    const scope = new URL(authorization_url).searchParams.get('scope')!.split(' ');
    expect(scope).toContain('bits:read');
    const required = world.rt.platforms.get('twitch')!.scopes.bot.filter((s) => s.required).map((s) => s.scope);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required) expect(scope).toContain(r);
  });

  it('refuses connects from an API key: the OAuth state must be bound to a browser', async () => {
    const { headers } = await createApiKey(world.rt, { accountId: world.owner.accountId, userId: world.owner.userId, permissions: ['connections:read', 'connections:edit'] });
    const res = await post('/v1/integrations/platform/youtube/connect', { integration_type: 'channel' }, headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SESSION_REQUIRED');
  });

  it('a viewer may read but not connect', async () => {
    const viewer = await memberSession(world.app, world.rt, { role: 'viewer', accountId: world.owner.accountId });
    expect((await get('/v1/integrations', viewer.headers)).statusCode).toBe(200);
    const res = await post('/v1/integrations/platform/youtube/connect', { integration_type: 'channel' }, viewer.headers);
    expect(res.statusCode).toBe(403);
  });

  it('an id without int_ is a 404, and /platform/{slug} never collides with /{id}', async () => {
    expect((await get('/v1/integrations/twitch')).statusCode).toBe(404);
    expect((await get('/v1/integrations/int_doesnotexist')).statusCode).toBe(404);
    const platform = await get('/v1/integrations/platform/twitch');
    expect(platform.statusCode).toBe(200);
    expect(Array.isArray(platform.json())).toBe(true);
    const scopes = await get('/v1/integrations/platform/twitch/scopes');
    expect(scopes.json().channel_scopes.length).toBeGreaterThan(0);
  });

  it('twitch-status applies to Twitch only', async () => {
    const twitch = await channelOf('twitch');
    const ok = await world.app.inject({ method: 'PATCH', url: `/v1/integrations/${twitch.id}/twitch-status`, headers: world.owner.headers, payload: { has_verified_bot_badge: true, is_verified_bot: false } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ has_verified_bot_badge: true, is_verified_bot: false });
    await connectThroughFake(world, 'kick', { integration_type: 'channel' });
    const kick = await channelOf('kick');
    const no = await world.app.inject({ method: 'PATCH', url: `/v1/integrations/${kick.id}/twitch-status`, headers: world.owner.headers, payload: { has_verified_bot_badge: true, is_verified_bot: true } });
    expect(no.statusCode).toBe(400);
    expect(no.json().error.code).toBe('NOT_SUPPORTED');
  });

  it('a revoked grant makes refresh fail with needs_reauth, recorded once', async () => {
    const kick = await channelOf('kick');
    world.fakes.fakes.kick.knobs.revokedGrant = true;
    try {
      const res = await post(`/v1/integrations/${kick.id}/refresh`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'NEEDS_REAUTH' });
      const again = await post(`/v1/integrations/${kick.id}/refresh`, {});
      expect(again.statusCode).toBe(409);
    } finally {
      world.fakes.fakes.kick.knobs.revokedGrant = false;
    }
    const view = (await get(`/v1/integrations/${kick.id}`)).json();
    expect(view).toMatchObject({ status: 'needs_reauth', status_reason: 'invalid_grant' });
    const events = await world.rt.store.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', kick.id).execute();
    // One incident, one record: the second failing refresh adds no second needs_reauth event.
    expect(events.filter((e) => String(e.details).includes('needs_reauth')), JSON.stringify(events)).toHaveLength(1);
  });

  it('a reconnect after a lost grant closes the incident at once and counts failures afresh', async () => {
    const kick = await channelOf('kick');
    const row = () => world.rt.store.db.selectFrom('integrations').selectAll().where('id', '=', kick.id).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'needs_reauth', incident: 'needs_reauth' });
    await world.rt.store.db.updateTable('integrations').set({ consecutive_failures: 2 }).where('id', '=', kick.id).execute();
    expect(await connectThroughFake(world, 'kick', { integration_type: 'channel', reconnect: true })).toBe('/dashboard/connections?connected=kick');
    expect(await row()).toMatchObject({ status: 'active', incident: null, consecutive_failures: 0, next_attempt_at: null });
    const recovered = await world.rt.store.db.selectFrom('notifications').selectAll().where('integration_id', '=', kick.id).where('kind', '=', 'recovered').execute();
    expect(recovered).toHaveLength(1);

    // A new outage opens its own incident after tokens.degraded_after failures, counted from the reconnect.
    const fake = world.fakes.fakes.kick;
    fake.knobs.forceStatus = 503;
    try {
      for (let i = 1; i < world.rt.config.tokens.degraded_after; i++) {
        expect((await post(`/v1/integrations/${kick.id}/refresh`, {})).statusCode).toBe(503);
        expect(await row()).toMatchObject({ status: 'active', consecutive_failures: i });
      }
      expect((await post(`/v1/integrations/${kick.id}/refresh`, {})).statusCode).toBe(503);
    } finally {
      fake.reset();
    }
    expect(await row()).toMatchObject({ status: 'degraded', incident: 'degraded', status_reason: 'platform_error' });
  });

  it('a failed revoke never blocks the disconnect and is reported', async () => {
    const kick = await channelOf('kick');
    const fake = world.fakes.fakes.kick;
    fake.knobs.faultEndpoints = ['revoke'];
    fake.knobs.forceStatus = 503;
    try {
      const res = await world.app.inject({ method: 'DELETE', url: `/v1/integrations/${kick.id}`, headers: world.owner.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().success).toBe(true);
      expect(res.json().error).toMatch(/not revoked at Kick/);
    } finally {
      fake.reset();
    }
    expect((await get(`/v1/integrations/${kick.id}`)).statusCode).toBe(404);
  });

  it('deleting app credentials marks the channel as needing re-auth', async () => {
    const yt = world.fakes.fakes.youtube;
    const put = await world.app.inject({ method: 'PUT', url: '/v1/app-credentials/youtube', headers: world.owner.headers, payload: { client_id: yt.credentials.clientId, client_secret: yt.credentials.clientSecret } });
    expect(put.statusCode, put.body).toBe(200);
    await connectThroughFake(world, 'youtube', { integration_type: 'channel' });
    const del = await world.app.inject({ method: 'DELETE', url: '/v1/app-credentials/youtube', headers: world.owner.headers });
    expect(del.statusCode).toBeLessThan(300);
    expect(await channelOf('youtube')).toMatchObject({ status: 'needs_reauth', status_reason: 'credentials_deleted' });
  });

  it('the first bot is the default; another can be chosen', async () => {
    await connectThroughFake(world, 'trovo', { integration_type: 'bot', bot_identifier: 'first' });
    await connectThroughFake(world, 'trovo', { integration_type: 'bot', bot_identifier: 'second' }, world.fakes.fakes.trovo.users[1]!.id);
    const bots = (await get('/v1/integrations/platform/trovo')).json().filter((i: { integration_type: string }) => i.integration_type === 'bot');
    expect(bots.find((b: { bot_identifier: string }) => b.bot_identifier === 'first').is_default_bot).toBe(true);
    const second = bots.find((b: { bot_identifier: string }) => b.bot_identifier === 'second');
    const res = await post(`/v1/integrations/${second.id}/default-bot`, {});
    expect(res.json().is_default_bot).toBe(true);
    const after = (await get('/v1/integrations/platform/trovo')).json().filter((i: { is_default_bot: boolean }) => i.is_default_bot);
    expect(after).toHaveLength(1);
  });

  it('an instance admin connects a global bot that accounts see as their fallback', async () => {
    const admin = await memberSession(world.app, world.rt, { role: 'owner', instanceAdmin: true });
    const res = await world.app.inject({ method: 'POST', url: '/v1/admin/platforms/youtube/global-bot/connect', headers: admin.headers, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const location = await deliverCallback(world, world.fakes.fakes.youtube.approve(res.json().authorization_url), admin.headers);
    expect(location).toBe('/dashboard/connections/bot?connected=youtube');
    const groups = (await get('/v1/integrations')).json();
    expect(groups.find((g: { platform_slug: string }) => g.platform_slug === 'youtube').global_bot).toMatchObject({ is_global: true, integration_type: 'bot' });
    const notAdmin = await world.app.inject({ method: 'POST', url: '/v1/admin/platforms/youtube/global-bot/connect', headers: world.owner.headers, payload: {} });
    expect(notAdmin.statusCode).toBe(403);
  });
});

describe('connect preconditions', () => {
  it('no credentials → CREDENTIALS_MISSING; disabled platform → PLATFORM_DISABLED', async () => {
    const { testRuntime } = await import('../../test/support/runtime.ts');
    const { buildApp } = await import('../http/app.ts');
    const rt = await testRuntime();
    const app = await buildApp(rt);
    try {
      const owner = await memberSession(app, rt, { role: 'owner', instanceAdmin: true });
      const res = await app.inject({ method: 'POST', url: '/v1/integrations/platform/twitch/connect', headers: owner.headers, payload: { integration_type: 'channel' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CREDENTIALS_MISSING');
      const cards = (await app.inject({ method: 'GET', url: '/v1/integrations/platforms', headers: owner.headers })).json();
      expect(cards.find((c: { slug: string }) => c.slug === 'twitch')).toMatchObject({ state: 'not_configured', is_configured: false, enabled: true, sandbox: false });
      const off = await app.inject({ method: 'PATCH', url: '/v1/admin/platforms/twitch', headers: owner.headers, payload: { enabled: false } });
      expect(off.statusCode, off.body).toBe(200);
      const disabled = await app.inject({ method: 'POST', url: '/v1/integrations/platform/twitch/connect', headers: owner.headers, payload: { integration_type: 'channel' } });
      expect(disabled.json().error.code).toBe('PLATFORM_DISABLED');
      const after = (await app.inject({ method: 'GET', url: '/v1/integrations/platforms', headers: owner.headers })).json();
      expect(after.find((c: { slug: string }) => c.slug === 'twitch').state).toBe('unavailable');
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
