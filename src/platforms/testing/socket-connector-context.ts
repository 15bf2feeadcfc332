/**
 * A ConnectorContext for driving a socket connector (Twitch EventSub, Trovo chat) in a test: every
 * `emit` call is recorded as made (no deduplication, so a test sees duplicates), as are states and
 * the cursor; `tokenRejected` asks the test for a new token; `until(check)` waits for what the
 * connector does next, without timing anything.
 */
import type { ConnectorContext, ConnectorState, EventSource, IncomingEvent } from '../event-types.ts';

export interface SocketTestContext extends ConnectorContext {
  readonly emitted: { source: EventSource; event: IncomingEvent }[];
  readonly states: ConnectorState[];
  readonly abort: AbortController;
  cursorValue: string | null;
  tokenRejections: number;
  /** Resolves once `check()` holds (checked after every emit, state and cursor change). */
  until(check: () => boolean): Promise<void>;
}

export interface SocketTestContextOptions {
  baseUrls: Record<string, string>;
  channel: ConnectorContext['channel'];
  credentials?: ConnectorContext['credentials'];
  token: string;
  /** Called on `tokenRejected()`: the refreshed token. */
  refresh?: () => string;
  cursor?: string | null;
}

export function socketTestContext(options: SocketTestContextOptions): SocketTestContext {
  const abort = new AbortController();
  let token = options.token;
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const poke = () => {
    for (const w of [...waiters]) {
      if (w.check()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const ctx: SocketTestContext = {
    signal: abort.signal,
    abort,
    integrationId: 'int_test',
    accountId: 'acc_test',
    credentials: options.credentials ?? { clientId: 'twitch-test-client', clientSecret: 'twitch-test-secret' },
    channel: options.channel,
    baseUrls: options.baseUrls,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    emitted: [],
    states: [],
    cursorValue: options.cursor ?? null,
    tokenRejections: 0,
    accessToken: async () => token,
    async tokenRejected() {
      ctx.tokenRejections++;
      token = options.refresh ? options.refresh() : token;
      return token;
    },
    async emit(source, events) {
      for (const event of events) ctx.emitted.push({ source, event });
      poke();
    },
    setState(s) {
      ctx.states.push(s);
      poke();
    },
    cursor: {
      get: async () => ctx.cursorValue,
      async set(v) {
        ctx.cursorValue = v;
        poke();
      },
    },
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        abort.signal.addEventListener('abort', () => (clearTimeout(t), reject(abort.signal.reason)), { once: true });
      }),
    until: (check) =>
      new Promise<void>((resolve) => {
        if (check()) return resolve();
        waiters.push({ check, resolve });
      }),
  };
  return ctx;
}
