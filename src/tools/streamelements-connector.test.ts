/**
 * The StreamElements connector against the fake Astro gateway: it subscribes with the JWT to tips and
 * activities, tips and activities are normalised (a tip seen on both topics is stored once), and a
 * JWT the gateway refuses gives up and marks the stored token failing, as REST then shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { buildApp, type App } from '../http/app.ts';
import { ConnectorGaveUp } from '../platforms/event-types.ts';
import { testConnectorContext, type TestConnectorContext } from '../platforms/testing/connector-context.ts';
import { fakeJwt } from './fakes/jwt.ts';
import { startFakeAstro, type FakeAstroHandle } from './fakes/astro-server.ts';
import { createStreamElementsConnector } from './streamelements-connector.ts';
import { markStreamElementsTokenFailing } from './streamelements-service.ts';

/** Resolves once `check` holds, re-checking after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

describe('StreamElements connector', () => {
  let astro: FakeAstroHandle;
  beforeAll(async () => {
    astro = await startFakeAstro();
  });
  afterAll(() => astro?.close());

  it('subscribes to tips and activities and normalises what arrives', async () => {
    const ctx: TestConnectorContext = testConnectorContext({ baseUrls: {}, token: 'good.jwt.token' });
    const run = createStreamElementsConnector({ astroUrl: astro.url }).run(ctx);
    await until(() => ctx.states.some((s) => s.state === 'connected'));
    astro.astro.emit('tip', { id: 'tip1', username: 'generous', amount: 12.5, currency: 'EUR', message: 'gg' });
    astro.astro.emit('follow', { username: 'newfan' });
    astro.astro.emit('subscriber', { username: 'subby', amount: 3, tier: '2000', message: 'hi' });
    astro.astro.emit('subscriber', { username: 'gifter', amount: 5, tier: '1000', bulk_gifted: true, sender: 'gifter' });
    astro.astro.emit('cheer', { username: 'bitsy', amount: 300, message: 'cheer300' });
    astro.astro.emit('raid', { username: 'raider', amount: 42 });
    await until(() => ctx.events.some((e) => e.type === 'raid'));
    ctx.abort.abort();
    await run;
    expect(ctx.events.map((e) => e.type)).toEqual(['tip', 'follow', 'subscription', 'subscription.gift', 'cheer', 'raid']);
    const [tip, follow, sub, gift, cheer, raid] = ctx.events;
    expect(tip).toMatchObject({ sourceId: 'tip:tip1', actor: { username: 'generous' }, data: { amount: 12.5, currency: 'EUR', message: 'gg' } });
    expect(follow).toMatchObject({ actor: { username: 'newfan' }, data: {} });
    expect(sub).toMatchObject({ data: { tier: '2000', months: 3, message: 'hi', is_gift: false } });
    expect(gift).toMatchObject({ actor: { username: 'gifter' }, data: { tier: '1000', count: 5, anonymous: false } });
    expect(cheer).toMatchObject({ data: { bits: 300, message: 'cheer300' } });
    expect(raid).toMatchObject({ actor: { username: 'raider' }, data: { viewers: 42 } });
  });

  it('ends the run with an error when the gateway drops the connection (the supervisor reconnects)', async () => {
    const ctx = testConnectorContext({ baseUrls: {}, token: 'good.jwt.token' });
    const run = createStreamElementsConnector({ astroUrl: astro.url }).run(ctx);
    await until(() => ctx.states.some((s) => s.state === 'connected'));
    astro.astro.dropAll();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ConnectorGaveUp);
  });
});

for (const target of storeTargets()) {
  describe(`StreamElements token status on ${target.name}`, () => {
    let astro: FakeAstroHandle;
    let rt: TestRuntime;
    let app: App;
    beforeAll(async () => {
      astro = await startFakeAstro();
      rt = await testRuntime({ store: await target.open() });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
      await astro?.close();
    });

    it('gives up on a refused JWT and marks the stored token failing', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const jwt = fakeJwt({ channel: 'abc', exp: Math.floor(Date.now() / 1000) + 3600 });
      const added = await app.inject({ method: 'POST', url: '/v1/streamelements/tokens', headers: owner.headers, payload: { platform: 'twitch', token: jwt } });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ status: 'ok', status_reason: null });
      const tokenId = added.json().id as string;
      astro.astro.rejectedTokens.add(jwt);

      const ctx = { ...testConnectorContext({ baseUrls: {}, token: jwt }), integrationId: tokenId, accountId: owner.accountId };
      const connector = createStreamElementsConnector({ astroUrl: astro.url, markFailing: (c, reason) => markStreamElementsTokenFailing(rt, c.accountId, c.integrationId, reason) });
      const err = await connector.run(ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorGaveUp);
      expect(astro.astro.counts.unauthorized).toBeGreaterThan(0);

      const listed = await app.inject({ method: 'GET', url: '/v1/streamelements/tokens', headers: owner.headers });
      const row = (listed.json() as { id: string; status: string; status_reason: string | null }[]).find((t) => t.id === tokenId);
      expect(row).toMatchObject({ status: 'failing', status_reason: expect.stringContaining('refused') });
      expect(listed.body).not.toContain(jwt);
    });
  });
}
