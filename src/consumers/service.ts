/**
 * The consumers capability of one runtime (`rt.consumers`): it owns what a token read keeps in memory
 * (remembered service keys, the parsed internal keys and token-server address ranges, the read
 * counter) and answers the internal token API, the 401 report and the Companion token server. The
 * service keys and token-server ids themselves are managed by service-keys.ts and token-server.ts.
 */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { RefreshService } from '../refresh/service.ts';
import type { StreamReader } from '../push/event-stream.ts';
import type { Consumer } from './consumer.ts';
import type { ConsumerContext } from './context.ts';
import { createConsumerAuthenticator } from './authenticate.ts';
import { createReadStats } from './read-stats.ts';
import { cachedAnswer, readToken, readTokenFast, reportInvalid, type ReadOptions, type TokenResponse } from './token-read.ts';
import { createTokenServerIds, parseRanges, serveTokenServer, tokenServerAnswerNow, type AddressRanges } from './token-server.ts';
import { streamReaderOf } from './stream-reader.ts';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface ConsumerService {
  /** The consumer of these request headers, or a 401 (a promise when a service key must be looked up). */
  authenticate(headers: Headers): Consumer | Promise<Consumer>;
  /** Forgets remembered service keys (one was deleted). */
  forgetServiceKeys(): void;
  /** A token valid for at least tokens.read_margin (token-read.ts). */
  readToken(consumer: Consumer, id: string, ip?: string | null, options?: ReadOptions): Promise<TokenResponse>;
  /** readToken for route handlers: the answer itself when the cache has it, otherwise a promise of it. */
  readTokenFast(consumer: Consumer, id: string, ip?: string | null): TokenResponse | Promise<TokenResponse>;
  /**
   * The answer of a token read when it is ready at once (a cached, readable token valid for the read
   * margin), counted as read; else undefined, having done nothing: the hot path asks this first.
   */
  tokenNow(consumer: Consumer, id: string, ip: string | null): TokenResponse | undefined;
  /** A token answer as JSON, stringified once per answer (answers are frozen and shared by every read of a cached token). */
  tokenJson(answer: TokenResponse): string;
  /** A 401 seen with this token: one forced refresh however many report it; answers the current token. */
  reportInvalid(consumer: Consumer, id: string, ip?: string | null): Promise<TokenResponse>;
  /** The bare access token of a Companion token-server id: at once when remembered and cached, otherwise a promise of it. */
  serveTokenServer(id: string | undefined, ip: string): string | Promise<string>;
  /** serveTokenServer's answer when it is ready at once, else undefined, having done nothing (token-server.ts). */
  tokenServerNow(id: string, ip: string): string | undefined;
  /** Forgets remembered token-server ids (one was rotated or disabled). */
  forgetTokenServers(): void;
  /** The consumer as a reader of the event stream. */
  streamReader(consumer: Consumer): StreamReader;
  /** Writes the counted token reads now. */
  flushReads(): Promise<void>;
  /** Stops the read counter's timer and writes what is left (shutdown). */
  stop(): Promise<void>;
}

export function createConsumerService(deps: TokenDeps & { readonly refresh: RefreshService }): ConsumerService {
  const auth = createConsumerAuthenticator(deps);
  const reads = createReadStats(deps);
  const ctx: ConsumerContext = { ...deps, reads, answers: new WeakMap(), rowReads: new Map() };
  const tokenServers = createTokenServerIds(ctx);
  // Parsed at the first token-server call, not at start: a bad entry fails those calls, not every command.
  let allowed: AddressRanges | undefined;
  const ranges = (): AddressRanges => (allowed ??= parseRanges(deps.config.token_server.allowed_cidrs));
  // Weakly held: a JSON goes with its answer, which goes with its cache entry.
  const json = new WeakMap<TokenResponse, string>();
  return {
    authenticate: (headers) => auth.authenticate(headers),
    forgetServiceKeys: () => auth.forgetServiceKeys(),
    readToken: (consumer, id, ip = null, options = {}) => readToken(ctx, consumer, id, ip, options),
    readTokenFast: (consumer, id, ip = null) => readTokenFast(ctx, consumer, id, ip),
    tokenNow: (consumer, id, ip) => cachedAnswer(ctx, consumer, id, ip),
    tokenJson(answer) {
      let text = json.get(answer);
      if (text === undefined) {
        text = JSON.stringify(answer);
        if (Object.isFrozen(answer)) json.set(answer, text);
      }
      return text;
    },
    reportInvalid: (consumer, id, ip = null) => reportInvalid(ctx, consumer, id, ip),
    serveTokenServer: (id, ip) => serveTokenServer(ctx, tokenServers, ranges(), id, ip),
    tokenServerNow: (id, ip) => {
      try {
        return tokenServerAnswerNow(ctx, tokenServers, ranges(), id, ip);
      } catch {
        return undefined; // a bad allowed_cidrs entry: the route answers it
      }
    },
    forgetTokenServers: () => tokenServers.forget(),
    streamReader: (consumer) => streamReaderOf(deps, consumer),
    flushReads: () => reads.flush(),
    stop: () => reads.stop(),
  };
}
