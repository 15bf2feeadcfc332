/**
 * Test support for chat: the four platforms' fakes (on a clock the test may move), a runtime pointed
 * at them on a store of the matrix, the app, a signed-in owner, and helpers that seed the owner's
 * channel and bots with grants minted at the fake with the scopes a test chooses.
 */
import { buildApp, type App } from '../../src/http/app.ts';
import type { Store } from '../../src/store/db.ts';
import type { Clock } from '../../src/clock.ts';
import type { ServiceSeams } from '../../src/runtime.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import { startFake as startKick, type KickFakeKnobs } from '../../src/platforms/kick/fake.ts';
import { startFake as startTwitch, type TwitchFakeKnobs } from '../../src/platforms/twitch/fake.ts';
import { startFake as startYoutube, type YouTubeFakeKnobs } from '../../src/platforms/youtube/fake.ts';
import { startFake as startTrovo, type TrovoFakeKnobs } from '../../src/platforms/trovo/fake.ts';
import type { IntegrationRow } from '../../src/integrations/model.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';
import { memberSession } from './auth.ts';
import { seedIntegration } from './token-seed.ts';

export const KICK_SCOPES = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];
export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/youtube.force-ssl'];
export const TWITCH_SCOPES = ['user:write:chat', 'moderator:manage:chat_messages', 'moderator:manage:banned_users'];

export interface ChatWorld {
  rt: TestRuntime;
  app: App;
  kick: FakeHandle<KickFakeKnobs>;
  twitch: FakeHandle<TwitchFakeKnobs>;
  youtube: FakeHandle<YouTubeFakeKnobs>;
  trovo: FakeHandle<TrovoFakeKnobs>;
  owner: { userId: string; accountId: string; headers: Record<string, string> };
  /** Seeds an integration of the owner's account (accountId null: a global bot). */
  seed(fake: FakeHandle<KickFakeKnobs> | FakeHandle<TwitchFakeKnobs> | FakeHandle<YouTubeFakeKnobs> | FakeHandle<TrovoFakeKnobs>, opts: { type: 'channel' | 'bot'; user: string; scopes: string[]; botIdentifier?: string; accountId?: string | null; isDefaultBot?: boolean }): Promise<IntegrationRow>;
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
  const kick = await startKick(options.clock ? { clock: options.clock } : {});
  const twitch = await startTwitch(options.clock ? { clock: options.clock } : {});
  const youtube = await startYoutube(options.clock ? { clock: options.clock } : {});
  const trovo = await startTrovo(options.clock ? { clock: options.clock } : {});
  const rt = await testRuntime({
    env: {
      KICK_INTEGRATION_CLIENT_ID: kick.credentials.clientId,
      KICK_INTEGRATION_CLIENT_SECRET: kick.credentials.clientSecret,
      TWITCH_INTEGRATION_CLIENT_ID: twitch.credentials.clientId,
      TWITCH_INTEGRATION_CLIENT_SECRET: twitch.credentials.clientSecret,
      YOUTUBE_INTEGRATION_CLIENT_ID: youtube.credentials.clientId,
      YOUTUBE_INTEGRATION_CLIENT_SECRET: youtube.credentials.clientSecret,
      TROVO_INTEGRATION_CLIENT_ID: trovo.credentials.clientId,
      TROVO_INTEGRATION_CLIENT_SECRET: trovo.credentials.clientSecret,
    },
    platformBaseUrls: { kick: kick.baseUrls, twitch: twitch.baseUrls, youtube: youtube.baseUrls, trovo: trovo.baseUrls },
    overrides: { tokens: { read_cache_ms: 0 }, ...(options.overrides ?? {}) },
    ...(options.store ? { store: options.store } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.seams ? { seams: options.seams } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const app = await buildApp(rt);
  const owner = await memberSession(app, rt, { role: 'owner' });
  return {
    rt,
    app,
    kick,
    twitch,
    youtube,
    trovo,
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
      await kick.close();
      await twitch.close();
      await youtube.close();
      await trovo.close();
    },
  };
}
