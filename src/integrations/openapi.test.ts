/**
 * Responses validate against the served OpenAPI document (not only against the zod schemas they were
 * generated from) and use the documented field names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { connectThroughFake, integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';

describe('integrations REST responses match the OpenAPI document', () => {
  let world: IntegrationWorld;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    world = await integrationWorld();
    doc = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    await connectThroughFake(world, 'twitch', { integration_type: 'channel' });
    await connectThroughFake(world, 'twitch', { integration_type: 'bot', bot_identifier: 'mybot' }, world.fakes.fakes.twitch.users[1]!.id);
  });
  afterAll(async () => world?.close());

  async function check(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, url: string, payload?: unknown) {
    const res = await world.app.inject({ method, url, headers: world.owner.headers, ...(payload ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    const schema = doc.paths[path]?.[method.toLowerCase()]?.responses['200']?.content?.['application/json']?.schema;
    expect(schema, `${method} ${path} has a 200 schema`).toBeDefined();
    const validate = ajv.compile(schema!);
    expect(validate(res.json()), JSON.stringify(validate.errors)).toBe(true);
    return res.json();
  }

  it('every read and write route of the integrations REST API', async () => {
    const groups = await check('GET', '/v1/integrations', '/v1/integrations');
    expect(Object.keys(groups[0]).sort()).toEqual(['bots', 'channel', 'global_bot', 'platform_id', 'platform_name', 'platform_slug']);
    const channel = groups.find((g: { platform_slug: string }) => g.platform_slug === 'twitch').channel;
    for (const field of ['id', 'platform_id', 'integration_type', 'bot_identifier', 'platform_username', 'scopes', 'is_active', 'has_verified_bot_badge', 'is_verified_bot']) {
      expect(channel).toHaveProperty(field);
    }
    const platforms = await check('GET', '/v1/integrations/platforms', '/v1/integrations/platforms');
    expect(platforms[0]).toMatchObject({ slug: 'twitch', platform_id: 1, name: 'Twitch', is_configured: true });
    const list = await check('GET', '/v1/platforms', '/v1/platforms');
    expect(list[0]).toMatchObject({ slug: 'twitch', brand_color: '#6d28d9', capabilities: { verified_bots: true } });
    await check('GET', '/v1/integrations/platform/{slug}', '/v1/integrations/platform/twitch');
    const scopes = await check('GET', '/v1/integrations/platform/{slug}/scopes', '/v1/integrations/platform/twitch/scopes');
    expect(Object.keys(scopes.channel_scopes[0]).sort()).toEqual(['description', 'required', 'scope']);
    await check('GET', '/v1/integrations/{id}', `/v1/integrations/${channel.id}`);
    const connect = await check('POST', '/v1/integrations/platform/{slug}/connect', '/v1/integrations/platform/kick/connect', { integration_type: 'bot', bot_identifier: 'mybot', scopes: ['chat:write'] });
    expect(Object.keys(connect).sort()).toEqual(['authorization_url', 'state']);
    await check('POST', '/v1/integrations/{id}/refresh', `/v1/integrations/${channel.id}/refresh`);
    await check('PATCH', '/v1/integrations/{id}/twitch-status', `/v1/integrations/${channel.id}/twitch-status`, { has_verified_bot_badge: true, is_verified_bot: false });
    const removed = await check('DELETE', '/v1/integrations/{id}', `/v1/integrations/${channel.id}`);
    expect(removed).toEqual({ success: true, error: null });
  });
});
