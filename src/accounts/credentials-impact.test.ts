/**
 * Saving app credentials over live connections: the impact preview names what a new client id would
 * cut off, and the same client id with a new secret keeps every connection working through a refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedIntegration } from '../../test/support/token-seed.ts';

let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let app: App;

beforeAll(async () => {
  fake = await startFake({ knobs: { accessTokenLifetime: 3600 } });
  rt = await tokensRuntime({ fake: fake as never });
  app = await buildApp(rt);
});
afterAll(async () => {
  await app.close();
  await rt.close();
  await fake.close();
});

describe('app credentials over live connections', () => {
  it('names what a new client id would cut off; the same client id with a new secret cuts off nothing and keeps refreshing', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const channel = await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'channel', expiresInMs: -60_000 });
    await seedIntegration(rt, fake as never, { accountId: owner.accountId, type: 'bot', botIdentifier: 'helper' });
    const impact = (clientId: string) => app.inject({ method: 'POST', url: '/v1/app-credentials/twitch/impact', headers: owner.headers, payload: { client_id: clientId } });

    const other = await impact('another-client');
    expect(other.statusCode).toBe(200);
    expect(other.json().summary).toBe(`Twitch channel ${channel.display_name} and 1 Twitch bot will need to be reconnected`);
    expect(other.json().affected.map((a: { integration_type: string }) => a.integration_type)).toEqual(['bot', 'channel']);

    const same = await impact(fake.credentials.clientId);
    expect(same.json()).toEqual({ affected: [], summary: null });

    // The platform rotated the secret of the same client: it now accepts only the new one.
    fake.state.clients.set(fake.credentials.clientId, 'rotated-secret-value');
    const put = await app.inject({ method: 'PUT', url: '/v1/app-credentials/twitch', headers: owner.headers, payload: { client_id: fake.credentials.clientId, client_secret: 'rotated-secret-value' } });
    expect(put.statusCode).toBe(200);
    const refreshed = await app.inject({ method: 'POST', url: `/v1/integrations/${channel.id}/refresh`, headers: owner.headers });
    expect(refreshed.statusCode).toBe(200);
    const rows = await rt.store.db.selectFrom('integrations').select(['status']).where('account_id', '=', owner.accountId).execute();
    expect(rows.map((r) => r.status)).toEqual(['active', 'active']);
  });

  it('names the field when the client id is missing, and refuses a viewer', async () => {
    const owner = await memberSession(app, rt, { role: 'owner' });
    const bad = await app.inject({ method: 'POST', url: '/v1/app-credentials/twitch/impact', headers: owner.headers, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('client_id');
    const viewer = await memberSession(app, rt, { role: 'viewer' });
    expect((await app.inject({ method: 'POST', url: '/v1/app-credentials/twitch/impact', headers: viewer.headers, payload: { client_id: 'x' } })).statusCode).toBe(403);
  });
});
