/**
 * Deleting an account revokes its integrations' tokens at the platforms (OA-15), after the deletion
 * commits: a revoke that fails is reported in the audit log and never keeps the account, and a
 * mistyped confirmation revokes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSlug } from '../config/schema.ts';
import { decryptSecret } from '../crypto/envelope.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { connectThroughFake, integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';

for (const target of storeTargets()) {
  describe(`${target.name}: deleting an account revokes its platform access`, () => {
    let world: IntegrationWorld;
    beforeAll(async () => {
      world = await integrationWorld({ store: await target.open() });
    });
    afterAll(async () => world?.close());

    async function accessTokenOf(platform: PlatformSlug): Promise<string> {
      const row = await world.rt.store.db
        .selectFrom('integrations')
        .select(['id', 'access_token_enc'])
        .where('account_id', '=', world.owner.accountId)
        .where('platform', '=', platform)
        .executeTakeFirstOrThrow();
      return decryptSecret(world.rt.keyring, row.access_token_enc, { table: 'integrations', column: 'access_token_enc', rowId: row.id });
    }

    it('revokes what it can after the deletion, reports what it could not, and revokes nothing on a mistyped name', async () => {
      const { app, owner, fakes } = world;
      await connectThroughFake(world, 'twitch', { integration_type: 'channel' });
      await connectThroughFake(world, 'trovo', { integration_type: 'bot', bot_identifier: 'helper' });
      await connectThroughFake(world, 'kick', { integration_type: 'channel' });
      const tokens = { twitch: await accessTokenOf('twitch'), trovo: await accessTokenOf('trovo'), kick: await accessTokenOf('kick') };
      for (const [slug, token] of Object.entries(tokens)) expect(fakes.fakes[slug as PlatformSlug].state.introspect(token), slug).toBeDefined();
      const name = (await app.inject({ method: 'GET', url: '/v1/accounts', headers: owner.headers })).json().items.find((a: { id: string }) => a.id === owner.accountId).name as string;

      const mismatch = await app.inject({ method: 'DELETE', url: `/v1/accounts/${owner.accountId}`, headers: owner.headers, payload: { confirm_name: `${name}!` } });
      expect(mismatch.statusCode).toBe(400);
      for (const slug of ['twitch', 'trovo', 'kick'] as const) expect(fakes.fakes[slug].counters.revocations, slug).toBe(0);

      fakes.fakes.kick.knobs.faultEndpoints = ['revoke'];
      fakes.fakes.kick.knobs.forceStatus = 503;
      try {
        const deleted = await app.inject({ method: 'DELETE', url: `/v1/accounts/${owner.accountId}`, headers: owner.headers, payload: { confirm_name: name } });
        expect(deleted.statusCode, deleted.body).toBe(204);
        // Kick's revoke failed: its grant lives on, and the account is gone all the same.
        expect(fakes.fakes.kick.state.introspect(tokens.kick)).toBeDefined();
      } finally {
        fakes.fakes.kick.reset();
      }
      expect(fakes.fakes.twitch.state.introspect(tokens.twitch)).toBeUndefined();
      expect(fakes.fakes.trovo.state.introspect(tokens.trovo)).toBeUndefined();
      const left = await world.rt.store.db.selectFrom('integrations').select('id').where('account_id', '=', owner.accountId).execute();
      expect(left).toEqual([]);
      expect(await world.rt.store.db.selectFrom('accounts').select('id').where('id', '=', owner.accountId).executeTakeFirst()).toBeUndefined();

      const events = await world.rt.store.db.selectFrom('audit_events').select(['action', 'details']).where('account_id', '=', owner.accountId).where('action', 'like', 'account.%').execute();
      expect(events.map((e) => e.action).sort()).toEqual(['account.deleted', 'account.platform_access_revoked']);
      const details = JSON.parse(String(events.find((e) => e.action === 'account.platform_access_revoked')!.details));
      expect(details.revoked).toBe(2);
      expect(details.not_revoked).toHaveLength(1);
      expect(details.not_revoked[0]).toMatchObject({ platform: 'kick' });
      expect(details.not_revoked[0].error).toMatch(/^not revoked at Kick/);
      expect(JSON.stringify(details)).not.toContain(tokens.kick);
    });
  });
}
