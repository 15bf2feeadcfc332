/**
 * Running a fake: alone on 127.0.0.1 with an ephemeral port (tests), or mounted in the main app under
 * a prefix (sandbox mode). Both give the same handle: knobs, counters, call log, programmatic consent.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ClientCredentials } from '../types.ts';
import { FakeAuthServer, fakeClient, type FakeServerOptions } from './auth-server.ts';
import { approveUrl } from './authorize-flow.ts';
import type { ChatRecorder } from './chat-recorder.ts';
import type { FakeCall, FakeCounters, FakeDefinition, FakeKnobs, FakeUser } from './types.ts';

export type StartFakeOptions<K extends FakeKnobs = FakeKnobs> = FakeServerOptions<K>;

/** A running fake. */
export interface FakeHandle<K extends FakeKnobs = FakeKnobs> {
  slug: FakeDefinition<K>['slug'];
  /** Root URL of the fake (`http://127.0.0.1:<port>`). */
  url: string;
  /** Endpoint-group base URLs: `createPlatformRegistry(config, { fetch, baseUrls: { [slug]: fake.baseUrls } })`. */
  baseUrls: Record<string, string>;
  /** A client the fake accepts (the first registered one). */
  credentials: Required<ClientCredentials>;
  /** Mutable: change between requests. */
  knobs: K;
  counters: FakeCounters;
  calls: FakeCall[];
  users: readonly FakeUser[];
  /** Chat messages and moderation actions received (`items`, `rateLimited`, `reset()`); also at `GET {url}/chat`. */
  chat: ChatRecorder;
  /** The authorization-server state (grants, tokens, helpers such as revokeUser, grantIdOf, expireAccessTokens). */
  state: FakeAuthServer<K>;
  /** Presses Authorize on the consent page for `authorizationUrl` (as `user`, id or login); returns the redirect URL with code and state. */
  approve(authorizationUrl: string, options?: { user?: string }): string;
  /** Presses Deny; returns the redirect URL with `error=access_denied`. */
  deny(authorizationUrl: string): string;
  /** Restores the start knobs, zeroes counters, the call log and the chat records. */
  reset(): void;
  close(): Promise<void>;
}

/** Builds the handle around a server state (shared by startFake and sandbox mounting). */
export function fakeHandle<K extends FakeKnobs>(def: FakeDefinition<K>, state: FakeAuthServer<K>, url: string, close: () => Promise<void>): FakeHandle<K> {
  const first = [...state.clients.entries()][0];
  const credentials = first ? { clientId: first[0], clientSecret: first[1] ?? '' } : fakeClient(def.slug);
  return {
    slug: def.slug,
    url,
    baseUrls: def.baseUrls(url),
    credentials,
    knobs: state.knobs,
    counters: state.counters,
    calls: state.calls,
    users: state.users,
    chat: state.chat,
    state,
    approve: (authorizationUrl, options = {}) => approveUrl(state, def.authorize, authorizationUrl, options),
    deny: (authorizationUrl) => approveUrl(state, def.authorize, authorizationUrl, { deny: true }),
    reset: () => state.reset(),
    close,
  };
}

/** Starts a fake on 127.0.0.1, port 0, in its own Fastify instance. */
export async function startFakeServer<K extends FakeKnobs>(def: FakeDefinition<K>, options: StartFakeOptions<K> = {}): Promise<FakeHandle<K>> {
  const state = new FakeAuthServer(def, options);
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(def.plugin, { server: state });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return fakeHandle(def, state, address.replace('localhost', '127.0.0.1'), () => app.close());
}
