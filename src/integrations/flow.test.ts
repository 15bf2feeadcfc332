/**
 * Acceptance: for every platform × {channel, bot}, connect → callback → integration stored → manual
 * refresh → disconnect against the fakes, through HTTP only, the fake's counters proving the revoke.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_SLUGS } from '../config/schema.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { connectThroughFake, integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { integrationSchema, platformGroupSchema } from './schemas.ts';

for (const target of storeTargets()) {
  describe(`${target.name}: connect, refresh, disconnect on every platform`, () => {
    let world: IntegrationWorld;
    beforeAll(async () => {
      world = await integrationWorld({ store: await target.open() });
    });
    afterAll(async () => world?.close());

    for (const slug of PLATFORM_SLUGS) {
      for (const type of ['channel', 'bot'] as const) {
        it(`${slug} ${type}`, async () => {
          const fake = world.fakes.fakes[slug];
          const { app, owner } = world;
          const body = type === 'bot' ? { integration_type: type, bot_identifier: `${slug}-bot` } : { integration_type: type };
          const location = await connectThroughFake(world, slug, body, type === 'bot' ? fake.users[1]?.id : undefined);
          expect(location).toBe(type === 'bot' ? `/dashboard/connections/bot?connected=${slug}` : `/dashboard/connections?connected=${slug}`);

          const list = await app.inject({ method: 'GET', url: '/v1/integrations', headers: owner.headers });
          expect(list.statusCode).toBe(200);
          const groups = list.json();
          for (const g of groups) platformGroupSchema.parse(g);
          const group = groups.find((g: { platform_slug: string }) => g.platform_slug === slug);
          const integration = type === 'channel' ? group.channel : group.bots.find((b: { bot_identifier: string }) => b.bot_identifier === `${slug}-bot`);
          expect(integration).toBeTruthy();
          expect(integration.id).toMatch(/^int_/);
          expect(integration.integration_type).toBe(type);
          expect(integration.status).toBe('active');
          expect(integration.platform_user_id).not.toBe('');
          expect(integration.scopes.length).toBeGreaterThan(0);

          const one = await app.inject({ method: 'GET', url: `/v1/integrations/${integration.id}`, headers: owner.headers });
          expect(one.statusCode).toBe(200);
          integrationSchema.parse(one.json());
          expect(JSON.stringify(one.json())).not.toMatch(/access_token|refresh_token/);

          const refreshesBefore = fake.counters.refreshes;
          const refreshed = await app.inject({ method: 'POST', url: `/v1/integrations/${integration.id}/refresh`, headers: owner.headers });
          expect(refreshed.statusCode, refreshed.body).toBe(200);
          expect(fake.counters.refreshes).toBe(refreshesBefore + 1);
          expect(refreshed.json().last_refreshed_at).not.toBeNull();

          const revocationsBefore = fake.counters.revocations;
          const removed = await app.inject({ method: 'DELETE', url: `/v1/integrations/${integration.id}`, headers: owner.headers });
          expect(removed.statusCode).toBe(200);
          expect(removed.json()).toEqual({ success: true, error: null });
          expect(fake.counters.revocations).toBeGreaterThan(revocationsBefore);
          const gone = await app.inject({ method: 'GET', url: `/v1/integrations/${integration.id}`, headers: owner.headers });
          expect(gone.statusCode).toBe(404);

          const audit = await world.rt.store.db.selectFrom('audit_events').select('action').where('target_id', '=', integration.id).execute();
          const actions = audit.map((a) => a.action);
          expect(actions).toEqual(expect.arrayContaining(['integration.connected', 'integration.token_refreshed', 'integration.disconnected']));
        });
      }
    }
  });
}
