/**
 * Live connections to every enabled tool, one runtime's share of them. Each tool is held by exactly
 * one instance through its `connection_leases` lease `tool:<id>` (taken when free or expired,
 * renewed every third of the lease); the holder keeps the link, writes the state every instance shows, and runs
 * the requests other instances forward through `tool_requests` (SQLite is one instance: it always
 * runs them itself). Disabling or removing a tool closes its link at once (`refresh`).
 */
import type { Deps } from '../../deps.ts';
import { decryptSecret } from '../../crypto/envelope.ts';
import { prefixedId } from '../../crypto/random.ts';
import { EgressError } from '../../net/egress.ts';
import { acquireLease, dropLease, releaseLease } from '../../store/connection-leases.ts';
import { toolEvents, type ToolRow } from '../model.ts';
import type { LinkHooks, LinkTarget, ToolAnswer, ToolConnectionState, ToolEvent, ToolLink, ToolMessage } from './link.ts';
import { startObsLink } from './obs-link.ts';
import { startStreamerbotLink } from './streamerbot-link.ts';

export interface ToolConnectionsOptions {
  owner: string;
  /** How long a holder keeps a tool without renewing (ms); another instance takes it after. */
  leaseMs?: number;
  /** How often the holder looks for forwarded requests, and a requester for their answer (ms). */
  pollMs?: number;
  /** Bound of one connection attempt and of one request, including forwarding (ms). */
  timeoutMs?: number;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
  /** Where the tools' events go (the event log); called on the holding instance only. */
  onEvent?: (tool: { id: string; accountId: string; kind: string }, event: ToolEvent) => void | Promise<void>;
}

export interface ToolConnections {
  /** Starts taking leases and keeping links; `stop` closes every link and gives the leases up. */
  start(): { stop(): Promise<void> };
  /** One pass: take or renew leases, open or close links, run forwarded requests (tests call it directly). */
  tick(): Promise<void>;
  /** The tool was edited, disabled or removed: close its link now and look again. */
  refresh(toolId: string): Promise<void>;
  /** Sends one request to the tool, here or through the instance that holds it. */
  execute(toolId: string, message: ToolMessage): Promise<ToolAnswer>;
  /** Tool ids whose link this instance holds (tests, the multi-instance suite). */
  held(): string[];
  /** Stops what `start` started, if anything (the runtime closing). */
  close(): Promise<void>;
}

const passwordContext = (id: string) => ({ table: 'tools', column: 'password_enc', rowId: id });

/** ["General.Custom", "Twitch.ChatMessage"] → Streamer.bot's Subscribe shape {General: ["Custom"], Twitch: ["ChatMessage"]}. */
function subscriptionsOf(row: ToolRow): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of toolEvents(row)) {
    const [source, type] = name.split('.') as [string, string];
    (out[source] ??= []).push(type);
  }
  return out;
}

export function createToolConnections(deps: Deps, options: ToolConnectionsOptions): ToolConnections {
  const owner = options.owner;
  const leaseMs = options.leaseMs ?? 15_000;
  const pollMs = options.pollMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const backoff = options.backoff ?? { baseMs: 1_000, capMs: 30_000 };
  const random = options.random ?? Math.random;
  const links = new Map<string, { link: ToolLink; updatedAt: number; writes: Promise<void> }>();
  const { db } = deps.store;
  let running = false;
  let ticking: Promise<void> | undefined;

  async function writeState(toolId: string, state: ToolConnectionState, reason: string | null, version: string | null): Promise<void> {
    await db
      .updateTable('tool_states')
      .set({ state, reason, version, updated_at: deps.clock.now() })
      .where('tool_id', '=', toolId)
      .where('owner', '=', owner)
      .execute();
  }

  function open(row: ToolRow): void {
    const target: LinkTarget = {
      toolId: row.id,
      kind: row.kind,
      host: row.host,
      port: Number(row.port),
      endpoint: row.endpoint,
      password: row.password_enc === null ? null : decryptSecret(deps.keyring, row.password_enc, passwordContext(row.id)),
    };
    const entry = { link: undefined as unknown as ToolLink, updatedAt: Number(row.updated_at), writes: Promise.resolve() };
    const hooks: LinkHooks = {
      async resolve() {
        try {
          return { ip: (await deps.egress.check('tool', target.host, target.port)).address };
        } catch (err) {
          if (err instanceof EgressError) return { refused: err.reason === 'unresolved' ? `host "${target.host}" could not be resolved` : err.message };
          throw err;
        }
      },
      onState(state, reason, version) {
        entry.writes = entry.writes.then(() => writeState(row.id, state, reason, version)).catch((err) => deps.log.warn({ err, tool: row.id }, 'tool state not written'));
        deps.log.info({ tool: row.id, kind: row.kind, state, reason }, 'tool connection state');
      },
      onEvent(event) {
        Promise.resolve(options.onEvent?.({ id: row.id, accountId: row.account_id, kind: row.kind }, event)).catch((err) =>
          deps.log.warn({ err, tool: row.id, event: event.type }, 'tool event not stored'),
        );
      },
      random,
      backoff,
      timeoutMs,
    };
    entry.link = row.kind === 'obs' ? startObsLink(target, hooks) : startStreamerbotLink(target, hooks, subscriptionsOf(row));
    links.set(row.id, entry);
  }

  function drop(toolId: string): void {
    links.get(toolId)?.link.close();
    links.delete(toolId);
  }

  const leaseKey = (toolId: string) => `tool:${toolId}`;

  /** Takes the tool's lease when free, expired or already ours; true when this instance holds it now (and its state row says so). */
  async function claim(toolId: string, now: number): Promise<boolean> {
    if (!(await acquireLease(db, leaseKey(toolId), owner, now, leaseMs))) return false;
    await db
      .insertInto('tool_states')
      .values({ tool_id: toolId, owner, state: 'connecting', reason: null, version: null, updated_at: now })
      .onConflict((oc) => oc.column('tool_id').doUpdateSet({ owner }))
      .execute();
    return true;
  }

  async function release(toolId: string, state: ToolConnectionState): Promise<void> {
    await releaseLease(db, leaseKey(toolId), owner);
    await db
      .updateTable('tool_states')
      .set({ owner: null, ...(state === 'disabled' ? { state, reason: null, version: null, updated_at: deps.clock.now() } : {}) })
      .where('tool_id', '=', toolId)
      .where('owner', '=', owner)
      .execute();
  }

  async function pass(): Promise<void> {
    const now = deps.clock.now();
    const rows = await db.selectFrom('tools').selectAll().execute();
    const enabled = new Map(rows.filter((r) => Number(r.enabled) === 1).map((r) => [r.id, r]));
    for (const toolId of [...links.keys()]) {
      const row = enabled.get(toolId);
      if (!row || Number(row.updated_at) !== links.get(toolId)?.updatedAt) {
        drop(toolId);
        if (!row) await release(toolId, 'disabled');
        if (!rows.some((r) => r.id === toolId)) await dropLease(db, leaseKey(toolId));
      }
    }
    // A disabled tool shows `disabled` whoever wrote its state last.
    const disabled = rows.filter((r) => Number(r.enabled) !== 1).map((r) => r.id);
    if (disabled.length > 0) {
      await db.updateTable('tool_states').set({ state: 'disabled', owner: null, reason: null, version: null, updated_at: now }).where('tool_id', 'in', disabled).where('state', '!=', 'disabled').execute();
    }
    if (!running) return;
    for (const row of enabled.values()) {
      if (await claim(row.id, now)) {
        if (!links.has(row.id)) open(row);
      } else if (links.has(row.id)) {
        drop(row.id);
      }
    }
  }

  async function serveForwarded(): Promise<void> {
    const mine = [...links.keys()];
    if (mine.length === 0) return;
    const requests = await db.selectFrom('tool_requests').selectAll().where('tool_id', 'in', mine).where('status', '=', 'pending').orderBy('created_at').limit(20).execute();
    for (const request of requests) {
      const answer = await runHere(request.tool_id, JSON.parse(request.message) as ToolMessage);
      await db.updateTable('tool_requests').set({ status: 'done', answer: JSON.stringify(answer) }).where('id', '=', request.id).where('status', '=', 'pending').execute();
    }
  }

  async function runHere(toolId: string, message: ToolMessage): Promise<ToolAnswer> {
    const entry = links.get(toolId);
    if (!entry) return { ok: false, kind: 'not_connected', state: 'connecting', reason: 'the instance holding the tool let it go' };
    return entry.link.call(message);
  }

  async function forward(toolId: string, message: ToolMessage): Promise<ToolAnswer> {
    const id = prefixedId('treq', 12);
    await db.insertInto('tool_requests').values({ id, tool_id: toolId, message: JSON.stringify(message), status: 'pending', answer: null, created_at: deps.clock.now() }).execute();
    const deadline = performance.now() + timeoutMs;
    try {
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, 100)));
        const row = await db.selectFrom('tool_requests').select(['status', 'answer']).where('id', '=', id).executeTakeFirst();
        if (!row) break;
        if (row.status === 'done' && row.answer) return JSON.parse(row.answer) as ToolAnswer;
      }
      return { ok: false, kind: 'not_connected', state: 'unreachable', reason: `the instance holding the tool did not answer within ${timeoutMs} ms` };
    } finally {
      await db.deleteFrom('tool_requests').where('id', '=', id).execute();
    }
  }

  async function tick(): Promise<void> {
    ticking ??= (async () => {
      try {
        await pass();
        await db.deleteFrom('tool_requests').where('created_at', '<', deps.clock.now() - 2 * timeoutMs).execute();
      } finally {
        ticking = undefined;
      }
    })();
    return ticking;
  }

  let started: { stop(): Promise<void> } | undefined;

  return {
    start() {
      if (started) return started;
      running = true;
      let stopped = false;
      let leaseTimer: NodeJS.Timeout | undefined;
      let pollTimer: NodeJS.Timeout | undefined;
      const leaseLoop = async () => {
        await tick().catch((err) => deps.log.warn({ err }, 'tool connections pass failed'));
        if (!stopped) leaseTimer = setTimeout(leaseLoop, Math.max(50, Math.floor(leaseMs / 3)));
      };
      const pollLoop = async () => {
        await serveForwarded().catch((err) => deps.log.warn({ err }, 'forwarded tool requests failed'));
        if (!stopped) pollTimer = setTimeout(pollLoop, pollMs);
      };
      void leaseLoop();
      void pollLoop();
      started = {
        async stop() {
          if (stopped) return;
          stopped = true;
          started = undefined;
          running = false;
          clearTimeout(leaseTimer);
          clearTimeout(pollTimer);
          await ticking?.catch(() => {});
          for (const toolId of [...links.keys()]) {
            drop(toolId);
            await release(toolId, 'connecting').catch(() => {});
          }
        },
      };
      return started;
    },
    tick,
    async refresh(toolId) {
      drop(toolId);
      if (running) await tick().catch((err) => deps.log.warn({ err, tool: toolId }, 'tool connections pass failed'));
    },
    async execute(toolId, message) {
      if (links.has(toolId)) return runHere(toolId, message);
      const state = await db.selectFrom('tool_states').selectAll().where('tool_id', '=', toolId).executeTakeFirst();
      const lease = await db.selectFrom('connection_leases').selectAll().where('key', '=', leaseKey(toolId)).executeTakeFirst();
      const heldElsewhere = lease !== undefined && lease.owner !== owner && Number(lease.expires_at) > deps.clock.now();
      if (state && heldElsewhere && state.owner === lease.owner && state.state === 'connected') return forward(toolId, message);
      return { ok: false, kind: 'not_connected', state: state?.state ?? 'connecting', reason: state?.reason ?? null };
    },
    held: () => [...links.keys()],
    close: async () => started?.stop(),
  };
}
