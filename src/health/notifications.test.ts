/** GET /v1/notifications: the account's own with the integration's name; instance admins also see the instance's (a global bot needing re-auth). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedIntegration } from '../../test/support/token-seed.ts';
import { notify } from './incidents.ts';

let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let app: App;

beforeAll(async () => {
  fake = await startFake({});
  rt = await tokensRuntime({ fake: fake as never });
  app = await buildApp(rt);
});
afterAll(async () => {
  await app.close();
  await rt.close();
  await fake.close();
});

describe('GET /v1/notifications', () => {
  it("names the integration; the global bot's trouble reaches instance admins only", async () => {
    const admin = await memberSession(app, rt, { role: 'owner', instanceAdmin: true });
    const member = await memberSession(app, rt, { role: 'owner', accountId: admin.accountId });
    const channel = await seedIntegration(rt, fake as never, { accountId: admin.accountId, type: 'channel' });
    const globalBot = await seedIntegration(rt, fake as never, { accountId: null, botIdentifier: 'global' });
    await notify(rt, { accountId: admin.accountId, integrationId: channel.id, platform: 'twitch', kind: 'degraded', reason: 'platform_unreachable' });
    await notify(rt, { accountId: null, integrationId: globalBot.id, platform: 'twitch', kind: 'needs_reauth', reason: 'invalid_grant' });

    const seenByAdmin = (await app.inject({ method: 'GET', url: '/v1/notifications', headers: admin.headers })).json().items;
    // Both may carry the same millisecond: compare without their order.
    expect(seenByAdmin.map((n: Record<string, unknown>) => [n.kind, n.integration_name, n.is_global]).sort()).toEqual([
      ['degraded', channel.display_name, false],
      ['needs_reauth', globalBot.display_name, true],
    ]);
    const seenByMember = (await app.inject({ method: 'GET', url: '/v1/notifications', headers: member.headers })).json().items;
    expect(seenByMember.map((n: Record<string, unknown>) => n.integration_id)).toEqual([channel.id]);
  });
});
