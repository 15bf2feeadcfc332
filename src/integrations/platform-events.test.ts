/** GET /v1/platforms says, per platform, whether live events can flow: Kick's webhooks need a public https public_url. */
import { afterEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { buildApp, type App } from '../http/app.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';

type Listed = { slug: string; events: { source: string; needs_public_url: boolean; reachable: boolean; reason: string | null } | null };

describe('GET /v1/platforms events', () => {
  let rt: TestRuntime | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  async function listed(overrides: Record<string, unknown>): Promise<Listed[]> {
    rt = await testRuntime({ overrides });
    app = await buildApp(rt);
    const owner = await memberSession(app, rt, { role: 'owner' });
    const res = await app.inject({ method: 'GET', url: '/v1/platforms', headers: owner.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as Listed[];
  }

  const webhookPlatforms = PLATFORM_DEFINITIONS.filter((d) => d.events?.needsPublicUrl).map((d) => d.slug);

  it('marks webhook platforms unreachable on a loopback public_url, with the reason', async () => {
    expect(webhookPlatforms.length).toBeGreaterThan(0);
    const list = await listed({ server: { public_url: 'http://127.0.0.1:8080' } });
    for (const p of list) {
      const def = PLATFORM_DEFINITIONS.find((d) => d.slug === p.slug)!;
      if (!def.events) expect(p.events).toBeNull();
      else if (def.events.needsPublicUrl) expect(p.events).toEqual({ source: def.events.source, needs_public_url: true, reachable: false, reason: expect.stringContaining('public https URL') });
      else expect(p.events).toMatchObject({ needs_public_url: false, reachable: true, reason: null });
    }
  });

  it('marks them reachable on a public https public_url', async () => {
    const list = await listed({ server: { public_url: 'https://bifrost.example.com' } });
    for (const slug of webhookPlatforms) expect(list.find((p) => p.slug === slug)?.events).toMatchObject({ reachable: true, reason: null });
  });
});
