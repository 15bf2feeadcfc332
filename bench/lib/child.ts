/**
 * Every server of a benchmark runs in its own process (Bifrost, each baseline, each fake), so none
 * shares an event loop with another or with the load generator. A child prints `READY <json>` once
 * it listens; SIGTERM stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
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
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
