/**
 * The schema-scoped introspector of a PostgreSQL store with its own schema: it lists that schema's
 * tables and columns and nothing of other schemas, so the migrator's "do my tables exist" never reads
 * (and never trips over) a schema another process is dropping.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { TEST_DATABASE_URL } from '../../test/support/stores.ts';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store with its own schema', () => {
  const mine = `t_intro_${randomBytes(4).toString('hex')}`;
  const other = `t_other_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let store: Store;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${mine}; create schema ${other}; create table ${other}.sessions (x int)`);
    store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 2, pgSchema: mine });
  });
  afterAll(async () => {
    await store?.close();
    await admin.query(`drop schema if exists ${mine} cascade; drop schema if exists ${other} cascade`);
    await admin.end();
  });

  it('migrates, and introspects its own schema only, with columns, the migrator\'s tables on request', async () => {
    await migrateToLatest(store);
    const introspection = store.db.introspection;
    expect(await introspection.getSchemas()).toEqual([{ name: mine }]);
    const tables = await introspection.getTables();
    expect(tables.every((t) => t.schema === mine)).toBe(true);
    const sessions = tables.find((t) => t.name === 'sessions')!;
    expect(sessions.columns.find((c) => c.name === 'id_hash')).toMatchObject({ dataType: 'text', isNullable: false });
    expect(tables.map((t) => t.name)).not.toContain('kysely_migration');
    expect((await introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name)).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']));
  });

  // Kysely's own introspector failed about once in 60 reads under this churn; a race, so a miss here
  // is likely, not certain, to show a regression.
  it('keeps working while other schemas are created and dropped under it', async () => {
    const churn = (async () => {
      for (let i = 0; i < 40; i++) {
        const name = `t_churn_${randomBytes(4).toString('hex')}`;
        await admin.query(`create schema ${name}; create table ${name}.t (a serial, b text); drop schema ${name} cascade`);
      }
    })();
    const reads = (async () => {
      for (let i = 0; i < 40; i++) await store.db.introspection.getTables({ withInternalKyselyTables: true });
    })();
    await Promise.all([churn, reads]);
  });
});
