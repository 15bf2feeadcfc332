/**
 * Integration tests' world: the four platform fakes, a runtime whose adapters point at them with
 * instance credentials the fakes accept, the app, and a signed-in owner. Plus the connect → consent →
 * callback walk, through HTTP only.
 */
import type { App } from '../../src/http/app.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Store } from '../../src/store/db.ts';
import type { Clock } from '../../src/clock.ts';
import type { PlatformSlug } from '../../src/config/schema.ts';
import { startAllFakes, type AllFakes } from '../../src/platforms/testing.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';
import { memberSession } from './auth.ts';

export interface IntegrationWorld {
  rt: TestRuntime;
  app: App;
  fakes: AllFakes;
  owner: { userId: string; accountId: string; headers: Record<string, string> };
  close(): Promise<void>;
}

export async function integrationWorld(options: { store?: Store; clock?: Clock; overrides?: Record<string, unknown> } = {}): Promise<IntegrationWorld> {
  const fakes = await startAllFakes();
  const rt = await testRuntime({
    env: fakes.env,
    platformBaseUrls: fakes.baseUrls,
    ...(options.store ? { store: options.store } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const app = await buildApp(rt);
  const owner = await memberSession(app, rt, { role: 'owner' });
  return {
    rt,
    app,
    fakes,
    owner,
    close: async () => {
      await app.close();
      await rt.close();
      await fakes.close();
    },
  };
}

export interface ConnectBody {
  integration_type: 'channel' | 'bot';
  bot_identifier?: string;
  scopes?: string[];
  reconnect?: boolean;
}

/** POST …/connect; returns the authorization URL and state (throws on a non-200 answer). */
export async function startConnect(world: IntegrationWorld, slug: PlatformSlug, body: ConnectBody, headers = world.owner.headers) {
  const res = await world.app.inject({ method: 'POST', url: `/v1/integrations/platform/${slug}/connect`, headers, payload: body });
  if (res.statusCode !== 200) throw new Error(`connect ${slug} failed: ${res.statusCode} ${res.body}`);
  return res.json() as { authorization_url: string; state: string };
}

/** The path and query of a redirect URL the fake sent the browser to (our callback). */
export function callbackPath(redirect: string): string {
  const url = new URL(redirect);
  return `${url.pathname}${url.search}`;
}

/** Follows the callback in the given browser; returns the 303's Location. */
export async function deliverCallback(world: IntegrationWorld, redirect: string, headers: Record<string, string> = world.owner.headers): Promise<string> {
  const res = await world.app.inject({ method: 'GET', url: callbackPath(redirect), headers: { cookie: headers.cookie ?? '' } });
  if (res.statusCode !== 303) throw new Error(`callback answered ${res.statusCode} ${res.body}`);
  return String(res.headers.location);
}

/** Connect → consent (Authorize) → callback; returns the callback's Location. */
export async function connectThroughFake(world: IntegrationWorld, slug: PlatformSlug, body: ConnectBody, user?: string): Promise<string> {
  const { authorization_url } = await startConnect(world, slug, body);
  const redirect = world.fakes.fakes[slug].approve(authorization_url, user ? { user } : {});
  return deliverCallback(world, redirect);
}

export async function countIntegrations(world: IntegrationWorld): Promise<number> {
  const row = await world.rt.store.db.selectFrom('integrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
