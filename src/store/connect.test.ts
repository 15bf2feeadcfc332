/**
 * Start-up's database connection: an unreachable PostgreSQL is named without its password, a wait
 * retries with backoff (each retry logged once) and uses a database that comes up meanwhile, and a
 * wrong password is not waited for. Time and the connector are injected; the real CLI on a closed
 * port is in test/startup.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { ManualClock } from '../clock.ts';
import { expectStartupError } from '../../test/support/startup-error.ts';
import { connectStore, databaseTarget, describeDatabaseError } from './connect.ts';
import { openStore } from './db.ts';
import { loadConfig } from '../config/load.ts';
import { TEST_DATABASE_URL } from '../../test/support/stores.ts';

const URL_WITH_PASSWORD = 'postgres://bifrost:pa55-CANARY@db.internal:6543/bifrost';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6543'), { code: 'ECONNREFUSED' });
}

function harness(failures: (attempt: number) => Error | undefined) {
  const clock = new ManualClock(0);
  const sleeps: number[] = [];
  const warnings: string[] = [];
  let attempts = 0;
  return {
    sleeps,
    warnings,
    attempts: () => attempts,
    options: (waitSeconds: number) => ({
      databaseUrl: URL_WITH_PASSWORD,
      dataDir: '/nonexistent',
      waitMs: waitSeconds * 1000,
      clock,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      log: { warn: (_o: unknown, msg?: string) => warnings.push(String(msg)) },
      open: () => {
        attempts += 1;
        const err = failures(attempts);
        if (err) throw err;
        return openStore({ dataDir: '/nonexistent', sqliteFile: ':memory:' });
      },
    }),
  };
}

describe('connectStore', () => {
  it('without a wait, tries once and names the database and the reason, never the password', async () => {
    const h = harness(() => refused());
    const err = await expectStartupError(connectStore(h.options(0)));
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe('cannot reach PostgreSQL at db.internal:6543/bifrost: connection refused');
    expect(h.attempts()).toBe(1);
    expect(h.warnings).toEqual([]);
  });

  it('retries with doubling delays until the wait is over, logging each retry once, then gives up with the same line', async () => {
    const h = harness(() => refused());
    const err = await expectStartupError(connectStore(h.options(5)));
    expect(err.message).toBe('cannot reach PostgreSQL at db.internal:6543/bifrost: connection refused');
    // 250 + 500 + 1000 + 2000 = 3750 ms, then the last 1250 ms of the 5 s, then one final try.
    expect(h.sleeps).toEqual([250, 500, 1000, 2000, 1250]);
    expect(h.attempts()).toBe(6);
    expect(h.warnings).toHaveLength(5);
    expect(h.warnings[0]).toBe('cannot reach PostgreSQL at db.internal:6543/bifrost: connection refused; retrying in 0.25s');
    expect(h.warnings.join('\n')).not.toContain('CANARY');
  });

  it('uses a database that comes up during the wait', async () => {
    const h = harness((attempt) => (attempt <= 3 ? refused() : undefined));
    const store = await connectStore(h.options(30));
    try {
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]!.one).toBe(1);
    } finally {
      await store.close();
    }
    expect(h.attempts()).toBe(4);
    expect(h.sleeps).toEqual([250, 500, 1000]);
  });

  it('does not wait out a wrong password or a missing database', async () => {
    for (const code of ['28P01', '3D000']) {
      const h = harness(() => Object.assign(new Error('password authentication failed for user "bifrost"'), { code }));
      const err = await expectStartupError(connectStore(h.options(30)));
      expect(err.message).toBe('cannot reach PostgreSQL at db.internal:6543/bifrost: password authentication failed for user "bifrost"');
      expect(h.attempts()).toBe(1);
    }
  });

  it('masks the URL and its password wherever an error message repeats them', () => {
    const echo = new Error(`could not connect with ${URL_WITH_PASSWORD} (password pa55-CANARY)`);
    const text = describeDatabaseError(echo, URL_WITH_PASSWORD);
    expect(text).not.toContain('CANARY');
    expect(text).toBe('could not connect with ******** (password ********)');
    expect(describeDatabaseError(Object.assign(new AggregateError([refused()]), { message: '' }))).toBe('connection refused');
    expect(describeDatabaseError(new Error('timeout expired'))).toBe('connection timed out');
  });

  it('describes each database without credentials', () => {
    expect(databaseTarget({ databaseUrl: URL_WITH_PASSWORD, dataDir: 'x' })).toBe('PostgreSQL at db.internal:6543/bifrost');
    expect(databaseTarget({ databaseUrl: 'postgres://u:p@localhost', dataDir: 'x' })).toBe('PostgreSQL at localhost:5432');
    expect(databaseTarget({ dataDir: '/srv/data' })).toBe('the SQLite database at /srv/data/bifrost.db');
  });

  it('reports a SQLite file it cannot open, without waiting', async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), 'bifrost-connect-')), 'plain-file');
    writeFileSync(notADir, '');
    const err = await expectStartupError(connectStore({ dataDir: join(notADir, 'data'), waitMs: 30_000, log: { warn: () => {} } }));
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe(`cannot open the SQLite database at ${join(notADir, 'data', 'bifrost.db')}: a path component is not a directory`);
  });
});

describe('database.wait', () => {
  it('defaults to no wait and reads BIFROST_WAIT_FOR_DB and --wait-for-db (the flag winning)', () => {
    expect(loadConfig({ env: {} }).database.wait).toBe(0);
    expect(loadConfig({ env: { BIFROST_WAIT_FOR_DB: '2m' } }).database.wait).toBe(120_000);
    expect(loadConfig({ env: { BIFROST_WAIT_FOR_DB: '2m' }, flags: { waitForDb: '0' } }).database.wait).toBe(0);
    expect(loadConfig({ env: {}, flags: { waitForDb: '1.5s' } }).database.wait).toBe(1500);
    expect(() => loadConfig({ env: { BIFROST_WAIT_FOR_DB: '-5' } })).toThrow(/database\.wait \(from BIFROST_WAIT_FOR_DB\): must be 0/);
  });
});

describe.runIf(TEST_DATABASE_URL)('connectStore against a real PostgreSQL that starts listening late', () => {
  it('the pool reaches it once a listener appears on the port, during the wait', async () => {
    const target = new URL(TEST_DATABASE_URL!);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const proxied = new URL(TEST_DATABASE_URL!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);

    // A TCP proxy to the real server, started after the first refused attempt.
    let proxy: Server | undefined;
    const startProxy = () =>
      new Promise<void>((resolve) => {
        proxy = createServer((client) => {
          const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
          client.pipe(upstream).pipe(client);
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
        }).listen(port, '127.0.0.1', () => resolve());
      });
    const warnings: string[] = [];
    const store = await connectStore({
      databaseUrl: proxied.toString(),
      dataDir: '/nonexistent',
      pgSchema: schema,
      poolSize: 1,
      waitMs: 30_000,
      log: { warn: (_o: unknown, msg?: string) => warnings.push(String(msg)) },
      sleep: async (ms) => {
        if (!proxy) await startProxy();
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    try {
      expect(warnings[0]).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/\w+: connection refused; retrying in 0\.25s$/);
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]!.one).toBe(1);
    } finally {
      await store.close();
      await new Promise((r) => proxy?.close(r));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
