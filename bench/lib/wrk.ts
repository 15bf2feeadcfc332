/**
 * Load from outside with wrk (Debian's `wrk`, one thread by default): a generator written in C that
 * far outruns a Node server on the same machine, so the figures measure the server, not the client.
 * A small Lua script sets the method, headers and body; `uniqueBody` puts a counter in each body
 * (platforms refuse the same chat text twice in a row).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** A JSON body; `{n}` in it is replaced by a per-request counter. */
  body?: string;
  seconds: number;
  connections: number;
  threads?: number;
  /** Request paths taken in turn, one per request (the URL's path is then only the first request's). */
  paths?: readonly string[];
  /** Each connection waits this long before each request (wrk's `delay`), pacing the load below saturation. */
  pauseMs?: number;
}

export interface WrkResult {
  rps: number;
  /** Responses received in the run. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses outside 2xx/3xx, and socket errors (connect, read, write, timeout). */
  non2xx: number;
  errors: number;
  /** Of `errors`, requests with no answer within wrk's 2 s timeout (slow, not failed). */
  timeouts: number;
}

function luaString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function script(options: WrkOptions, pathsFile?: string): string {
  const headers = Object.entries({ ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers })
    .map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`)
    .join('\n');
  const lines = [`wrk.method = ${luaString(options.method ?? 'GET')}`, headers];
  if (pathsFile) {
    // Many paths (say 100,000 integration ids) are read from a file rather than inlined in the script.
    lines.push('local paths = {}', `for line in io.lines(${luaString(pathsFile)}) do paths[#paths + 1] = line end`, 'local i = 0');
    lines.push('request = function()', '  i = i % #paths + 1', '  return wrk.format(nil, paths[i])', 'end');
  } else if (options.body?.includes('{n}')) {
    const [before, after] = options.body.split('{n}') as [string, string];
    lines.push('local n = 0', 'request = function()', '  n = n + 1', `  return wrk.format(nil, nil, nil, ${luaString(before)} .. n .. ${luaString(after)})`, 'end');
  } else if (options.body) lines.push(`wrk.body = ${luaString(options.body)}`);
  if (options.pauseMs) lines.push(`delay = function() return ${Math.round(options.pauseMs)} end`);
  return lines.join('\n') + '\n';
}

/** wrk prints latencies as `1.23ms`, `456.00us`, `1.01s`. */
function ms(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export async function wrk(options: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bifrost-wrk-'));
  const file = join(dir, 'req.lua');
  let pathsFile: string | undefined;
  if (options.paths) {
    pathsFile = join(dir, 'paths.txt');
    writeFileSync(pathsFile, options.paths.join('\n') + '\n');
  }
  writeFileSync(file, script(options, pathsFile));
  const args = ['-t', String(options.threads ?? 1), '-c', String(options.connections), '-d', `${options.seconds}s`, '--latency', '-s', file, options.url];
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  const p50 = /^\s+50%\s+(\S+)/m.exec(stdout)?.[1];
  const p99 = /^\s+99%\s+(\S+)/m.exec(stdout)?.[1];
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = sock ? sock.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const timeouts = sock ? Number(sock[4]) : 0;
  return { rps, requests, p50Ms: p50 ? ms(p50) : Number.NaN, p99Ms: p99 ? ms(p99) : Number.NaN, non2xx, errors, timeouts };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
