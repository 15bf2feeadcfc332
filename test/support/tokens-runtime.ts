/**
 * Test support: a runtime whose Twitch adapter talks to a running fake, with instance credentials
 * the fake accepts, and a second "instance" on the same store when a test needs two.
 */
import { testRuntime, type TestRuntime, type TestRuntimeOptions } from './runtime.ts';
import { createServices, type Runtime, type ServiceSeams } from '../../src/runtime.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import type { FakeKnobs } from '../../src/platforms/fake/types.ts';

export interface TokensRuntimeOptions extends Omit<TestRuntimeOptions, 'platformBaseUrls'> {
  fake: FakeHandle<FakeKnobs>;
  /** Extra tokens.* settings (read cache off by default: tests change rows under the cache). */
  tokens?: Record<string, unknown>;
}

export async function tokensRuntime(options: TokensRuntimeOptions): Promise<TestRuntime> {
  const { fake, tokens, ...rest } = options;
  const slug = fake.slug.toUpperCase();
  return testRuntime({
    ...rest,
    env: {
      [`${slug}_INTEGRATION_CLIENT_ID`]: fake.credentials.clientId,
      [`${slug}_INTEGRATION_CLIENT_SECRET`]: fake.credentials.clientSecret,
      ...(rest.env ?? {}),
    },
    overrides: { ...(rest.overrides ?? {}), tokens: { read_cache_ms: 0, ...((rest.overrides?.tokens as object) ?? {}), ...(tokens ?? {}) } },
    platformBaseUrls: { [fake.slug]: fake.baseUrls },
  });
}

/**
 * Another "instance" on the same store: the same foundation (with `changes`, e.g. other platform
 * adapters) and services of its own (in-flight refreshes, lease owner, caches, streams), so it
 * behaves like a second Bifrost process sharing the database.
 */
export function siblingOf<T extends Runtime>(rt: T, changes: Partial<Pick<Runtime, 'platforms'>> = {}, seams: ServiceSeams = {}): T {
  const deps = { ...rt, ...changes };
  return { ...deps, ...createServices(deps, seams) };
}
