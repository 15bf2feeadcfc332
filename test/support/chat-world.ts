/**
 * Test support for chat: every platform's fake (on a clock the test may move), a runtime pointed at
 * them on a store of the matrix, the app, a signed-in owner, and a helper that seeds the owner's
 * channels and bots with grants minted at a fake with the scopes a test chooses.
 */
import { buildApp, type App } from '../../src/http/app.ts';
import type { Store } from '../../src/store/db.ts';
import type { Clock } from '../../src/clock.ts';
import type { ServiceSeams } from '../../src/runtime.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import type { FakeKnobs } from '../../src/platforms/fake/types.ts';
import { startAllFakes, type AllFakes } from '../../src/platforms/testing.ts';
import type { IntegrationRow } from '../../src/integrations/model.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';
import { memberSession } from './auth.ts';
import { seedIntegration } from './token-seed.ts';

export const KICK_SCOPES = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];
export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/youtube.force-ssl'];
export const TWITCH_SCOPES = ['user:write:chat', 'moderator:manage:chat_messages', 'moderator:manage:banned_users'];

type Fakes = AllFakes['fakes'];

export interface ChatWorld extends Fakes {
  rt: TestRuntime;
  app: App;
  all: AllFakes;
  owner: { userId: string; accountId: string; headers: Record<string, string> };
  /** Seeds an integration of the owner's account (accountId null: a global bot). */
  seed<K extends FakeKnobs>(fake: FakeHandle<K>, opts: { type: 'channel' | 'bot'; user: string; scopes: string[]; botIdentifier?: string; accountId?: string | null; isDefaultBot?: boolean }): Promise<IntegrationRow>;
  close(): Promise<void>;
}

export interface ChatWorldOptions {
  store?: Store;
  clock?: Clock;
  seams?: ServiceSeams;
  overrides?: Record<string, unknown>;
  fetch?: typeof fetch;
}

export async function chatWorld(options: ChatWorldOptions = {}): Promise<ChatWorld> {
  const all = await startAllFakes(options.clock ? { clock: options.clock } : {});
  const rt = await testRuntime({
    env: all.env,
    platformBaseUrls: all.baseUrls,
    overrides: { tokens: { read_cache_ms: 0 }, ...(options.overrides ?? {}) },
    ...(options.store ? { store: options.store } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.seams ? { seams: options.seams } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const app = await buildApp(rt);
  const owner = await memberSession(app, rt, { role: 'owner' });
  return {
    ...all.fakes,
    rt,
    app,
    all,
    owner,
    seed: (fake, opts) =>
      seedIntegration(rt, fake as never, {
        accountId: opts.accountId === undefined ? owner.accountId : opts.accountId,
        type: opts.type,
        user: opts.user,
        scopes: opts.scopes,
        forceConsent: true,
        ...(opts.botIdentifier ? { botIdentifier: opts.botIdentifier } : {}),
        ...(opts.isDefaultBot ? { isDefaultBot: true } : {}),
      }),
    close: async () => {
      await app.close();
      await rt.close();
      await all.close();
    },
  };
}
