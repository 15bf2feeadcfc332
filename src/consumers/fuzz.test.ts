/**
 * Generated requests against the consumer surface (F-12, bounded): arbitrary ids, slugs, bodies and
 * credential headers never get a 5xx other than a documented 503, never a stack trace, and a request
 * without valid credentials is always a 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedIntegration } from '../../test/support/token-seed.ts';

const KEY = 'fuzz-internal-key';
let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let app: App;
let known: string;

beforeAll(async () => {
  fake = await startFake();
  rt = await tokensRuntime({ fake: fake as never, env: { INTERNAL_SERVICE_KEY: KEY } });
  app = await buildApp(rt);
  known = (await seedIntegration(rt, fake as never, { accountId: null })).id;
});
afterAll(async () => {
  await app.close();
  await rt.close();
  await fake.close();
});

const idArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('int_'), fc.constantFrom('known'), fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `int_${s}`));
const credArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constant<Record<string, string>>({}),
  fc.constant<Record<string, string>>({ 'x-internal-secret': KEY }),
  fc.string({ maxLength: 60 }).map((s) => ({ 'x-internal-secret': s.replace(/[^\x20-\x7e]/g, '') })),
  fc.string({ maxLength: 60 }).map((s) => ({ authorization: `Bearer bfs_${s.replace(/[^\x21-\x7e]/g, '')}` })),
  fc.string({ maxLength: 60 }).map((s) => ({ authorization: s.replace(/[^\x20-\x7e]/g, '') })),
);
const routeArb = fc.constantFrom('token', 'token/invalid', 'bot');

describe('consumer routes under generated requests', () => {
  it('answer 2xx/4xx or a documented 503, never another 5xx, and 401 without credentials', async () => {
    await fc.assert(
      fc.asyncProperty(routeArb, idArb, credArb, fc.option(fc.jsonValue(), { nil: undefined }), async (route, rawId, headers, body) => {
        const id = rawId === 'known' ? known : rawId;
        const url = route === 'bot' ? `/internal/platforms/${encodeURIComponent(id)}/bot` : `/internal/integrations/${encodeURIComponent(id)}/${route}`;
        const res = await app.inject({ method: route === 'bot' ? 'GET' : 'POST', url, headers, ...(body === undefined || route === 'bot' ? {} : { payload: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } }) });
        expect(res.statusCode === 503 || res.statusCode < 500, `${res.statusCode} ${res.body}`).toBe(true);
        expect(res.body).not.toMatch(/\bat \S+ \(|node_modules|\/work\//);
        const valid = headers['x-internal-secret'] === KEY;
        if (!valid && res.statusCode !== 404 && res.statusCode !== 400) expect(res.statusCode).toBe(401);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
