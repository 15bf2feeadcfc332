/** App credentials and instance platform switches over HTTP, plus resolveCredentials. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { memberSession } from '../../test/support/auth.ts';
import { resolveCredentials } from './app-credentials.ts';
import { isPlatformEnabled } from './platform-settings.ts';
import { decryptSecret } from '../crypto/envelope.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';

const SECRET = 'very-secret-client-secret-9f2';

for (const target of storeTargets()) {
  describe(`app credentials [${target.name}]`, () => {
    let rt: TestRuntime;
    let app: App;
    beforeAll(async () => {
      rt = await testRuntime({
        store: await target.open(),
        overrides: { integrations: { twitch: { client_id: 'instance-twitch-id', client_secret: 'instance-twitch-secret' } } },
      });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it('saves, shows (never the secret), resolves and deletes an account credential; the instance config is the fallback', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const before = await app.inject({ method: 'GET', url: '/v1/app-credentials', headers: owner.headers });
      expect(before.statusCode).toBe(200);
      const items = before.json().items;
      expect(items.map((i: { platform: string }) => i.platform)).toEqual([...PLATFORM_SLUGS]);
      expect(items[0]).toEqual({
        platform: 'twitch',
        source: 'instance',
        client_id_hint: 'h-id',
        redirect_uri: 'http://127.0.0.1:8080/v1/integrations/callback/twitch',
        created_at: null,
        updated_at: null,
      });
      expect(items[1]).toMatchObject({ platform: 'youtube', source: 'none', client_id_hint: null });

      const put = await app.inject({ method: 'PUT', url: '/v1/app-credentials/youtube', headers: owner.headers, payload: { client_id: 'yt-client-1234', client_secret: SECRET } });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ platform: 'youtube', source: 'account', client_id_hint: '1234', redirect_uri: 'http://127.0.0.1:8080/v1/integrations/callback/youtube' });
      expect(put.body).not.toContain(SECRET);
      const one = await app.inject({ method: 'GET', url: '/v1/app-credentials/youtube', headers: owner.headers });
      expect(one.json().source).toBe('account');
      expect(one.body).not.toContain(SECRET);

      // Encrypted at rest, bound to its row.
      const row = await rt.store.db.selectFrom('app_credentials').selectAll().where('account_id', '=', owner.accountId).executeTakeFirstOrThrow();
      expect(row.client_secret_enc).toMatch(/^v1\./);
      expect(row.client_secret_enc).not.toContain(SECRET);
      expect(decryptSecret(rt.keyring, row.client_secret_enc, { table: 'app_credentials', column: 'client_secret_enc', rowId: row.id })).toBe(SECRET);
      expect(() => decryptSecret(rt.keyring, row.client_secret_enc, { table: 'app_credentials', column: 'client_secret_enc', rowId: 'acr_other' })).toThrow();

      expect(await resolveCredentials(rt, owner.accountId, 'youtube')).toEqual({ source: 'account', clientId: 'yt-client-1234', clientSecret: SECRET });
      expect(await resolveCredentials(rt, owner.accountId, 'twitch')).toEqual({ source: 'instance', clientId: 'instance-twitch-id', clientSecret: 'instance-twitch-secret' });
      expect(await resolveCredentials(rt, owner.accountId, 'kick')).toBeUndefined();

      // Saving again keeps the row (and its AAD) and replaces the secret.
      const again = await app.inject({ method: 'PUT', url: '/v1/app-credentials/youtube', headers: owner.headers, payload: { client_id: 'yt-client-5678', client_secret: 'second-secret' } });
      expect(again.json().client_id_hint).toBe('5678');
      expect((await resolveCredentials(rt, owner.accountId, 'youtube'))?.clientSecret).toBe('second-secret');

      const del = await app.inject({ method: 'DELETE', url: '/v1/app-credentials/youtube', headers: owner.headers });
      expect(del.statusCode).toBe(204);
      expect((await app.inject({ method: 'DELETE', url: '/v1/app-credentials/youtube', headers: owner.headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/v1/app-credentials/youtube', headers: owner.headers })).json().source).toBe('none');

      const events = (await app.inject({ method: 'GET', url: '/v1/audit-logs?action=app_credentials.*', headers: owner.headers })).json().items;
      expect(events.map((e: { action: string }) => e.action)).toEqual(['app_credentials.deleted', 'app_credentials.saved', 'app_credentials.saved']);
      expect(JSON.stringify(events)).not.toContain(SECRET);
    });

    it('validates the platform and body, naming the field', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const bad = await app.inject({ method: 'PUT', url: '/v1/app-credentials/myspace', headers: owner.headers, payload: { client_id: 'a', client_secret: 'b' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/^params\.platform/);
      const empty = await app.inject({ method: 'PUT', url: '/v1/app-credentials/kick', headers: owner.headers, payload: { client_id: ' ', client_secret: 'b' } });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toMatch(/^body\.client_id/);
    });

    it('needs connections:edit (editors yes, viewers no)', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const editor = await memberSession(app, rt, { role: 'editor', accountId: owner.accountId });
      const viewer = await memberSession(app, rt, { role: 'viewer', accountId: owner.accountId });
      expect((await app.inject({ method: 'PUT', url: '/v1/app-credentials/kick', headers: editor.headers, payload: { client_id: 'k', client_secret: 's' } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/v1/app-credentials', headers: viewer.headers })).statusCode).toBe(403);
    });

    it('lets an instance admin disable a platform for everyone, and audits it', async () => {
      const admin = await memberSession(app, rt, { role: 'owner', instanceAdmin: true });
      const owner = await memberSession(app, rt, { role: 'owner' });
      expect(await isPlatformEnabled(rt, 'kick')).toBe(true);
      expect((await app.inject({ method: 'PATCH', url: '/v1/admin/platforms/kick', headers: owner.headers, payload: { enabled: false } })).statusCode).toBe(403);
      const off = await app.inject({ method: 'PATCH', url: '/v1/admin/platforms/kick', headers: admin.headers, payload: { enabled: false } });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ slug: 'kick', enabled: false });
      expect(await isPlatformEnabled(rt, 'kick')).toBe(false);
      expect(await isPlatformEnabled(rt, 'twitch')).toBe(true);
      expect(await isPlatformEnabled(rt, 'myspace')).toBe(false);
      const list = await app.inject({ method: 'GET', url: '/v1/admin/platforms', headers: admin.headers });
      expect(list.json().items.map((p: { slug: string; enabled: boolean }) => [p.slug, p.enabled])).toEqual([
        ['twitch', true],
        ['youtube', true],
        ['kick', false],
        ['trovo', true],
      ]);
      await app.inject({ method: 'PATCH', url: '/v1/admin/platforms/kick', headers: admin.headers, payload: { enabled: true } });
      expect(await isPlatformEnabled(rt, 'kick')).toBe(true);
      const instance = await app.inject({ method: 'GET', url: '/v1/audit-logs?scope=instance&action=platform.*', headers: admin.headers });
      expect(instance.json().items.map((e: { action: string }) => e.action)).toEqual(['platform.enabled', 'platform.disabled']);
      expect((await app.inject({ method: 'GET', url: '/v1/audit-logs?scope=instance', headers: owner.headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'PATCH', url: '/v1/admin/platforms/myspace', headers: admin.headers, payload: { enabled: false } })).statusCode).toBe(400);
    });
  });
}

describe('app credentials in sandbox mode', () => {
  it('falls back to the sandbox fakes, never to real config credentials, while account credentials still win', async () => {
    const rt = await testRuntime({ overrides: { sandbox: true, integrations: { twitch: { client_id: 'real-id', client_secret: 'real-secret' } } } });
    const app = await buildApp(rt);
    try {
      const owner = await memberSession(app, rt, { role: 'owner' });
      expect(await resolveCredentials(rt, owner.accountId, 'twitch')).toEqual({ source: 'sandbox', clientId: 'sandbox-twitch-client', clientSecret: 'sandbox-twitch-secret' });
      expect(await resolveCredentials(rt, null, 'kick')).toEqual({ source: 'sandbox', clientId: 'sandbox-kick-client', clientSecret: 'sandbox-kick-secret' });
      const view = await app.inject({ method: 'GET', url: '/v1/app-credentials/twitch', headers: owner.headers });
      expect(view.json()).toMatchObject({ source: 'sandbox', client_id_hint: 'ient' });
      await app.inject({ method: 'PUT', url: '/v1/app-credentials/twitch', headers: owner.headers, payload: { client_id: 'mine-0001', client_secret: 'mine' } });
      expect(await resolveCredentials(rt, owner.accountId, 'twitch')).toEqual({ source: 'account', clientId: 'mine-0001', clientSecret: 'mine' });
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
