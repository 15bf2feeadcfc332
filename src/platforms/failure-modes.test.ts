// Each fake failure mode → the error kind and transient flag the adapters report, on every platform.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORM_SLUGS, type PlatformSlug } from './registry.ts';
import type { FakeKnobs } from './fake/types.ts';
import { adapterFor, connectWithFake, platformFailure, refreshModes, startAllFakes, type AllFakes } from './testing.ts';

interface Mode {
  name: string;
  knobs: Partial<FakeKnobs>;
  kind: 'oauth' | 'network' | 'status' | 'body';
  transient: boolean;
  oauthError?: string;
  httpStatus?: number;
  retryAfter?: number;
}

const MODES: Mode[] = [
  ...[500, 502, 503, 504].map((status) => ({ name: `forced ${status}`, knobs: { forceStatus: status }, kind: 'status' as const, transient: true, httpStatus: status })),
  { name: '429 with Retry-After seconds', knobs: { rateLimit: { retryAfter: '7' } }, kind: 'status', transient: true, httpStatus: 429, retryAfter: 7 },
  { name: '429 with a Retry-After date', knobs: { rateLimit: { retryAfter: new Date(Date.now() + 120_000).toUTCString() } }, kind: 'status', transient: true, httpStatus: 429 },
  ...(['html', 'truncated_json', 'empty', 'wrong_types', 'missing_access_token', 'array'] as const).map((garbage) => ({ name: `garbage: ${garbage}`, knobs: { garbage }, kind: 'body' as const, transient: true })),
  { name: 'connection dropped', knobs: { dropConnection: true }, kind: 'network', transient: true },
  { name: 'slower than the timeout', knobs: { latencyMs: 400 }, kind: 'network', transient: true },
  { name: 'rotated, then dropped before answering', knobs: { dropAfterRotate: true }, kind: 'network', transient: true },
  { name: 'invalid_client', knobs: { invalidClient: true }, kind: 'oauth', transient: false, oauthError: 'invalid_client' },
  { name: 'grant revoked by the user', knobs: { revokedGrant: true }, kind: 'oauth', transient: false, oauthError: 'invalid_grant' },
];

describe('fake failure modes → PlatformError kind and transient flag', () => {
  let all: AllFakes;
  beforeAll(async () => {
    all = await startAllFakes();
  });
  afterAll(async () => all?.close());
  beforeEach(() => all.reset());

  const cases = PLATFORM_SLUGS.flatMap((slug) => MODES.map((mode) => [slug, mode.name, mode] as const));
  it.each(cases)('%s: %s', async (slug: PlatformSlug, _name, mode) => {
    const fake = all.fakes[slug];
    const adapter = adapterFor(fake, { timeoutMs: 200 });
    const { tokens } = await connectWithFake(adapter, fake);
    Object.assign(fake.knobs, mode.knobs);
    const err = await platformFailure(adapter.refresh({ credentials: fake.credentials, refreshToken: tokens.refreshToken! }));
    expect({ kind: err.kind, transient: err.transient }).toEqual({ kind: mode.kind, transient: mode.transient });
    if (mode.oauthError) expect(err.oauthError).toBe(mode.oauthError);
    if (mode.httpStatus) expect(err.httpStatus).toBe(mode.httpStatus);
    if (mode.retryAfter !== undefined) expect(err.retryAfter).toBe(mode.retryAfter);
    if (mode.knobs.rateLimit && mode.retryAfter === undefined) expect(err.retryAfter).toBeGreaterThan(100);
    expect(err.platform).toBe(slug);
    // Nothing secret reaches the message, the cause or the details (OA-11, F-11).
    const visible = JSON.stringify({ message: err.message, cause: String(err.cause), details: err.details });
    for (const secret of [tokens.refreshToken!, tokens.accessToken, fake.credentials.clientSecret]) expect(visible).not.toContain(secret);
  });

  it.each(PLATFORM_SLUGS)('%s: a lost rotation under strict rotation makes the retry a detected reuse', async (slug) => {
    const fake = all.fakes[slug];
    const adapter = adapterFor(fake);
    const { tokens } = await connectWithFake(adapter, fake);
    fake.knobs.refreshMode = refreshModes.strict;
    fake.knobs.dropAfterRotate = true;
    expect((await platformFailure(adapter.refresh({ credentials: fake.credentials, refreshToken: tokens.refreshToken! }))).kind).toBe('network');
    fake.knobs.dropAfterRotate = false;
    expect((await platformFailure(adapter.refresh({ credentials: fake.credentials, refreshToken: tokens.refreshToken! }))).oauthError).toBe('invalid_grant');
    expect([fake.counters.reuseDetections, fake.counters.familyRevocations, fake.counters.droppedResponses]).toEqual([1, 1, 1]);
  });

  it.each(PLATFORM_SLUGS)('%s: faults clear themselves after faultTimes calls', async (slug) => {
    const fake = all.fakes[slug];
    const adapter = adapterFor(fake);
    const { tokens } = await connectWithFake(adapter, fake);
    Object.assign(fake.knobs, { forceStatus: 503, faultTimes: 2 });
    const refresh = () => adapter.refresh({ credentials: fake.credentials, refreshToken: tokens.refreshToken! });
    await platformFailure(refresh());
    await platformFailure(refresh());
    expect((await refresh()).accessToken).toBeTruthy();
    expect(fake.counters.faultsInjected).toBe(2);
  });

  it.each(PLATFORM_SLUGS)('%s: counts concurrent refreshes of one grant', async (slug) => {
    const fake = all.fakes[slug];
    const adapter = adapterFor(fake);
    const { tokens } = await connectWithFake(adapter, fake);
    fake.knobs.latencyMs = 50;
    await Promise.all([1, 2, 3].map(() => adapter.refresh({ credentials: fake.credentials, refreshToken: tokens.refreshToken! }).catch(() => undefined)));
    expect(fake.counters.maxConcurrentRefreshes).toBe(3);
    expect(fake.counters.tokenCalls).toBe(4);
  });
});
