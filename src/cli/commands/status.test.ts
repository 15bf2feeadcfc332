/**
 * `bifrost status` as a user runs it (`bin/bifrost status` in a child process) against a real store:
 * SQLite in a data dir, and PostgreSQL (when TEST_DATABASE_URL is set) in a fresh schema.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../store/db.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { TEST_DATABASE_URL } from '../../../test/support/stores.ts';
import { span } from './status.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'bifrost');
const CANARY = 'CANARY-status-5ecret';

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 });
}

interface Target {
  name: string;
  store: Store;
  /** Arguments and environment that make `bifrost status` read this store. */
  args: string[];
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function sqlite(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bifrost-status-'));
  const store = openStore({ dataDir: dir });
  return { name: 'sqlite', store, args: ['--data-dir', dir], env: {}, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgres(url: string): Promise<Target> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore({ databaseUrl: url, dataDir: tmpdir(), pgSchema: schema });
  // The CLI has no schema setting; PostgreSQL's own connection option puts it on the search path.
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    store,
    args: ['--data-dir', mkdtempSync(join(tmpdir(), 'bifrost-status-'))],
    env: { DATABASE_URL: scoped.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

async function seed(store: Store, now: number): Promise<void> {
  await store.db.insertInto('accounts').values({ id: 'acc_status', name: 'Main channel', created_at: now, updated_at: now }).execute();
  const base = {
    platform_user_id: 'u1',
    display_name: 'x',
    scopes: '[]',
    client_id: 'client',
    access_token_enc: CANARY,
    refresh_token_enc: CANARY,
    status_reason: null,
    has_verified_bot_badge: 0,
    is_verified_bot: 0,
    is_active: 1,
    is_default_bot: 0,
    connected_at: now - 86_400_000,
    updated_at: now,
    token_version: 1,
  };
  await store.db
    .insertInto('integrations')
    .values([
      { ...base, id: 'int_ch', account_id: 'acc_status', platform: 'twitch', integration_type: 'channel', bot_identifier: null, platform_username: 'streamer', token_expires_at: now + 2 * 3_600_000 + 5 * 60_000 + 30_000, status: 'active', last_refreshed_at: now - 12 * 60_000, last_refresh_attempt_at: now - 12 * 60_000, last_refresh_result: 'ok' },
      { ...base, id: 'int_bot', account_id: 'acc_status', platform: 'twitch', integration_type: 'bot', bot_identifier: 'helper', platform_username: 'helperbot', token_expires_at: now - 3 * 60_000 - 30_000, status: 'needs_reauth', status_reason: 'invalid_grant', last_refreshed_at: null, last_refresh_attempt_at: now - 65_000, last_refresh_result: 'invalid_grant', last_refresh_error: 'oauth invalid_grant' },
      { ...base, id: 'int_glob', account_id: null, platform: 'kick', integration_type: 'bot', bot_identifier: 'global', platform_username: 'globalbot', token_expires_at: now + 3 * 86_400_000 + 3_600_000 * 4 + 60_000, status: 'degraded', last_refreshed_at: null, last_refresh_attempt_at: null, last_refresh_result: null },
    ])
    .execute();
}

const targets: [string, () => Promise<Target>][] = [['sqlite', sqlite]];
if (TEST_DATABASE_URL) targets.push(['postgres', () => postgres(TEST_DATABASE_URL!)]);

describe('bifrost status', () => {
  it('writes spans a person reads at a glance', () => {
    expect([span(45_000), span(125_000), span(2 * 3_600_000 + 5 * 60_000), span(3 * 86_400_000 + 4 * 3_600_000)]).toEqual(['45s', '2m 05s', '2h 05m', '3d 4h']);
  });

  for (const [name, open] of targets) {
    it(`prints every integration's health as a table and as JSON (${name})`, async () => {
      const t = await open();
      try {
        const empty = run(['status', ...t.args], t.env);
        expect(empty.status).toBe(1);
        expect(empty.stderr).toMatch(/holds no Bifrost tables yet; run `bifrost migrate`/);

        await migrateToLatest(t.store);
        const none = run(['status', ...t.args], t.env);
        expect(none.stdout.trim()).toBe('no integrations are connected');

        await seed(t.store, Date.now());
        const r = run(['status', ...t.args], t.env);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^PLATFORM\s+KIND\s+ACCOUNT\s+USERNAME\s+STATE\s+EXPIRES IN\s+LAST REFRESH \/ ERROR$/);
        expect(lines[1]).toMatch(/^-+( +-+){6}$/);
        // Ordered by platform, channel before bots; columns aligned under the header.
        expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
          ['kick', 'global bot', '(instance)', 'globalbot', 'degraded', expect.stringMatching(/^3d 4h$/), 'never'],
          ['twitch', 'channel', 'Main channel', 'streamer', 'active', expect.stringMatching(/^2h 0[45]m$/), expect.stringMatching(/^ok 1[12]m \d\ds ago$/)],
          ['twitch', 'bot:helper', 'Main channel', 'helperbot', 'needs_reauth (invalid_grant)', expect.stringMatching(/^expired 3m \d\ds ago$/), expect.stringMatching(/^invalid_grant 1m \d\ds ago: oauth invalid_grant$/)],
        ]);
        const stateColumn = lines[0]!.indexOf('STATE');
        for (const line of lines.slice(2)) expect(line.slice(stateColumn - 2, stateColumn)).toBe('  ');
        expect(r.stdout).not.toContain(CANARY);

        const json = run(['status', '--json', ...t.args], t.env);
        const report = JSON.parse(json.stdout) as { id: string; state: string; kind: string }[];
        expect(report.map((x) => [x.id, x.kind, x.state])).toEqual([
          ['int_glob', 'global bot', 'degraded'],
          ['int_ch', 'channel', 'active'],
          ['int_bot', 'bot:helper', 'needs_reauth'],
        ]);
        expect(json.stdout).not.toContain(CANARY);
      } finally {
        await t.store.close();
        await t.drop();
      }
    }, 120_000);
  }
});
