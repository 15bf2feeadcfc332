/**
 * A ConnectorContext for driving one connector in a test: records what it emits (deduplicated by
 * source and source id, as the log does), its states and its cursor, and replaces `sleep` with a
 * hook that runs the test's next step (emit on the fake, go offline …) and aborts when the steps
 * run out.
 */
import type { ConnectorContext, ConnectorState, EventSource, IncomingEvent } from '../event-types.ts';

export interface TestConnectorContext extends ConnectorContext {
  readonly events: IncomingEvent[];
  readonly states: ConnectorState[];
  readonly sleeps: number[];
  readonly abort: AbortController;
  cursorValue: string | null;
  tokenRejections: number;
}

export interface TestContextOptions {
  baseUrls: Record<string, string>;
  channel?: ConnectorContext['channel'];
  token?: string;
  /** Token handed out after `tokenRejected()`. */
  refreshedToken?: string;
  cursor?: string | null;
  now?: () => number;
  /** Run on each `sleep`, in order; when none is left the context aborts. */
  steps?: ((ms: number) => void | Promise<void>)[];
  emit?: (source: EventSource, events: readonly IncomingEvent[]) => Promise<void>;
  publicUrl?: string;
  webhookSubscriptions?: ConnectorContext['webhookSubscriptions'];
}

export function testConnectorContext(options: TestContextOptions): TestConnectorContext {
  const abort = new AbortController();
  const steps = [...(options.steps ?? [])];
  const seen = new Set<string>();
  let token = options.token ?? 'test-access-token';
  const ctx: TestConnectorContext = {
    signal: abort.signal,
    abort,
    integrationId: 'int_test',
    accountId: 'acc_test',
    credentials: { clientId: 'test-client', clientSecret: 'test-secret' },
    channel: options.channel ?? { platformUserId: '1000', username: 'streamer' },
    baseUrls: options.baseUrls,
    publicUrl: options.publicUrl,
    webhookSubscriptions: options.webhookSubscriptions,
    fetch: (input, init) => fetch(input, init),
    now: options.now ?? Date.now,
    events: [],
    states: [],
    sleeps: [],
    cursorValue: options.cursor ?? null,
    tokenRejections: 0,
    accessToken: async () => token,
    async tokenRejected() {
      ctx.tokenRejections++;
      token = options.refreshedToken ?? token;
      return token;
    },
    async emit(source, events) {
      if (options.emit) await options.emit(source, events);
      for (const e of events) {
        const key = `${source}\u0000${e.sourceId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.events.push(e);
      }
    },
    setState: (s) => void ctx.states.push(s),
    cursor: {
      get: async () => ctx.cursorValue,
      set: async (v) => void (ctx.cursorValue = v),
    },
    async sleep(ms) {
      ctx.sleeps.push(ms);
      const step = steps.shift();
      if (!step) abort.abort(new Error('test steps done'));
      else await step(ms);
      if (abort.signal.aborted) throw abort.signal.reason;
    },
  };
  return ctx;
}

/** Runs a connector until it returns or the context aborts; resolves with how it ended. */
export async function runUntilDone(run: Promise<void>, ctx: { signal: AbortSignal }): Promise<'returned' | 'aborted'> {
  try {
    await run;
    return 'returned';
  } catch (err) {
    if (ctx.signal.aborted) return 'aborted';
    throw err;
  }
}
