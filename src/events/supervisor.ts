/**
 * The connector supervisor of one instance: every `lease / 3` it lists the live connections, takes
 * the lease of those nobody holds (or whose owner stopped renewing), renews its own, and runs each
 * connection's connector with a ConnectorContext. A connection that ends or fails reconnects with
 * jittered exponential backoff; one whose connector gave up (ConnectorGaveUp) shows `error` with the
 * reason and keeps its lease without retrying until the connection changes. A connection that no
 * longer exists (disconnected here or on another instance) stops at the next renewal; here, a
 * disconnect stops it at once and removes its platform subscriptions (`stopConnection`).
 */
import { saveKickSubscriptions } from './kick-ingest.ts';
import type { ConsumerService } from '../consumers/service.ts';
import type { Consumer } from '../consumers/consumer.ts';
import { ConnectorGaveUp, type Connector, type ConnectorContext, type ConnectorState } from '../platforms/event-types.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';
import { resolveBaseUrls } from '../platforms/definition.ts';
import { platformEndpoints } from '../config/endpoints.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { readStreamElementsToken } from '../tools/streamelements-service.ts';
import { acquireLease, dropLease, releaseLease, renewLease } from '../store/connection-leases.ts';
import { backoffDelay } from '../net/backoff.ts';
import { appendEvents, type EventLogDeps } from './log.ts';
import { listConnections, type ConnectionInfo } from './connections.ts';

/** The events capability reads tokens as the instance itself. */
const INSTANCE: Consumer = { kind: 'internal', id: 'internal', label: 'live events' };
const BACKOFF = { baseMs: 1000, capMs: 60_000 };
/** How long a stopping connector may take to wind down before we move on. */
const STOP_GRACE_MS = 5000;


/** Tries of one append before the connection is given up (about a minute of backoff in all). */
const EMIT_ATTEMPTS = 15;
export interface SupervisorDeps extends EventLogDeps {
  readonly consumers: ConsumerService;
}

export interface SupervisorSeams {
  owner: string;
  random: () => number;
  /** Waits between reconnects (tests resolve it at once or by hand). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The connector of a connection; by default the platform definition's, or StreamElements'. */
  connectorFor?: ((c: ConnectionInfo) => Connector | undefined) | undefined;
  /** The StreamElements connector (tools capability), when there is one. */
  streamElements?: (() => Connector) | undefined;
}

export interface Supervisor {
  /** One pass: list, take, renew, start and stop (the timer calls it; tests call it with an injected clock). */
  tick(): Promise<void>;
  /** Starts ticking every lease / 3. */
  start(): void;
  /** Stops every connection and gives up the leases (shutdown). */
  stop(): Promise<void>;
  /** A connection was removed here: stop it now, remove its platform subscriptions, forget its rows. */
  stopConnection(key: string, info?: ConnectionInfo): Promise<void>;
  /** Keys of the connections running on this instance. */
  running(): string[];
}

interface Runner {
  info: ConnectionInfo;
  connector: Connector;
  ctx: ConnectorContext;
  abort: AbortController;
  done: Promise<void>;
  /** The fingerprint the connector gave up on. */
  gaveUp?: string | undefined;
}

/** The platforms whose channel integrations have a connector. */
export function platformsWithEvents(): string[] {
  return PLATFORM_DEFINITIONS.filter((d) => d.events).map((d) => d.slug);
}

export function createSupervisor(deps: SupervisorDeps, seams: SupervisorSeams): Supervisor {
  const runners = new Map<string, Runner>();
  const leaseMs = deps.config.events.lease;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping = false;
  let ticking: Promise<void> | undefined;

  function connectorOf(info: ConnectionInfo): Connector | undefined {
    if (seams.connectorFor) return seams.connectorFor(info);
    if (info.kind === 'streamelements') return seams.streamElements?.();
    return PLATFORM_DEFINITIONS.find((d) => d.slug === info.platform)?.events?.createConnector(deps.config.events);
  }

  async function writeState(info: ConnectionInfo, state: ConnectorState): Promise<void> {
    const row = {
      account_id: info.accountId,
      kind: info.kind,
      integration_id: info.integrationId,
      streamelements_token_id: info.streamelementsTokenId,
      platform: info.platform,
      state: state.state,
      // A connected connection may still say something (subscriptions skipped or revoked).
      reason: 'reason' in state ? (state.reason ?? null) : null,
      owner: seams.owner,
      updated_at: deps.clock.now(),
    };
    await deps.store.db
      .insertInto('connector_states')
      .values({ key: info.key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async function buildContext(info: ConnectionInfo, signal: AbortSignal, onConnected: () => void): Promise<ConnectorContext> {
    const row = info.integrationId ? await findIntegrationById(deps.store.db, info.integrationId) : undefined;
    if (info.kind === 'integration' && !row) throw new Error('the integration is gone');
    const def = PLATFORM_DEFINITIONS.find((d) => d.slug === info.platform);
    const credentials = (row && (await credentialsFor(deps, row))) ?? { clientId: '' };
    const key = info.key;
    return {
      signal,
      integrationId: info.integrationId ?? info.streamelementsTokenId!,
      accountId: info.accountId,
      credentials,
      channel: { platformUserId: row?.platform_user_id ?? '', username: row?.platform_username ?? '' },
      baseUrls: def ? resolveBaseUrls(def.defaultBaseUrls, platformEndpoints(deps.config.integrations)[info.platform]) : {},
      publicUrl: deps.config.server.public_url,
      webhookSubscriptions: row
        ? { save: (list) => saveKickSubscriptions(deps, { integrationId: row.id, accountId: info.accountId, broadcasterUserId: row.platform_user_id }, list) }
        : undefined,
      fetch: deps.fetch,
      now: () => deps.clock.now(),
      async accessToken() {
        if (info.kind === 'streamelements') return (await readStreamElementsToken(deps, info.accountId, info.streamelementsTokenId!)).token;
        return (await deps.consumers.readToken(INSTANCE, info.integrationId!)).access_token;
      },
      async tokenRejected() {
        // A StreamElements JWT cannot be refreshed: the connector gives up and the user replaces it.
        if (info.kind === 'streamelements') return (await readStreamElementsToken(deps, info.accountId, info.streamelementsTokenId!)).token;
        return (await deps.consumers.reportInvalid(INSTANCE, info.integrationId!)).access_token;
      },
      async emit(source, events) {
        // Events in hand are not dropped because the database was slow or briefly away: the append is
        // retried (the connector waits, and the platform's socket buffers meanwhile) until it lands or
        // this connection is stopped. A redelivered event is stored once either way.
        const target = { accountId: info.accountId, platform: info.platform, integrationId: info.integrationId, source };
        for (let attempt = 0; ; attempt++) {
          try {
            await appendEvents(deps, target, events);
            return;
          } catch (err) {
            if (signal.aborted || attempt >= EMIT_ATTEMPTS) throw err;
            deps.log.warn({ err, connection: key, attempt: attempt + 1 }, 'could not store live events; retrying');
            await seams.sleep(Math.min(5_000, 100 * 2 ** attempt), signal);
          }
        }
      },
      setState(state) {
        if (signal.aborted) return;
        if (state.state === 'connected') onConnected();
        void writeState(info, state).catch((err: unknown) => deps.log.warn({ err, connection: key }, 'could not record a connection state'));
      },
      cursor: {
        async get() {
          const c = await deps.store.db.selectFrom('connector_cursors').select('value').where('key', '=', key).executeTakeFirst();
          return c?.value ?? null;
        },
        async set(value) {
          if (value === null) {
            await deps.store.db.deleteFrom('connector_cursors').where('key', '=', key).execute();
            return;
          }
          const now = deps.clock.now();
          await deps.store.db
            .insertInto('connector_cursors')
            .values({ key, value, updated_at: now })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
            .execute();
        },
      },
      sleep: (ms) => seams.sleep(ms, signal),
    };
  }

  /** Runs one connection until it is aborted or gives up, reconnecting with backoff. */
  async function runLoop(runner: Runner, setConnected: (v: boolean) => void, wasConnected: () => boolean): Promise<void> {
    const { info, connector, ctx, abort } = runner;
    let failures = 0;
    while (!abort.signal.aborted) {
      setConnected(false);
      await writeState(info, { state: 'connecting' }).catch(() => {});
      let reason = 'the connection ended';
      try {
        await connector.run(ctx);
      } catch (err) {
        if (abort.signal.aborted) break;
        if (err instanceof ConnectorGaveUp) {
          runner.gaveUp = info.fingerprint;
          await writeState(info, { state: 'error', reason: err.reason }).catch(() => {});
          deps.log.warn({ connection: info.key, reason: err.reason }, 'live connection gave up until it is changed');
          return;
        }
        reason = (err as Error).message || String(err);
      }
      if (abort.signal.aborted) break;
      failures = wasConnected() ? 1 : failures + 1;
      const delay = backoffDelay(failures, BACKOFF, seams.random);
      await writeState(info, { state: 'error', reason: `${reason}; reconnecting` }).catch(() => {});
      deps.log.info({ connection: info.key, reason, retry_in_ms: delay }, 'live connection lost; reconnecting');
      try {
        await seams.sleep(delay, abort.signal);
      } catch {
        break;
      }
    }
  }

  async function startRunner(info: ConnectionInfo): Promise<void> {
    const connector = connectorOf(info);
    if (!connector) return;
    const abort = new AbortController();
    let connected = false;
    let ctx: ConnectorContext;
    try {
      ctx = await buildContext(info, abort.signal, () => (connected = true));
    } catch (err) {
      deps.log.warn({ err, connection: info.key }, 'could not prepare a live connection');
      return;
    }
    const runner: Runner = { info, connector, ctx, abort, done: Promise.resolve() };
    runner.done = runLoop(
      runner,
      (v) => (connected = v),
      () => connected,
    ).catch((err: unknown) => deps.log.error({ err, connection: info.key }, 'live connection supervisor failed'));
    runners.set(info.key, runner);
  }

  async function halt(runner: Runner): Promise<void> {
    runner.abort.abort();
    await Promise.race([runner.done, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref?.())]);
  }

  async function pass(): Promise<void> {
    const now = deps.clock.now();
    const all = await listConnections(deps, seams.connectorFor ? allPlatforms() : platformsWithEvents());
    const byKey = new Map(all.map((c) => [c.key, c]));
    for (const [key, runner] of runners) {
      const info = byKey.get(key);
      const kept = info !== undefined && (await renewLease(deps.store.db, key, seams.owner, now, leaseMs));
      if (!kept) {
        runners.delete(key);
        await halt(runner);
        continue;
      }
      if (runner.gaveUp !== undefined && runner.gaveUp !== info.fingerprint) {
        runners.delete(key);
        await halt(runner);
      }
    }
    for (const info of all) {
      if (stopping || runners.has(info.key)) continue;
      if (!connectorOf(info)) continue;
      if (await acquireLease(deps.store.db, info.key, seams.owner, now, leaseMs)) await startRunner(info);
    }
  }

  function allPlatforms(): string[] {
    return PLATFORM_DEFINITIONS.map((d) => d.slug);
  }

  function tick(): Promise<void> {
    if (ticking) return ticking;
    ticking = pass()
      .catch((err: unknown) => deps.log.warn({ err }, 'live connection pass failed; retrying'))
      .finally(() => (ticking = undefined));
    return ticking;
  }

  function schedule(): void {
    if (stopping) return;
    timer = setTimeout(() => void tick().finally(schedule), Math.max(100, Math.floor(leaseMs / 3)));
    timer.unref?.();
  }

  return {
    tick,
    start() {
      stopping = false;
      void tick().finally(schedule);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      if (ticking) await ticking;
      const list = [...runners.values()];
      runners.clear();
      await Promise.all(list.map((r) => halt(r)));
      for (const r of list) await releaseLease(deps.store.db, r.info.key, seams.owner).catch(() => {});
    },
    async stopConnection(key, info) {
      const runner = runners.get(key);
      runners.delete(key);
      if (runner) await halt(runner);
      const target = runner?.info ?? info;
      const connector = runner?.connector ?? (target ? connectorOf(target) : undefined);
      if (connector?.unsubscribe && target) {
        try {
          const ctx = runner?.ctx ?? (await buildContext(target, new AbortController().signal, () => {}));
          await connector.unsubscribe(ctx);
        } catch (err) {
          deps.log.warn({ err, connection: key }, 'could not remove the platform subscriptions of a stopped connection');
        }
      }
      await deps.store.db.deleteFrom('connector_states').where('key', '=', key).execute();
      await deps.store.db.deleteFrom('connector_cursors').where('key', '=', key).execute();
      await dropLease(deps.store.db, key);
    },
    running: () => [...runners.keys()],
  };
}
