/**
 * Three instances on one PostgreSQL database (three runtimes, each with its own pool and services)
 * sending as one Twitch bot: together they never exceed the bot's window at the Twitch fake, which
 * never has to answer 429. SQLite is one process per file, so this suite is PostgreSQL's.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { generateKeySpec } from '../crypto/keyring.ts';
import { isAppError } from '../errors/app-error.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { storeTargets, TEST_DATABASE_URL } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { callerOf } from '../../test/support/callers.ts';
import { TWITCH_SCOPES } from '../../test/support/chat-world.ts';
import { sendChatMessage } from './operations.ts';

describe.runIf(TEST_DATABASE_URL)('chat limits across three instances on PostgreSQL', () => {
  let fake: FakeHandle<TwitchFakeKnobs>;
  const stores: Store[] = [];
  const runtimes: TestRuntime[] = [];

  beforeAll(async () => {
    fake = await startFake();
    fake.knobs.moderators = {};
    const first = await storeTargets().find((t) => t.name === 'postgres')!.open();
    stores.push(first);
    for (let i = 0; i < 2; i++) stores.push(openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: first.schema! }));
    const key = generateKeySpec('k1');
    for (const store of stores) {
      runtimes.push(
        await testRuntime({
          store,
          env: { TWITCH_INTEGRATION_CLIENT_ID: fake.credentials.clientId, TWITCH_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret },
          platformBaseUrls: { twitch: fake.baseUrls },
          overrides: { encryption: { keys: [key] }, tokens: { read_cache_ms: 0 } },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const rt of runtimes.slice(1)) await rt.close();
    await runtimes[0]?.close();
    await fake?.close();
  });

  it('30 sends each as one Twitch bot: at most 20 reach the fake in any 30 s, the rest are 429 RATE_LIMITED, the fake answers no 429', async () => {
    const rt = runtimes[0]!;
    const accountId = await seedAccount(rt);
    await seedIntegration(rt, fake as never, { accountId, type: 'channel', user: 'streamer_one', scopes: TWITCH_SCOPES });
    await seedIntegration(rt, fake as never, { accountId, type: 'bot', user: 'bifrost_bot', scopes: TWITCH_SCOPES });
    const caller = callerOf(accountId);
    const results = await Promise.all(
      runtimes.flatMap((instance, n) =>
        Array.from({ length: 30 }, (_, i) =>
          sendChatMessage(instance, caller, 'twitch', { text: `instance ${n} message ${i}` }).then(
            () => 'sent',
            (err: unknown) => (isAppError(err) ? err.code : String(err)),
          ),
        ),
      ),
    );
    const messages = fake.chat.ofKind('message');
    const times = messages.map((m) => m.at).sort((a, b) => a - b);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 30_000).length));
    expect(busiest).toBeLessThanOrEqual(20);
    expect(results.filter((r) => r === 'sent')).toHaveLength(messages.length);
    expect(messages.length).toBe(20);
    expect(results.filter((r) => r !== 'sent').every((r) => r === 'RATE_LIMITED')).toBe(true);
    expect(fake.chat.rateLimited).toBe(0);
  });
});
