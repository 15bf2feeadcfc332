/**
 * The runtime: everything a service function needs, built once at start and injected everywhere
 * (config, store, keyring, clock, logger, fetch, metrics), plus the services that own each
 * capability's per-instance state. Tests build it with their own pieces and seams.
 * Start-up order: the database must answer first (nothing is written to the data dir before), then
 * migrations, then the keyring, then (for serve and worker) the check that it opens the stored secrets.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from './config/schema.ts';
import type { Store } from './store/db.ts';
import { connectStore } from './store/connect.ts';
import { migrateToLatest } from './store/migrate.ts';
import type { Keyring } from './crypto/keyring.ts';
import { openKeyring } from './crypto/key-source.ts';
import { verifyKeyring } from './crypto/key-check.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLogger, type Logger } from './log.ts';
import { createPlatformRegistry } from './platforms/registry.ts';
import { platformEndpoints } from './config/endpoints.ts';
import { createBus, type Bus } from './bus/bus.ts';
import { createEgressPolicy, type EgressOptions } from './net/egress.ts';
import type { Deps } from './deps.ts';
import { createToolTests, type ToolTests } from './tools/tool-tests.ts';
import { createPasswordHasher, type PasswordHasher, type PasswordHashParams } from './accounts/passwords.ts';
import { createMetrics } from './metrics.ts';
import { prepareAccountRevokes } from './integrations/account-deletion-hook.ts';
import { createTokenStore, type TokenStore } from './tokens/token-store.ts';
import { onAppCredentialsDeleted } from './health/needs-reauth.ts';
import { createPushService, type PushService } from './push/service.ts';
import { createRefreshService, type RefreshService } from './refresh/service.ts';
import type { RefreshSteps } from './refresh/steps.ts';
import { createConsumerService, type ConsumerService } from './consumers/service.ts';
import { createChatService, type ChatService } from './chat/service.ts';
import { normaliseToolEvent, toolEventTarget } from './tools/live/tool-events.ts';
import { appendEvents } from './events/log.ts';
import { createToolConnections, type ToolConnections, type ToolConnectionsOptions } from './tools/live/connections.ts';
import { createEventService, type EventService } from './events/service.ts';
import { createKickIngest, type KickIngest } from './events/kick-ingest.ts';
import { createStreamElementsConnector, DEFAULT_ASTRO_URL, sandboxAstroUrl } from './tools/streamelements-connector.ts';
import { markStreamElementsTokenFailing } from './tools/streamelements-service.ts';
import type { Connector } from './platforms/event-types.ts';
import type { ConnectionInfo } from './events/connections.ts';
import { onIntegrationDisconnected, onStreamElementsTokenDeleted } from './events/disconnect.ts';

/** The capabilities' services: each owns its per-instance state (caches, in-flight work, streams). */
export interface Services {
  /** The token store's read cache. */
  readonly tokens: TokenStore;
  readonly push: PushService;
  readonly refresh: RefreshService;
  readonly consumers: ConsumerService;
  /** The event log's live streams, the LISTEN connection and the connector supervisor. */
  readonly events: EventService;
  /** Kick webhook deliveries: verification (with Kick's cached public key) and append. */
  readonly kickIngest: KickIngest;
  /** Password hashing (argon2id; tests ask for cheaper parameters). */
  readonly passwords: PasswordHasher;
  /** Tool Tests in flight (a second click joins the first). */
  readonly toolTests: ToolTests;
  /** Chat's per-instance caches (sender roles, YouTube live chats) and its wait for a free slot. */
  readonly chat: ChatService;
  /** Live connections to the enabled tools this instance holds, and requests to any tool. */
  readonly toolLinks: ToolConnections;
}

/** The foundation every capability uses, plus the capabilities' own services; transport and the CLI take it. */
export interface Runtime extends Deps, Services {
  close(): Promise<void>;
}

/** What tests inject into the services (production uses the defaults). */
export interface ServiceSeams {
  /** Uniform [0,1) randomness for jitter (refresh backoff, lease polls, webhook retries). */
  random?: () => number;
  /** Real-time wait between lease polls. */
  sleep?: (ms: number) => Promise<void>;
  /** Hooks at the refresh path's named steps (the crash suite kills the process there). */
  steps?: RefreshSteps;
  /** argon2id parameters (tests lower the cost; production uses the documented ones). */
  passwordHashing?: PasswordHashParams;
  /** The wait for a chat limit's next free slot (tests advance a manual clock instead of waiting). */
  chatSleep?: (ms: number) => Promise<void>;
  /** Tool connections: lease, polls, timeouts, backoff, where their events go (tests shorten them). */
  toolLinks?: Omit<ToolConnectionsOptions, 'owner'>;
  /** Wait between connector reconnects (aborts with the signal). */
  connectorSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The connector of a live connection, instead of the platform's (tests define their own). */
  connectorFor?: (connection: ConnectionInfo) => Connector | undefined;
}

/** Lease owner id of one runtime: host, pid and a random part, so two runtimes in one process differ. */
function instanceOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Builds the services over the foundation, lower capabilities first (tokens < push < refresh < consumers). */
export function createServices(deps: Deps, seams: ServiceSeams = {}): Services {
  const owner = instanceOwner();
  const tokens = createTokenStore(deps);
  const push = createPushService(deps, { owner, random: seams.random });
  const refresh = createRefreshService({ ...deps, tokens }, { owner, ...seams });
  const consumers = createConsumerService({ ...deps, tokens, refresh });
  const events = createEventService(
    { ...deps, consumers },
    {
      owner,
      random: seams.random ?? Math.random,
      sleep: seams.connectorSleep,
      connectorFor: seams.connectorFor,
      streamElements: () =>
        createStreamElementsConnector({
          astroUrl: deps.config.streamelements.astro_url ?? (deps.config.sandbox ? sandboxAstroUrl(deps.config.server.public_url) : DEFAULT_ASTRO_URL),
          // For a StreamElements connection the context's integrationId is the token's id.
          markFailing: (ctx, reason) => markStreamElementsTokenFailing(deps, ctx.accountId, ctx.integrationId, reason),
        }),
    },
  );
  // Tool events go to the event log unless a test takes them.
  const toolLinks = createToolConnections(deps, { random: seams.random, onEvent: async (tool, event) => {
      const normalised = normaliseToolEvent(tool.id, tool.kind, event);
      if (normalised) await appendEvents({ ...deps, events }, toolEventTarget(tool), [normalised]);
    }, ...seams.toolLinks, owner });
  const kickIngest = createKickIngest(deps, (target, list) => appendEvents({ ...deps, events }, target, list));
  return { tokens, push, refresh, consumers, events, kickIngest, passwords: createPasswordHasher(seams.passwordHashing), toolTests: createToolTests(), chat: createChatService({ sleep: seams.chatSleep }), toolLinks };
}

export interface RuntimeOptions {
  log?: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  store?: Store;
  keyring?: Keyring;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  /** Seams of the egress policy (tests: a scripted resolver, fixed interface addresses). */
  egress?: EgressOptions;
  /** Stop with a StartupError unless every key the stored secrets use is present and decrypts (serve, worker). */
  verifyKeys?: boolean;
  /** Seams of the services (tests). */
  seams?: ServiceSeams;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger({ level: config.log.level, format: config.log.format });
  const store =
    options.store ??
    (await connectStore({
      databaseUrl: config.database.url,
      dataDir: config.data_dir,
      poolSize: config.database.pool_size,
      waitMs: config.database.wait,
      log,
    }));
  let keyring: Keyring;
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(store);
      if (applied.length > 0) log.info({ applied, store: store.description }, 'applied migrations');
    }
    keyring = options.keyring ?? (await openKeyring(store, { configKeys: config.encryption.keys, dataDir: config.data_dir, log }));
    if (options.verifyKeys) {
      const usage = await verifyKeyring(store, keyring);
      log.info({ keys: Object.fromEntries(usage), source: keyring.source }, 'encryption keys checked against the stored secrets');
    }
  } catch (err) {
    if (!options.store) await store.close();
    throw err;
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const bus = createBus();
  const deps: Deps = {
    config,
    store,
    keyring,
    clock: options.clock ?? systemClock,
    log,
    fetch: fetchImpl,
    platforms: createPlatformRegistry({ fetch: fetchImpl, endpoints: platformEndpoints(config.integrations) }),
    bus,
    egress: createEgressPolicy(config, options.egress),
    metrics: createMetrics(),
  };
  const services = createServices(deps, options.seams);
  const rt: Runtime = {
    ...deps,
    ...services,
    close: async () => {
      await services.toolLinks.close();
      await services.events.stop();
      // Chat sends answered but not yet in the chat log.
      await services.chat.close();
      await store.close();
    },
  };
  wireBus(rt, bus);
  return rt;
}

/** Which capability reacts to which: the only place that knows both sides of an event. */
function wireBus(rt: Runtime, bus: Bus): void {
  bus.on('app_credentials.deleted', ({ accountId, platform }) => onAppCredentialsDeleted(rt, accountId, platform));
  bus.on('account.deleting', ({ accountId }) => prepareAccountRevokes(rt, accountId));
  bus.on('tool.changed', ({ toolId }) => rt.toolLinks.refresh(toolId));
  bus.on('tool.deleted', ({ toolId }) => rt.toolLinks.refresh(toolId));
  bus.on('integration.disconnected', (payload) => onIntegrationDisconnected(rt, payload));
  bus.on('streamelements_token.deleted', (payload) => onStreamElementsTokenDeleted(rt, payload));
}
