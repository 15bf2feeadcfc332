/**
 * The reconnect loop shared by the OBS and Streamer.bot links: open a session, report the state, wait
 * for it to close, back off with jitter (longer after a refused password), open again, until closed.
 */
import { backoffDelay } from '../../net/backoff.ts';
import type { LinkHooks, ToolAnswer, ToolConnectionState, ToolLink, ToolMessage } from './link.ts';

/** An open, identified session with the program. */
export interface Session {
  version: string;
  call(message: ToolMessage): Promise<ToolAnswer>;
  /** Resolves once the program or the network closed the session. */
  closed: Promise<{ reason: string }>;
  close(): void;
}

/** Why a session could not be opened. */
export class OpenFailure extends Error {
  constructor(
    readonly state: Extract<ToolConnectionState, 'auth_failed' | 'unreachable'>,
    message: string,
  ) {
    super(message);
  }
}

export type Opener = (ip: string, signal: AbortSignal) => Promise<Session>;

export function startLink(hooks: LinkHooks, open: Opener): ToolLink {
  let state: ToolConnectionState = 'connecting';
  let session: Session | undefined;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const abort = new AbortController();

  const report = (next: ToolConnectionState, reason: string | null, version: string | null) => {
    state = next;
    if (!stopped) hooks.onState(next, reason, version);
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  void (async () => {
    report('connecting', null, null);
    while (!stopped) {
      let authFailed = false;
      try {
        const where = await hooks.resolve();
        if ('refused' in where) throw new OpenFailure('unreachable', where.refused);
        const opened = await open(where.ip, abort.signal);
        if (stopped) {
          opened.close();
          break;
        }
        session = opened;
        failures = 0;
        report('connected', null, opened.version);
        const { reason } = await opened.closed;
        session = undefined;
        if (stopped) break;
        report('unreachable', reason, null);
      } catch (err) {
        session = undefined;
        if (stopped) break;
        const failure = err instanceof OpenFailure ? err : new OpenFailure('unreachable', err instanceof Error ? err.message : String(err));
        authFailed = failure.state === 'auth_failed';
        report(failure.state, failure.message, null);
      }
      failures += 1;
      // A refused password will not fix itself quickly: wait the longest; editing the tool restarts the link at once.
      const delay = authFailed ? hooks.backoff.capMs : backoffDelay(failures, hooks.backoff, hooks.random);
      await pause(delay);
    }
  })();

  return {
    get state() {
      return state;
    },
    async call(message) {
      if (!session) return { ok: false, kind: 'not_connected', state, reason: null };
      return session.call(message);
    },
    close() {
      stopped = true;
      abort.abort();
      clearTimeout(timer);
      wake?.();
      session?.close();
    },
  };
}
