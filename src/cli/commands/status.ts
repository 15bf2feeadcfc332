/** `bifrost status`: each integration's health as a table (or JSON), read from the configured store. */
import type { Command } from 'commander';
import { commandStore, configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';
import type { IntegrationHealth } from '../../health/integration-report.ts';

/** "2h 05m", "3d 4h", "45s": the largest two units, for a person reading a table. */
export function span(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function expiresIn(row: IntegrationHealth, now: number): string {
  const left = row.tokenExpiresAt - now;
  return left > 0 ? span(left) : `expired ${span(left)} ago`;
}

function lastRefresh(row: IntegrationHealth, now: number): string {
  if (row.lastResult !== null && row.lastResult !== 'ok' && row.lastAttemptAt !== null) {
    return `${row.lastResult} ${span(now - row.lastAttemptAt)} ago${row.lastError ? `: ${row.lastError}` : ''}`;
  }
  return row.lastRefreshedAt === null ? 'never' : `ok ${span(now - row.lastRefreshedAt)} ago`;
}

/**
 * Columns padded to their widest cell. Written here because it is a dozen lines and the well-known
 * table libraries are not among Bifrost's dependencies (cli-progress is, for bars only).
 */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function statusLines(report: IntegrationHealth[], now: number): string[] {
  if (report.length === 0) return ['no integrations are connected'];
  const rows = report.map((r) => [
    r.platform,
    r.kind,
    r.account ?? '(instance)',
    r.username,
    r.reason ? `${r.state} (${r.reason})` : r.state,
    expiresIn(r, now),
    lastRefresh(r, now),
  ]);
  return table(['PLATFORM', 'KIND', 'ACCOUNT', 'USERNAME', 'STATE', 'EXPIRES IN', 'LAST REFRESH / ERROR'], rows);
}

export function registerStatus(program: Command, io: CliIo): void {
  configFlags(program.command('status').description("print each integration's health: state, token expiry, last refresh or error (reads the database, needs no keys)"))
    .option('--json', 'print one JSON array instead of a table (times in epoch ms)')
    .action(async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      const store = await commandStore(config);
      try {
        const { integrationHealthReport } = await import('../../health/integration-report.ts');
        let report: IntegrationHealth[];
        try {
          report = await integrationHealthReport(store.db);
        } catch (err) {
          // A database Bifrost never started on has no tables yet: say so instead of printing SQL.
          if (/no such table|does not exist/i.test(String((err as Error).message))) {
            io.err(`bifrost: ${store.description} holds no Bifrost tables yet; run \`bifrost migrate\` or start \`bifrost serve\` once`);
            return io.exit(1);
          }
          throw err;
        }
        if (flags.json) io.out(JSON.stringify(report, null, 2));
        else for (const line of statusLines(report, Date.now())) io.out(line);
      } finally {
        await store.close();
      }
    });
}
