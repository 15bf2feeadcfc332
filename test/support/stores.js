/**
 * The store matrix: every store suite runs once per database. SQLite always (a temp file, so WAL and
 * BEGIN IMMEDIATE behave as in production); PostgreSQL when TEST_DATABASE_URL is set, each store in a
 * fresh schema so runs never collide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
function sqliteTarget() {
    return {
        name: 'sqlite',
        async open(options = {}) {
            const dir = mkdtempSync(join(tmpdir(), 'bifrost-test-'));
            const store = openStore({ dataDir: dir });
            if (options.migrate !== false)
                await migrateToLatest(store);
            return {
                ...store,
                close: async () => {
                    await store.close();
                    rmSync(dir, { recursive: true, force: true });
                },
            };
        },
    };
}
function postgresTarget(url) {
    return {
        name: 'postgres',
        async open(options = {}) {
            const schema = `t_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: url });
            await admin.connect();
            await admin.query(`create schema ${schema}`);
            await admin.end();
            const store = openStore({ databaseUrl: url, dataDir: tmpdir(), poolSize: 12, pgSchema: schema });
            if (options.migrate !== false)
                await migrateToLatest(store);
            return {
                ...store,
                close: async () => {
                    await store.close();
                    const c = new pg.Client({ connectionString: url });
                    await c.connect();
                    await c.query(`drop schema if exists ${schema} cascade`);
                    await c.end();
                },
            };
        },
    };
}
/** The databases to run store suites on. */
export function storeTargets() {
    return TEST_DATABASE_URL ? [sqliteTarget(), postgresTarget(TEST_DATABASE_URL)] : [sqliteTarget()];
}
export const sqliteOnly = sqliteTarget;
//# sourceMappingURL=stores.js.map