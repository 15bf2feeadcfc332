/**
 * What every platform contract test sets up (src/platforms/<slug>/<slug>.test.ts): its platform's
 * fake on a still clock, a recording fetch, and an adapter pointed at the fake; the fake and the
 * recording are reset before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { PlatformAdapter } from '../types.ts';
import type { FakeHandle } from './harness.ts';
import type { FakeKnobs } from './types.ts';
import { recordingFetch } from './recording-fetch.ts';
import { adapterFor } from '../testing.ts';

export interface ContractFixture<K extends FakeKnobs> {
  /** The started fake (valid inside tests). */
  readonly fake: FakeHandle<K>;
  /** A still clock shared by the fake and the adapter: expires_in values are exact. */
  readonly clock: ManualClock;
  readonly rec: ReturnType<typeof recordingFetch>;
  /** An adapter pointed at the fake, calling through the recording fetch. */
  adapter(): PlatformAdapter;
}

export function contractFixture<K extends FakeKnobs>(start: (options: { clock: ManualClock }) => Promise<FakeHandle<K>>): ContractFixture<K> {
  const clock = new ManualClock(Date.now());
  const rec = recordingFetch();
  let fake: FakeHandle<K> | undefined;
  beforeAll(async () => {
    fake = await start({ clock });
  });
  afterAll(async () => fake?.close());
  beforeEach(() => {
    fake!.reset();
    rec.requests.length = 0;
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fake starts in beforeAll: use it inside a test');
      return fake;
    },
    clock,
    rec,
    adapter: () => adapterFor(fake!, { fetch: rec.fetch, now: () => clock.now() }),
  };
}
