/**
 * SQLite WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * takes the WAL past 1,000 pages: on better-sqlite3 that is the main thread copying pages into the
 * database file and fsyncing it, several milliseconds in which no request is answered (bench/README.md:
 * it was about 4 ms of the chat send's p99). The automatic checkpoint is turned off on the main
 * connection; once the WAL has grown past that size, a worker thread with a connection of its own
 * checkpoints every second (PASSIVE: it never waits for, or blocks, a writer). If the worker fails,
 * the automatic checkpoint is turned back on, so the WAL never grows without bound.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's own default: a checkpoint once the WAL holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

// Plain JavaScript run as the worker (eval: true), so it needs no file of its own in the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ failed: String((err && err.code) || err) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  file: string;
  /** better-sqlite3's entry module, resolved by the caller (the worker's require has no base of its own). */
  module: string;
  nativeBinding?: string | undefined;
  /** How often the WAL size is looked at and, once the worker runs, how often it checkpoints. */
  intervalMs?: number;
  /** Told when the worker failed and the automatic checkpoint is back. */
  onFailure?: (reason: string) => void;
}

export interface Checkpointer {
  /** Whether the worker has been started (the WAL grew past the automatic checkpoint's size). */
  readonly running: boolean;
  /** A last checkpoint, then the worker's connection closed. */
  close(): Promise<void>;
}

export function startCheckpointer(database: BetterSqlite3.Database, options: CheckpointerOptions): Checkpointer {
  const intervalMs = options.intervalMs ?? 1000;
  const pageSize = Number(database.pragma('page_size', { simple: true }));
  const threshold = AUTO_CHECKPOINT_PAGES * pageSize;
  database.pragma('wal_autocheckpoint = 0');
  let worker: Worker | undefined;
  let fellBack = false;

  const fallBack = (reason: string): void => {
    if (fellBack) return;
    fellBack = true;
    worker = undefined;
    // The main connection may be closed already (shutdown): then there is nothing left to checkpoint.
    if (database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    options.onFailure?.(reason);
  };

  const start = (): void => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: options.file, module: options.module, nativeBinding: options.nativeBinding, intervalMs } });
    w.unref();
    w.on('message', (m: { failed?: string }) => {
      if (m.failed) fallBack(`checkpoint failed: ${m.failed}`);
    });
    w.on('error', (err) => fallBack(`checkpoint worker failed: ${err.name}`));
    w.on('exit', () => {
      if (worker === w) fallBack('checkpoint worker exited');
    });
    worker = w;
  };

  const watch = setInterval(() => {
    let size = 0;
    try {
      size = statSync(`${options.file}-wal`).size;
    } catch {
      return;
    }
    if (size >= threshold) {
      clearInterval(watch);
      start();
    }
  }, intervalMs);
  watch.unref();

  return {
    get running() {
      return worker !== undefined;
    },
    async close() {
      clearInterval(watch);
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('close');
      const timeout = setTimeout(() => void w.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
