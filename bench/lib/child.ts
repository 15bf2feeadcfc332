/**
 * Every server of a benchmark runs in its own process (Bifrost, each baseline, each fake), so none
 * shares an event loop with another or with the load generator. A child prints `READY <json>` once
 * it listens; SIGTERM stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
  /**
   * CPU time the child has used so far (user + system, µs), from /proc on Linux; NaN elsewhere.
   * On a shared machine a server's CPU per request moves far less than its throughput does.
   */
  cpuMicros(): number;
}

/**
 * The CPU time in µs of a /proc stat line: by default utime + stime (fields 14 and 15); `first` 13
 * gives cutime + cstime, the time of finished children waited for. Fields count from after the
 * command's closing parenthesis; Linux ticks are 10 ms.
 */
export function statCpuMicros(stat: string, first = 11): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[first]) + Number(fields[first + 1])) * 10_000;
}

/** utime + stime of a process in µs; NaN where /proc is missing. */
function cpuMicrosOf(pid: number | undefined): number {
  try {
    return statCpuMicros(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

/** `nodeArgs` go before the script (say `--cpu-prof` to profile the child). */
export async function startChild<T>(script: string, env: Record<string, string | undefined> = {}, nodeArgs: readonly string[] = []): Promise<Child<T>> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let ready = false;
  const info = await new Promise<T>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return; // log lines after start are drained, not kept
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        ready = true;
        resolve(JSON.parse(line.slice(6)) as T);
      }
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${script} exited (${code}) before it was ready: ${out.slice(-2000)}`));
    });
  });
  return {
    info,
    process: child,
    cpuMicros: () => cpuMicrosOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
