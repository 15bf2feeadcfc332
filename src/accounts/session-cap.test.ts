/**
 * The per-user session cap: a sign-in beyond `server.max_sessions_per_user` ends that user's oldest
 * session (its cookie then gets 401), nobody else's, in the same write as the new session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createMember, signIn } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig, ConfigError } from '../config/load.ts';

const CAP = 3;

describe('server.max_sessions_per_user', () => {
  it('defaults to 10, maps BIFROST_MAX_SESSIONS_PER_USER, and refuses 0 naming the key and the range', () => {
    expect(loadConfig().server.max_sessions_per_user).toBe(10);
    expect(loadConfig({ env: { BIFROST_MAX_SESSIONS_PER_USER: '4' } }).server.max_sessions_per_user).toBe(4);
    let problem: unknown;
    try {
      loadConfig({ env: { BIFROST_MAX_SESSIONS_PER_USER: '0' } });
    } catch (err) {
      problem = err;
    }
    expect(problem).toBeInstanceOf(ConfigError);
    expect((problem as ConfigError).problems.join('\n')).toMatch(/server\.max_sessions_per_user \(from BIFROST_MAX_SESSIONS_PER_USER\): must be between 1 and 1000/);
  });
});

for (const target of storeTargets()) {
  describe(`session cap [${target.name}]`, () => {
    let rt: TestRuntime;
    let app: App;
    const clock = new ManualClock();
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), clock, overrides: { server: { max_sessions_per_user: CAP } } });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/v1/me', headers });

    it(`the ${CAP + 1}th sign-in ends the oldest session; the others and other users' stay`, async () => {
      const m = await createMember(rt, { role: 'owner' });
      const other = await createMember(rt, { role: 'owner' });
      const otherSession = await signIn(app, other);
      const sessions: { headers: Record<string, string> }[] = [];
      for (let i = 0; i < CAP; i++) {
        clock.advance(1000);
        sessions.push(await signIn(app, m));
      }
      for (const s of sessions) expect((await me(s.headers)).statusCode).toBe(200);

      clock.advance(1000);
      const newest = await signIn(app, m);
      const oldest = await me(sessions[0]!.headers);
      expect(oldest.statusCode).toBe(401);
      expect(oldest.json().error.code).toBe('SESSION_EXPIRED');
      for (const s of [...sessions.slice(1), newest, otherSession]) expect((await me(s.headers)).statusCode).toBe(200);
      const live = await rt.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', m.userId).execute();
      expect(live).toHaveLength(CAP);

      const audit = await rt.store.db.selectFrom('audit_events').select('details').where('action', '=', 'auth.login_succeeded').where('actor_id', '=', m.userId).orderBy('created_at', 'desc').execute();
      expect(JSON.parse(audit[0]!.details)).toEqual({ oldest_sessions_ended: 1 });
      expect(audit.slice(1).map((a) => JSON.parse(a.details))).toEqual(Array(CAP).fill({}));
    });

    it('the oldest by sign-in time goes, even when it was used last', async () => {
      const m = await createMember(rt, { role: 'viewer' });
      const sessions: { headers: Record<string, string> }[] = [];
      for (let i = 0; i < CAP; i++) {
        clock.advance(1000);
        sessions.push(await signIn(app, m));
      }
      clock.advance(120_000);
      expect((await me(sessions[0]!.headers)).statusCode).toBe(200);
      await signIn(app, m);
      expect((await me(sessions[0]!.headers)).statusCode).toBe(401);
      expect((await me(sessions[1]!.headers)).statusCode).toBe(200);
    });
  });
}
