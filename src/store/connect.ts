/**
 * Opening the store at start-up: the database must answer before anything else happens, and when it
 * does not, the operator gets one line saying which database and why ("cannot reach PostgreSQL at
 * db:5432/bifrost: connection refused"), never the password. `--wait-for-db` retries with backoff
 * for orchestrated start-ups where Bifrost and PostgreSQL come up together.
 */
import { sql } from 'kysely';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { EXIT_DATABASE, StartupError } from '../errors/startup-error.ts';
import { openStore, type OpenStoreOptions, type Store } from './db.ts';

export interface ConnectOptions extends OpenStoreOptions {
  /** Milliseconds to keep retrying an unreachable PostgreSQL; 0 tries once. */
  waitMs?: number;
  log: Pick<Logger, 'warn'>;
  /** Injected by tests: how a store is opened, how time passes. */
  open?: (options: OpenStoreOptions) => Store;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/** Words for the system errors a connection or file open ends with. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a path component is not a directory',
};

/** "PostgreSQL at host:port/db" or "the SQLite database at path": which database, without credentials. */
export function databaseTarget(options: OpenStoreOptions): string {
  if (!options.databaseUrl) return `the SQLite database at ${options.sqliteFile ?? join(options.dataDir, 'bifrost.db')}`;
  try {
    const url = new URL(options.databaseUrl);
    const db = url.pathname.length > 1 ? url.pathname : '';
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${db}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL does not parse as a URL)';
  }
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] };
  // Connecting to a name with several addresses fails with an AggregateError of per-address errors.
  const code = e?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why the database did not answer, in words, with every credential in the URL masked. */
export function describeDatabaseError(err: unknown, databaseUrl?: string): string {
  const code = errorCode(err);
  const message = String((err as Error)?.message ?? err);
  let text = code && ERRNO_WORDS[code] ? ERRNO_WORDS[code] : /timeout|timed out/i.test(message) ? 'connection timed out' : message || 'unknown error';
  if (databaseUrl) {
    const secrets = [databaseUrl];
    try {
      const url = new URL(databaseUrl);
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
    } catch {
      // an unparsable URL is masked whole
    }
    for (const secret of secrets) text = text.split(secret).join('********');
  }
  return text;
}

/** Worth waiting for: a server not (yet) listening or starting up, not a wrong password or database name. */
function retryable(err: unknown): boolean {
  const code = errorCode(err);
  return !(code && /^(28|3D)/.test(code));
}

async function openAndPing(options: ConnectOptions): Promise<Store> {
  const store = (options.open ?? openStore)(options);
  try {
    await sql`select 1`.execute(store.db);
    return store;
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

/** Opens the store and waits for one answer from it; throws a StartupError (exit 3) when it never comes. */
export async function connectStore(options: ConnectOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const target = databaseTarget(options);
  // SQLite is a local file: waiting does not make it appear.
  const deadline = clock.now() + (options.databaseUrl ? (options.waitMs ?? 0) : 0);
  let delay = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await openAndPing(options);
    } catch (err) {
      const line = `cannot ${options.databaseUrl ? 'reach' : 'open'} ${target}: ${describeDatabaseError(err, options.databaseUrl)}`;
      const left = deadline - clock.now();
      if (left <= 0 || !retryable(err)) throw new StartupError(EXIT_DATABASE, line, { cause: err });
      const wait = Math.min(delay, left);
      options.log.warn({ attempt, retry_in_ms: wait }, `${line}; retrying in ${(wait / 1000).toFixed(2).replace(/\.?0+$/, '')}s`);
      await sleep(wait);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }
}
