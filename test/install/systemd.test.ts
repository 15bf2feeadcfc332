/**
 * deploy/bifrost.service, and the template unit for several instances in docs/deployment.md, pass
 * `systemd-analyze verify` with no warning (unknown keys, bad values, a missing executable). ExecStart is pointed at this checkout's bin/bifrost, since /usr/local/bin
 * holds no installed Bifrost here. Without systemd-analyze (not a systemd system) the check cannot
 * run; it then says so instead of passing silently.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const UNIT = readFileSync(join(ROOT, 'deploy', 'bifrost.service'), 'utf8');
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;
if (!analyze) process.stdout.write('[bifrost] deploy/bifrost.service not verified: systemd-analyze is not installed (Debian: apt-get install systemd)\n');

const DOCS = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');

function verify(text: string, name = 'bifrost.service'): { status: number | null; problems: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bifrost-unit-'));
  const file = join(dir, name);
  writeFileSync(file, text.replace(/^ExecStart=\/usr\/local\/bin\/bifrost /m, `ExecStart=${join(ROOT, 'bin', 'bifrost')} `));
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8', timeout: 60_000 });
  // Only lines about this unit: a container's own units may be reported too.
  const problems = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes(name)).join('\n');
  return { status: r.status, problems };
}

describe.runIf(analyze)('deploy/bifrost.service', () => {
  it('passes systemd-analyze verify without a warning', () => {
    expect(UNIT).toMatch(/^ExecStart=\/usr\/local\/bin\/bifrost serve$/m);
    const r = verify(UNIT);
    expect(r.problems).toBe('');
    expect(r.status).toBe(0);
  });

  it("docs/deployment.md's template unit for three instances passes too (as instance 8081)", () => {
    const template = /```ini\n([\s\S]*?)```/.exec(DOCS)?.[1];
    expect(template).toMatch(/^ExecStart=\/usr\/local\/bin\/bifrost serve --port %i /m);
    const r = verify(template!, 'bifrost@8081.service');
    expect(r.problems).toBe('');
    expect(r.status).toBe(0);
  });

  it('the check sees a mistake (an unknown key, a missing executable)', () => {
    expect(verify(UNIT.replace('RestartSec=5', 'RestartSecs=5')).problems).toMatch(/Unknown key 'RestartSecs'/);
    const missing = verify(UNIT.replace(/^ExecStart=.*$/m, 'ExecStart=/nonexistent/bifrost serve'));
    expect(missing.status).not.toBe(0);
    expect(missing.problems).toMatch(/not executable/);
  });
});
