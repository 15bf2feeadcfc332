/**
 * GET /v1/platforms: each platform's name, brand colours, capabilities and default scopes come from
 * its definition (the dashboard keeps no platform list of its own), for any signed-in user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { createApiKey, memberSession } from '../../test/support/auth.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';

interface PlatformAnswer {
  slug: string;
  platform_id: number;
  name: string;
  brand_color: string;
  brand_text_color: string;
  capabilities: Record<string, unknown>;
  channel_scopes: unknown[];
  bot_scopes: unknown[];
}

describe('GET /v1/platforms', () => {
  let world: IntegrationWorld;
  beforeAll(async () => {
    world = await integrationWorld();
  });
  afterAll(async () => world?.close());

  async function platforms(headers: Record<string, string>): Promise<PlatformAnswer[]> {
    const res = await world.app.inject({ method: 'GET', url: '/v1/platforms', headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it("lists every platform in id order with its definition's name, brand and capabilities", async () => {
    const list = await platforms(world.owner.headers);
    expect(list.map((p) => [p.slug, p.platform_id, p.name])).toEqual([
      ['twitch', 1, 'Twitch'],
      ['youtube', 2, 'YouTube'],
      ['kick', 3, 'Kick'],
      ['trovo', 4, 'Trovo'],
    ]);
    for (const p of list) {
      const def = PLATFORM_DEFINITIONS.find((d) => d.slug === p.slug)!;
      expect([p.brand_color, p.brand_text_color]).toEqual([def.brand.color, def.brand.textColor]);
      expect(p.capabilities).toEqual({
        verified_bots: def.capabilities.verifiedBots === true,
        pkce: def.capabilities.pkce,
        refresh_rotates: def.capabilities.refreshRotates,
        validation: def.capabilities.validate,
        requires_client_secret: def.capabilities.requiresClientSecret,
        chat_max_message_length: def.capabilities.chat?.maxMessageLength ?? null,
        chat_moderation_target: def.capabilities.chat?.moderationTarget ?? null,
      });
    }
    // The dashboard shows the verified-bot switches where this says so: Twitch only today.
    expect(list.filter((p) => p.capabilities.verified_bots).map((p) => p.slug)).toEqual(['twitch']);
    expect(list.find((p) => p.slug === 'kick')!.capabilities.pkce).toBe('S256');
    // The Chat page's message box counts against this.
    expect(list.find((p) => p.slug === 'kick')!.capabilities.chat_max_message_length).toBe(500);
  });

  it("carries the same default scopes as each platform's scope route", async () => {
    for (const p of await platforms(world.owner.headers)) {
      const res = await world.app.inject({ method: 'GET', url: `/v1/integrations/platform/${p.slug}/scopes`, headers: world.owner.headers });
      const scopes = res.json();
      expect([p.channel_scopes, p.bot_scopes]).toEqual([scopes.channel_scopes, scopes.bot_scopes]);
      expect(p.channel_scopes.length).toBeGreaterThan(0);
    }
  });

  it('answers a viewer the same list; refuses anonymous callers and API keys', async () => {
    const viewer = await memberSession(world.app, world.rt, { role: 'viewer', accountId: world.owner.accountId });
    expect(await platforms(viewer.headers)).toEqual(await platforms(world.owner.headers));
    expect((await world.app.inject({ method: 'GET', url: '/v1/platforms' })).statusCode).toBe(401);
    const key = await createApiKey(world.rt, { accountId: world.owner.accountId, userId: world.owner.userId, permissions: ['connections:read'] });
    expect((await world.app.inject({ method: 'GET', url: '/v1/platforms', headers: key.headers })).statusCode).toBe(403);
  });
});
