/**
 * How far the V8 heap may grow between full collections, for the long-running commands (serve,
 * worker). By default V8 lets the old generation reach up to four times the heap that survived the
 * last full collection. A token server's garbage comes in bursts: a cold read caches a decrypted token
 * that outlives the young generation and is dropped seconds later. After 99,000 cold reads the heap
 * held about 100 MB of such garbage over 40 MB live, and RSS read 204-289 MB; with the heap growing by
 * half it read 170-191 MB (bench/README.md, RSS after cold reads). An operator's own
 * --heap-growing-percent (on node's command line or in NODE_OPTIONS) is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if ([...execArgv, nodeOptions].some((arg) => /heap[-_]growing[-_]percent/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
