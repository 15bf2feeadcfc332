/** `bifrost admin create` as a user runs it: the password comes from stdin (never argv) and the admin can sign in. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/db.ts';
import { verifyPassword } from '../../accounts/passwords.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'bifrost');

function run(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('bifrost admin create', () => {
  it('creates an instance admin with their own account from a password on stdin; refuses weak passwords and taken names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-admin-'));
    const weak = run(['admin', 'create', '--username', 'boss', '--data-dir', dataDir], 'password1\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password: is a commonly used password/);

    // The configured public URL (here with its port) is where the sign-in link points.
    const ok = run(['admin', 'create', '--username', 'Boss', '--account-name', 'Main channel', '--data-dir', dataDir], 'correct horse battery staple\n', { SERVER_PUBLIC_URL: 'https://stream-pc.example:9443' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/created instance admin "boss" \(usr_[^)]+\), owner of "Main channel" \(acc_[^)]+\)/);
    expect(ok.stdout + ok.stderr).not.toContain('correct horse');
    expect(ok.stdout).toContain('sign in at https://stream-pc.example:9443/dashboard');

    const taken = run(['admin', 'create', '--username', 'boss', '--data-dir', dataDir], 'another good passphrase\n');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/username: "boss" is taken/);

    const store = openStore({ dataDir });
    try {
      const user = await store.db.selectFrom('users').selectAll().where('username', '=', 'boss').executeTakeFirstOrThrow();
      expect(user.is_instance_admin).toBe(1);
      expect(await verifyPassword(user.password_hash, 'correct horse battery staple')).toBe(true);
      const membership = await store.db.selectFrom('memberships').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(membership.role).toBe('owner');
    } finally {
      await store.close();
    }
  });

  it('has no way to pass the password as an argument', () => {
    const r = run(['admin', 'create', '--help'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--username');
    expect(r.stdout).not.toMatch(/--password/);
  });
});
