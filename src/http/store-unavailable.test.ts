/**
 * A database that cannot take writes, on real databases: a full disk (SQLite at its max_page_count;
 * PostgreSQL raising SQLSTATE 53100 disk_full from a trigger, as it does when it cannot extend a
 * file) and a read-only database (SQLite query_only; PostgreSQL default_transaction_read_only on the
 * role and on every open session). A write answers 503 STORE_UNAVAILABLE without internals and
 * changes nothing, reads keep working, and /readyz is not ready until the fault is cleared, then
 * ready again by itself.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { sqliteOnly, storeTargets, TEST_DATABASE_URL } from '../../test/support/stores.ts';
import { createMember, signIn } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { recordAudit } from '../audit/record.ts';
import { openStore, type Store } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { storeFailureReason, type StoreFailureReason } from '../store/store-failure.ts';

describe('storeFailureReason', () => {
  it('knows the driver codes of a full disk, a read-only database and exhausted resources, also wrapped', () => {
    const cases: [unknown, StoreFailureReason | undefined][] = [
      [{ code: 'SQLITE_FULL' }, 'disk_full'],
      [{ code: 'SQLITE_READONLY' }, 'read_only'],
      [{ code: 'SQLITE_READONLY_DBMOVED' }, 'read_only'],
      [{ code: '53100' }, 'disk_full'],
      [{ code: '25006' }, 'read_only'],
      [{ code: '53200' }, 'insufficient_resources'],
      [{ code: '53300' }, 'insufficient_resources'],
      [new Error('wrapped', { cause: { code: '53100' } }), 'disk_full'],
      [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, undefined],
      [{ code: '23505' }, undefined],
      [{ code: 'SQLITE_BUSY' }, undefined],
      [{ code: 'ECONNREFUSED' }, undefined],
      [new Error('plain'), undefined],
      [undefined, undefined],
    ];
    for (const [err, reason] of cases) expect(storeFailureReason(err), JSON.stringify(err)).toBe(reason);
  });
});

interface Fault {
  name: string;
  reason: StoreFailureReason;
  open(): Promise<Store>;
  on(rt: TestRuntime): Promise<void>;
  off(rt: TestRuntime): Promise<void>;
}

const sqliteFull: Fault = {
  name: 'SQLite disk full (max_page_count)',
  reason: 'disk_full',
  open: () => sqliteOnly().open(),
  async on(rt) {
    const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(rt.store.db)).rows[0]!.page_count);
    await sql.raw(`pragma max_page_count = ${pages}`).execute(rt.store.db);
    // Fill what is left with audit rows like the ones every change writes, until one does not fit.
    for (let i = 0; i < 100_000; i++) {
      try {
        await recordAudit(rt, { accountId: null, actor: { type: 'system', label: 'filler' }, action: 'test.fill', details: { i } });
      } catch (err) {
        if (storeFailureReason(err) === 'disk_full') return;
        throw err;
      }
    }
    throw new Error('the database never filled up');
  },
  async off(rt) {
    await sql.raw('pragma max_page_count = 2147483646').execute(rt.store.db);
  },
};

const sqliteReadOnly: Fault = {
  name: 'SQLite read-only (query_only)',
  reason: 'read_only',
  open: () => sqliteOnly().open(),
  on: async (rt) => void (await sql`pragma query_only = on`.execute(rt.store.db)),
  off: async (rt) => void (await sql`pragma query_only = off`.execute(rt.store.db)),
};

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

const POOL = 2;

/** Runs `statement` on every connection of the store's pool (it has POOL), holding them all at once. */
async function onEverySession(store: Store, statement: string): Promise<void> {
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  let done = 0;
  await Promise.all(
    Array.from({ length: POOL }, () =>
      store.db.connection().execute(async (conn) => {
        await sql.raw(statement).execute(conn);
        if (++done === POOL) release();
        await all;
      }),
    ),
  );
}

/** A store whose connections log in as a role of their own, so the fault can be set on that role alone. */
function pgReadOnly(url: string): Fault {
  const role = `bf_ro_${randomBytes(5).toString('hex')}`;
  return {
    name: 'PostgreSQL read-only (default_transaction_read_only)',
    reason: 'read_only',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin(url, async (c) => {
        await c.query(`create role ${role} login`);
        await c.query(`create schema ${schema} authorization ${role}`);
      });
      const asRole = new URL(url);
      asRole.username = role;
      asRole.password = '';
      const store = openStore({ databaseUrl: asRole.toString(), dataDir: tmpdir(), poolSize: POOL, pgSchema: schema });
      await migrateToLatest(store);
      return {
        ...store,
        close: async () => {
          await store.close();
          await admin(url, async (c) => {
            await c.query(`drop schema if exists ${schema} cascade`);
            await c.query(`drop role if exists ${role}`);
          });
        },
      };
    },
    async on(rt) {
      await admin(url, (c) => c.query(`alter role ${role} set default_transaction_read_only = on`));
      await onEverySession(rt.store, 'set default_transaction_read_only = on');
    },
    async off(rt) {
      await admin(url, (c) => c.query(`alter role ${role} reset default_transaction_read_only`));
      await onEverySession(rt.store, 'set default_transaction_read_only = off');
    },
  };
}

const WRITTEN_TABLES = ['users', 'sessions', 'audit_events', 'instance_settings'];

function pgDiskFull(): Fault {
  return {
    name: 'PostgreSQL disk full (SQLSTATE 53100)',
    reason: 'disk_full',
    open: () => storeTargets().find((t) => t.name === 'postgres')!.open(),
    async on(rt) {
      await sql
        .raw(
          `create function bf_no_space() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$`,
        )
        .execute(rt.store.db);
      for (const t of WRITTEN_TABLES) {
        await sql.raw(`create trigger bf_no_space before insert or update or delete on ${t} for each statement execute function bf_no_space()`).execute(rt.store.db);
      }
    },
    async off(rt) {
      for (const t of WRITTEN_TABLES) await sql.raw(`drop trigger bf_no_space on ${t}`).execute(rt.store.db);
      await sql.raw('drop function bf_no_space()').execute(rt.store.db);
    },
  };
}

const faults: Fault[] = [sqliteFull, sqliteReadOnly, ...(TEST_DATABASE_URL ? [pgReadOnly(TEST_DATABASE_URL), pgDiskFull()] : [])];

let opened: { rt: TestRuntime; app: App }[] = [];
afterEach(async () => {
  for (const o of opened) {
    await o.app.close();
    await o.rt.close();
  }
  opened = [];
});

for (const fault of faults) {
  describe(fault.name, () => {
    it(`a write answers 503 STORE_UNAVAILABLE (${fault.reason}) and changes nothing; reads work; /readyz is not ready until the fault clears`, async () => {
      const clock = new ManualClock();
      const rt = await testRuntime({ store: await fault.open(), clock });
      const app = await buildApp(rt);
      opened.push({ rt, app });
      const member = await createMember(rt, { role: 'owner' });
      const mine = await signIn(app, member);
      const other = await signIn(app, member);
      const readyz = () => app.inject({ method: 'GET', url: '/readyz' });
      const changePassword = () =>
        app.inject({ method: 'POST', url: '/v1/me/password', headers: mine.headers, payload: { current_password: member.password, new_password: 'a brand new passphrase' } });
      const stored = async () => ({
        hash: (await rt.store.db.selectFrom('users').select('password_hash').where('id', '=', member.userId).executeTakeFirstOrThrow()).password_hash,
        sessions: (await rt.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', member.userId).orderBy('id_hash').execute()).map((s) => s.id_hash),
      });
      expect((await readyz()).json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, writes: true } });
      const before = await stored();

      await fault.on(rt);
      // Long enough that the next request would record activity on its session.
      clock.advance(5 * 60_000);
      const refused = await changePassword();
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('30');
      const body = refused.json();
      expect(body).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/retry later$/), details: { reason: fault.reason } } });
      expect(refused.body).not.toMatch(/SQLITE|sqlite|at \/|\.ts:|stack|53100|25006|trigger|No space/);
      expect(rt.logs.text()).toContain('database cannot take writes');

      // GraphQL maps the same failure the same way: a 503 with the code, no internals.
      const gql = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: mine.headers,
        payload: { query: 'mutation ($id: ID!) { renameAccount(id: $id, name: "Renamed") { id } }', variables: { id: member.accountId } },
      });
      // An error in an executed field answers 200 with the error (GraphQL over HTTP), not a 5xx.
      expect(gql.json().errors[0].extensions).toMatchObject({ code: 'STORE_UNAVAILABLE', retryAfter: 30 });
      expect(gql.body).not.toMatch(/SQLITE|sqlite|at \/|\.ts:|stack|53100|25006|trigger|No space/);

      // Reading goes on: the session is still accepted although its activity cannot be recorded.
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: other.headers })).statusCode).toBe(200);

      const notReady = await readyz();
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toEqual({ status: 'not_ready', checks: { database: true, migrations: true, writes: false }, write_failure: fault.reason });
      // It stays not ready while the fault lasts.
      expect((await readyz()).statusCode).toBe(503);

      await fault.off(rt);
      expect(await stored()).toEqual(before);
      const ready = await readyz();
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, writes: true } });
      expect((await changePassword()).statusCode).toBe(204);
      expect((await stored()).hash).not.toBe(before.hash);
    });
  });
}
